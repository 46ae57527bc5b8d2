// What a session token carries, and its byte form inside the seal: compact JSON, deflated when
// that is smaller (a leading flag byte says which). `formatSessionClaims` / `parseSessionClaims` are
// a pair; parsing is strict even though the bytes were authenticated, so a bug in an older or newer
// replica cannot smuggle an unexpected shape into authorization.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { SessionTag } from "../principal.js";

/** A role session (AssumeRole, CreateSession). Times are epoch seconds. */
export interface RoleSessionClaims {
  readonly kind: "role";
  readonly accountId: string;
  /** The role ARN, with its path. */
  readonly roleArn: string;
  /** `AROA…` */
  readonly roleId: string;
  readonly sessionName: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly policy?: string;
  readonly policyArns: readonly string[];
  readonly tags: readonly SessionTag[];
  readonly transitiveTagKeys: readonly string[];
  readonly sourceIdentity?: string;
  readonly chained: boolean;
  readonly issuer: string;
}

/** GetSessionToken credentials of an IAM user. */
export interface UserSessionClaims {
  readonly kind: "user";
  readonly accountId: string;
  readonly userName: string;
  /** `AIDA…` */
  readonly userId: string;
  readonly userArn: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** GetSessionToken credentials of the account root. */
export interface RootSessionClaims {
  readonly kind: "root";
  readonly accountId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export type SessionClaims = RoleSessionClaims | UserSessionClaims | RootSessionClaims;

/** The claims could not be read (a bug or a version mismatch between replicas, never user input). */
export class SessionClaimsError extends Error {
  override readonly name = "SessionClaimsError";
}

const RAW = 0;
const DEFLATED = 1;
/** More than any valid claims inflate to (session policies and tags are bounded by the packed size). */
const MAX_INFLATED_BYTES = 64 * 1024;
const MAX_TEXT = 4096;
const MAX_LIST = 64;

/** The claims as bytes: a flag byte (0 raw, 1 deflate-raw), then compact JSON. */
export function formatSessionClaims(claims: SessionClaims): Buffer {
  const json = Buffer.from(JSON.stringify(toWire(claims)), "utf8");
  const deflated = deflateRawSync(json, { level: 9 });
  return deflated.length < json.length
    ? Buffer.concat([Buffer.of(DEFLATED), deflated])
    : Buffer.concat([Buffer.of(RAW), json]);
}

/** Reads what {@link formatSessionClaims} wrote; throws SessionClaimsError for anything else. */
export function parseSessionClaims(bytes: Buffer): SessionClaims {
  const flag = bytes[0];
  let json: Buffer;
  if (flag === RAW) json = bytes.subarray(1);
  else if (flag === DEFLATED) {
    try {
      json = inflateRawSync(bytes.subarray(1), { maxOutputLength: MAX_INFLATED_BYTES });
    } catch (error) {
      throw new SessionClaimsError("the session claims do not inflate", { cause: error });
    }
  } else throw new SessionClaimsError(`unknown session claims encoding ${String(flag)}`);
  let wire: unknown;
  try {
    wire = JSON.parse(json.toString("utf8"));
  } catch (error) {
    throw new SessionClaimsError("the session claims are not JSON", { cause: error });
  }
  return fromWire(wire);
}

type Wire = Record<string, unknown>;

function toWire(c: SessionClaims): Wire {
  switch (c.kind) {
    case "role":
      return {
        k: "r",
        a: c.accountId,
        r: c.roleArn,
        i: c.roleId,
        s: c.sessionName,
        t: c.issuedAt,
        e: c.expiresAt,
        ...(c.policy === undefined ? {} : { p: c.policy }),
        ...(c.policyArns.length === 0 ? {} : { m: c.policyArns }),
        ...(c.tags.length === 0 ? {} : { g: c.tags.map((t) => [t.key, t.value]) }),
        ...(c.transitiveTagKeys.length === 0 ? {} : { x: c.transitiveTagKeys }),
        ...(c.sourceIdentity === undefined ? {} : { o: c.sourceIdentity }),
        ...(c.chained ? { c: 1 } : {}),
        b: c.issuer,
      };
    case "user":
      return {
        k: "u",
        a: c.accountId,
        n: c.userName,
        i: c.userId,
        r: c.userArn,
        t: c.issuedAt,
        e: c.expiresAt,
      };
    case "root":
      return { k: "a", a: c.accountId, t: c.issuedAt, e: c.expiresAt };
  }
}

function fromWire(value: unknown): SessionClaims {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SessionClaimsError("the session claims are not an object");
  }
  const w = value as Wire;
  const common = {
    accountId: text(w, "a"),
    issuedAt: seconds(w, "t"),
    expiresAt: seconds(w, "e"),
  };
  switch (w["k"]) {
    case "r": {
      const policy = optionalText(w, "p");
      const sourceIdentity = optionalText(w, "o");
      const chained = w["c"];
      if (chained !== undefined && chained !== 1) throw new SessionClaimsError("claim c must be 1");
      return {
        kind: "role",
        ...common,
        roleArn: text(w, "r"),
        roleId: text(w, "i"),
        sessionName: text(w, "s"),
        ...(policy === undefined ? {} : { policy }),
        policyArns: textList(w, "m"),
        tags: tagList(w, "g"),
        transitiveTagKeys: textList(w, "x"),
        ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
        chained: chained === 1,
        issuer: text(w, "b"),
      };
    }
    case "u":
      return {
        kind: "user",
        ...common,
        userName: text(w, "n"),
        userId: text(w, "i"),
        userArn: text(w, "r"),
      };
    case "a":
      return { kind: "root", ...common };
    default:
      throw new SessionClaimsError("unknown session kind");
  }
}

function text(w: Wire, key: string): string {
  return checkText(w[key], key);
}

function checkText(v: unknown, name: string): string {
  if (typeof v !== "string" || v.length === 0 || v.length > MAX_TEXT) {
    throw new SessionClaimsError(`claim ${name} must be a non-empty string`);
  }
  return v;
}

function optionalText(w: Wire, key: string): string | undefined {
  return w[key] === undefined ? undefined : text(w, key);
}

function seconds(w: Wire, key: string): number {
  const v = w[key];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    throw new SessionClaimsError(`claim ${key} must be epoch seconds`);
  }
  return v;
}

function textList(w: Wire, key: string): string[] {
  const v = w[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > MAX_LIST) throw new SessionClaimsError(`claim ${key} must be a list`);
  return v.map((item: unknown, i) => checkText(item, `${key}[${i}]`));
}

function tagList(w: Wire, key: string): SessionTag[] {
  const v = w[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > MAX_LIST) throw new SessionClaimsError(`claim ${key} must be a list`);
  return v.map((pair: unknown) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new SessionClaimsError(`claim ${key} holds pairs`);
    const [k, value] = pair as unknown[];
    if (typeof k !== "string" || k.length === 0 || typeof value !== "string" || value.length > MAX_TEXT) {
      throw new SessionClaimsError(`claim ${key} holds string pairs`);
    }
    return { key: k, value };
  });
}
