import type { SessionCredentials } from "../session-response.js";

/** Format version of a cache file. */
export const CACHE_ENTRY_VERSION = 1;

/** One cached CreateSession answer. */
export interface CacheEntry {
  /** The key it was stored under (checked on read: a file renamed by hand does not match). */
  readonly key: string;
  readonly credentials: SessionCredentials;
  /** `assumedRoleUser.arn` of the response, when it had one (the account id comes from it). */
  readonly assumedRoleArn?: string;
}

/** Why a cache file was not used. */
export type CacheEntryProblem =
  "not JSON" | "wrong version" | "wrong key" | "missing fields" | "bad expiration";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === "string" && v !== "";

/** The file content of a cache entry: one line of JSON (`expiration` kept verbatim). */
export function formatCacheEntry(entry: CacheEntry): string {
  const { credentials: c } = entry;
  return `${JSON.stringify({
    version: CACHE_ENTRY_VERSION,
    key: entry.key,
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration,
    ...(entry.assumedRoleArn === undefined ? {} : { assumedRoleArn: entry.assumedRoleArn }),
  })}\n`;
}

/**
 * Reads a cache file's content back; anything unexpected is a problem, never an exception (a corrupt
 * entry is ignored and replaced). The problem never quotes the content.
 */
export function parseCacheEntry(
  text: string,
  key: string,
): { ok: true; entry: CacheEntry } | { ok: false; problem: CacheEntryProblem } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: "not JSON" }; // the cause would quote the content
  }
  if (!isObject(parsed)) return { ok: false, problem: "not JSON" };
  if (parsed.version !== CACHE_ENTRY_VERSION) return { ok: false, problem: "wrong version" };
  if (parsed.key !== key) return { ok: false, problem: "wrong key" };
  const { accessKeyId, secretAccessKey, sessionToken, expiration, assumedRoleArn } = parsed;
  if (
    !nonEmpty(accessKeyId) ||
    !nonEmpty(secretAccessKey) ||
    !nonEmpty(sessionToken) ||
    !nonEmpty(expiration)
  )
    return { ok: false, problem: "missing fields" };
  if (Number.isNaN(Date.parse(expiration))) return { ok: false, problem: "bad expiration" };
  return {
    ok: true,
    entry: {
      key,
      credentials: { accessKeyId, secretAccessKey, sessionToken, expiration },
      ...(nonEmpty(assumedRoleArn) ? { assumedRoleArn } : {}),
    },
  };
}
