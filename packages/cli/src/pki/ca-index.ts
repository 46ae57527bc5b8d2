// The CA directory's record (index.json): the serials the CA issued, the serials it revoked (with
// reason and date) and the last CRL number. A parse/format pair; parsing is strict and names the
// file, so a hand-edited index that went wrong is reported, not half-read.
import type { CrlReason } from "@anchorage/pki";
import { REASON_CHOICES } from "./choices.js";
import { CliError } from "./cli-error.js";

export const CA_INDEX_VERSION = 1;

export interface IssuedEntry {
  readonly serial: string;
  readonly subject: string;
  readonly notAfter: string;
  readonly issuedAt: string;
  /** `leaf` or `ca` (an intermediate created with `ca init --parent-dir`). */
  readonly kind: "leaf" | "ca";
}

export interface RevokedEntry {
  readonly serial: string;
  readonly revokedAt: string;
  /** Absent: no reasonCode in the CRL (RFC 5280 prefers that to `unspecified`). */
  readonly reason?: CrlReason;
}

export interface CaIndex {
  readonly version: typeof CA_INDEX_VERSION;
  /** The CA certificate this index belongs to (its serial), so a replaced CA is noticed. */
  readonly caSerial: string;
  /** The number of the last CRL created; 0 before the first. */
  readonly lastCrlNumber: number;
  readonly issued: readonly IssuedEntry[];
  readonly revoked: readonly RevokedEntry[];
}

export const emptyCaIndex = (caSerial: string): CaIndex => ({
  version: CA_INDEX_VERSION,
  caSerial,
  lastCrlNumber: 0,
  issued: [],
  revoked: [],
});

const REVOCATION_REASONS: readonly CrlReason[] = REASON_CHOICES;

export const formatCaIndex = (index: CaIndex): string => `${JSON.stringify(index, null, 2)}\n`;

/** Parses index.json; throws a CliError naming `path` and the problem. */
export function parseCaIndex(text: string, path: string): CaIndex {
  const bad = (what: string) =>
    new CliError(
      `${path} is not a valid anchorage CA index: ${what}; restore it from a backup or fix it by hand`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new CliError(`${path} is not valid JSON; restore it from a backup or fix it by hand`, 1, { cause });
  }
  if (!isRecord(raw)) throw bad("not a JSON object");
  if (raw.version !== CA_INDEX_VERSION)
    throw bad(`version ${String(raw.version)} (expected ${CA_INDEX_VERSION})`);
  if (typeof raw.caSerial !== "string" || !SERIAL.test(raw.caSerial))
    throw bad("caSerial is not a hex serial");
  if (!Number.isSafeInteger(raw.lastCrlNumber) || (raw.lastCrlNumber as number) < 0)
    throw bad("lastCrlNumber is not a non-negative integer");
  if (!Array.isArray(raw.issued) || !Array.isArray(raw.revoked))
    throw bad("issued and revoked must be arrays");
  const issued = raw.issued.map((e: unknown, i): IssuedEntry => {
    if (
      !isRecord(e) ||
      typeof e.serial !== "string" ||
      !SERIAL.test(e.serial) ||
      typeof e.subject !== "string" ||
      !isTime(e.notAfter) ||
      !isTime(e.issuedAt) ||
      (e.kind !== "leaf" && e.kind !== "ca")
    )
      throw bad(`issued[${i}] needs serial (hex), subject, notAfter, issuedAt (ISO 8601) and kind (leaf|ca)`);
    return { serial: e.serial, subject: e.subject, notAfter: e.notAfter, issuedAt: e.issuedAt, kind: e.kind };
  });
  const seen = new Set<string>();
  const revoked = raw.revoked.map((e: unknown, i): RevokedEntry => {
    if (!isRecord(e) || typeof e.serial !== "string" || !SERIAL.test(e.serial) || !isTime(e.revokedAt))
      throw bad(`revoked[${i}] needs serial (hex) and revokedAt (ISO 8601)`);
    if (e.reason !== undefined && !REVOCATION_REASONS.includes(e.reason as CrlReason))
      throw bad(`revoked[${i}].reason "${String(e.reason)}" is not one of ${REVOCATION_REASONS.join(", ")}`);
    if (seen.has(e.serial)) throw bad(`serial ${e.serial} is revoked twice`);
    seen.add(e.serial);
    return {
      serial: e.serial,
      revokedAt: e.revokedAt,
      ...(e.reason !== undefined ? { reason: e.reason as CrlReason } : {}),
    };
  });
  return {
    version: CA_INDEX_VERSION,
    caSerial: raw.caSerial,
    lastCrlNumber: raw.lastCrlNumber as number,
    issued,
    revoked,
  };
}

const SERIAL = /^(?:[0-9A-F]{2}){1,20}$/;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is string => typeof v === "string" && Number.isFinite(Date.parse(v));
