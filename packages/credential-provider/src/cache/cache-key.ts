import { createHash } from "node:crypto";

/** Version tag of the cache key's input encoding; bump it to orphan every older entry. */
export const CACHE_KEY_VERSION = "anchorage-credential-cache-v1";

/**
 * Everything that decides which credentials CreateSession returns. Two calls share a cache entry only
 * when ALL of these are equal. The private key is never part of it: its public half (in the
 * certificate, and given again as `publicKey`) identifies it.
 */
export interface CacheKeyInput {
  /** The leaf certificate, DER. */
  readonly certificate: Uint8Array;
  /** The intermediates sent as `X-Amz-X509-Chain`, DER, in order. */
  readonly chain: readonly Uint8Array[];
  /** The signing key's public key, SPKI DER. */
  readonly publicKey: Uint8Array;
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  readonly roleArn: string;
  readonly region: string;
  /** The endpoint URL, normalised (`URL#href`). */
  readonly endpoint: string;
  /** Undefined when the request leaves the duration to the profile. */
  readonly durationSeconds?: number | undefined;
  readonly roleSessionName?: string | undefined;
}

const b64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("base64");

/**
 * The cache key of a CreateSession call: the lower-case hex SHA-256 of an unambiguous encoding (a
 * JSON array, binary values in base64) of every input that shapes the answer. Used as the cache
 * file's name, so it never reveals the inputs.
 *
 * @example
 * credentialCacheKey({ certificate, chain, publicKey, trustAnchorArn, profileArn, roleArn, region: "us-east-1", endpoint: "https://rolesanywhere.us-east-1.amazonaws.com/" })
 * // "3f0c…" (64 hex digits)
 */
export function credentialCacheKey(input: CacheKeyInput): string {
  const encoded = JSON.stringify([
    CACHE_KEY_VERSION,
    b64(input.certificate),
    input.chain.map(b64),
    b64(input.publicKey),
    input.trustAnchorArn,
    input.profileArn,
    input.roleArn,
    input.region,
    input.endpoint,
    input.durationSeconds ?? null,
    input.roleSessionName ?? null,
  ]);
  return createHash("sha256").update(encoded, "utf8").digest("hex");
}
