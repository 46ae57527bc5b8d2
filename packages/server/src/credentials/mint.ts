// Minting temporary credentials: an `ASIA…` access key id, its secret (derived, see seal.ts) and
// a sealed session token. STS AssumeRole and Roles Anywhere CreateSession call
// `mintRoleSession`; GetSessionToken calls `mintUserSession`. Callers check permissions, trust
// policies and durations first; minting checks only what every caller needs (the packed size).
import { assumedRoleArn } from "@anchorage/policy";
import type { RandomBytes } from "../http/request-id.js";
import { awsId } from "../ids.js";
import type { SessionTag } from "../principal.js";
import type { Store } from "../store/store.js";
import { checkPackedPolicySize } from "./packed-policy-size.js";
import { sealSession } from "./seal.js";
import type { SessionClaims } from "./session-claims.js";
import { NONCE_BYTES } from "./session-token.js";
import { sealingKeyringFor } from "./sealing-keyring.js";

/** What minting needs from the composition root (a ServiceContext has all of it). */
export interface MintContext {
  readonly store: Store;
  readonly clock: () => Date;
  readonly random: RandomBytes;
  /** The account the server serves. */
  readonly accountId: string;
}

/** A role session to mint. */
export interface RoleSessionRequest {
  /** The role (a `RoleRecord` will do). */
  readonly role: { readonly arn: string; readonly id: string };
  /** 2..64 characters `[\w+=,.@-]` (the caller validates). */
  readonly sessionName: string;
  /** Already checked against the role's MaxSessionDuration (and the one-hour chaining cap). */
  readonly durationSeconds: number;
  /** Session policies: the inline document (validated by the caller) and managed policy ARNs. */
  readonly sessionPolicies?: { readonly inline?: string; readonly managedArns?: readonly string[] };
  /** Session tags (already merged with transitive tags of a calling session). */
  readonly tags?: readonly SessionTag[];
  /** Keys of `tags` that chained sessions inherit; each must be a key of `tags`. */
  readonly transitiveTagKeys?: readonly string[];
  readonly sourceIdentity?: string;
  /** Whether a role session asked for this one (role chaining). */
  readonly chained?: boolean;
  /** Who asked: the caller's ARN (AssumeRole) or the trust anchor's ARN (CreateSession). */
  readonly issuer: string;
}

/** Temporary credentials, as STS and Roles Anywhere return them. */
export interface MintedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly issuedAt: Date;
  readonly expiration: Date;
}

/** A minted role session. */
export interface MintedRoleSession extends MintedCredentials {
  readonly assumedRoleUser: {
    /** `arn:aws:sts::<account>:assumed-role/<role name>/<session name>` */
    readonly arn: string;
    /** `AROA…:<session name>` */
    readonly assumedRoleId: string;
  };
  /** {@link packedPolicySize} of the session policies and tags, in percent (≤ 100). */
  readonly packedPolicySize: number;
}

/**
 * Mints credentials for a role session.
 *
 * @throws AnchorageError `PackedPolicyTooLarge` when the session policies and tags do not fit.
 * @example
 * const minted = await mintRoleSession(context, {
 *   role,                                   // { arn, id } of the role
 *   sessionName: "host-1",
 *   durationSeconds: 3600,
 *   sessionPolicies: { managedArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
 *   tags: [{ key: "x509Subject/CN", value: "host-1" }],
 *   issuer: trustAnchorArn,
 * });
 * minted.accessKeyId; // "ASIA…"
 */
export async function mintRoleSession(
  context: MintContext,
  request: RoleSessionRequest,
): Promise<MintedRoleSession> {
  checkDuration(request.durationSeconds);
  const tags = request.tags ?? [];
  const transitive = request.transitiveTagKeys ?? [];
  const tagKeys = new Set(tags.map((t) => t.key.toLowerCase()));
  for (const key of transitive) {
    if (!tagKeys.has(key.toLowerCase()))
      throw new TypeError(`transitive tag key ${key} is not a session tag`);
  }
  const inline = request.sessionPolicies?.inline;
  const policyArns = [...(request.sessionPolicies?.managedArns ?? [])];
  const packedPolicySize = checkPackedPolicySize({
    ...(inline === undefined ? {} : { policy: inline }),
    policyArns,
    tags,
  });
  const { issuedAt, expiresAt } = window(context.clock(), request.durationSeconds);
  const claims: SessionClaims = {
    kind: "role",
    accountId: context.accountId,
    roleArn: request.role.arn,
    roleId: request.role.id,
    sessionName: request.sessionName,
    issuedAt,
    expiresAt,
    ...(inline === undefined ? {} : { policy: inline }),
    policyArns,
    tags: tags.map((t) => ({ key: t.key, value: t.value })),
    transitiveTagKeys: [...transitive],
    ...(request.sourceIdentity === undefined ? {} : { sourceIdentity: request.sourceIdentity }),
    chained: request.chained ?? false,
    issuer: request.issuer,
  };
  const minted = await seal(context, claims);
  return {
    ...minted,
    assumedRoleUser: {
      arn: assumedRoleArn(request.role.arn, request.sessionName),
      assumedRoleId: `${request.role.id}:${request.sessionName}`,
    },
    packedPolicySize,
  };
}

/** Who GetSessionToken credentials are for: an IAM user, or the account root. */
export type UserSessionSubject =
  | { readonly kind: "user"; readonly userName: string; readonly userId: string; readonly arn: string }
  | { readonly kind: "root" };

/** Mints GetSessionToken credentials: the user's (or root's) own permissions, for a while. */
export async function mintUserSession(
  context: MintContext,
  request: { readonly subject: UserSessionSubject; readonly durationSeconds: number },
): Promise<MintedCredentials> {
  checkDuration(request.durationSeconds);
  const { issuedAt, expiresAt } = window(context.clock(), request.durationSeconds);
  const subject = request.subject;
  const claims: SessionClaims =
    subject.kind === "root"
      ? { kind: "root", accountId: context.accountId, issuedAt, expiresAt }
      : {
          kind: "user",
          accountId: context.accountId,
          userName: subject.userName,
          userId: subject.userId,
          userArn: subject.arn,
          issuedAt,
          expiresAt,
        };
  return seal(context, claims);
}

/** AWS's longest temporary credentials: GetSessionToken for a user, 36 hours. */
const MAX_DURATION_SECONDS = 129_600;

function checkDuration(seconds: number): void {
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_DURATION_SECONDS) {
    throw new TypeError(`durationSeconds must be an integer in 1..${MAX_DURATION_SECONDS}, got ${seconds}`);
  }
}

/** Issue time truncated to the second (the token and the response agree on Expiration). */
function window(now: Date, durationSeconds: number): { issuedAt: number; expiresAt: number } {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return { issuedAt, expiresAt: issuedAt + durationSeconds };
}

async function seal(context: MintContext, claims: SessionClaims): Promise<MintedCredentials> {
  const keyring = sealingKeyringFor(context.store, { random: context.random, clock: context.clock });
  const key = await keyring.activeKey();
  const accessKeyId = awsId("ASIA", context.random);
  const { sessionToken, secretAccessKey } = sealSession(claims, {
    key,
    accessKeyId,
    nonce: Buffer.from(context.random(NONCE_BYTES)),
  });
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    issuedAt: new Date(claims.issuedAt * 1000),
    expiration: new Date(claims.expiresAt * 1000),
  };
}
