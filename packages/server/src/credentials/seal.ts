// Sealing and opening session tokens (DESIGN.md "Temporary credentials"): the claims are encrypted
// with AES-256-GCM under a key derived from the active sealing key; the associated data binds the
// envelope version, the sealing key id and the access key id, so a token moved to another access
// key id, another key id or another version does not open.
//
// The secret access key is NOT in the token: it is derived from the sealing key material, the
// token's nonce and the access key id with HKDF-SHA256. Whoever can open a token can derive its
// secret and nobody else can; the token stays 40 bytes shorter, and a replica needs nothing but the
// shared sealing keys to verify a request signed with the credentials.
import { createCipheriv, createDecipheriv } from "node:crypto";
import { hkdfSha256 } from "./hkdf.js";
import {
  formatSessionClaims,
  parseSessionClaims,
  SessionClaimsError,
  type SessionClaims,
} from "./session-claims.js";
import {
  formatSessionToken,
  NONCE_BYTES,
  SESSION_TOKEN_VERSION,
  SessionTokenError,
  type SessionTokenEnvelope,
} from "./session-token.js";

const AEAD_INFO = "anchorage/session-token/v1/aes-256-gcm";
const SECRET_INFO = "anchorage/session-token/v1/secret-access-key";
/** 30 bytes are 40 base64 characters: the length of AWS's secret access keys. */
const SECRET_BYTES = 30;

/** A sealing key ready for use: the stored material and what is derived from it once. */
export interface SealingKey {
  readonly id: string;
  /** The 32 stored bytes (HKDF input for the per-token secrets). */
  readonly material: Buffer;
  /** The AES-256-GCM key. */
  readonly aeadKey: Buffer;
}

/** Derives the AES key of a stored sealing key. */
export function deriveSealingKey(record: { readonly id: string; readonly material: Buffer }): SealingKey {
  const aeadKey = hkdfSha256(record.material, Buffer.alloc(0), Buffer.from(AEAD_INFO), 32);
  return { id: record.id, material: Buffer.from(record.material), aeadKey };
}

/** The secret access key that belongs to a token's nonce and access key id. */
export function deriveSecretAccessKey(key: SealingKey, nonce: Buffer, accessKeyId: string): string {
  const info = Buffer.concat([Buffer.from(`${SECRET_INFO}\0`), Buffer.from(accessKeyId, "utf8")]);
  return hkdfSha256(key.material, nonce, info, SECRET_BYTES).toString("base64");
}

function associatedData(version: number, keyId: string, accessKeyId: string): Buffer {
  return Buffer.from(`anchorage-session-token\0${version}\0${keyId}\0${accessKeyId}`, "utf8");
}

/**
 * Seals claims for an access key id.
 *
 * @param nonce 12 fresh random bytes (never reuse a nonce with the same key).
 * @returns the token and the secret access key that goes with it.
 */
export function sealSession(
  claims: SessionClaims,
  options: { readonly key: SealingKey; readonly accessKeyId: string; readonly nonce: Buffer },
): { readonly sessionToken: string; readonly secretAccessKey: string } {
  const { key, accessKeyId, nonce } = options;
  if (nonce.length !== NONCE_BYTES) throw new TypeError(`the nonce has ${NONCE_BYTES} bytes`);
  const cipher = createCipheriv("aes-256-gcm", key.aeadKey, nonce);
  cipher.setAAD(associatedData(SESSION_TOKEN_VERSION, key.id, accessKeyId));
  const ciphertext = Buffer.concat([cipher.update(formatSessionClaims(claims)), cipher.final()]);
  const sessionToken = formatSessionToken({
    version: SESSION_TOKEN_VERSION,
    keyId: key.id,
    nonce: Buffer.from(nonce),
    ciphertext,
    tag: cipher.getAuthTag(),
  });
  return { sessionToken, secretAccessKey: deriveSecretAccessKey(key, nonce, accessKeyId) };
}

/**
 * Opens a parsed token with its sealing key for the access key id the request names. The GCM tag
 * is checked by OpenSSL in constant time; any change to the envelope, the key id, the version or
 * the access key id fails it.
 *
 * @throws SessionTokenError `tampered` (tag mismatch) or `claims` (authentic but unreadable claims).
 */
export function unsealSession(
  envelope: SessionTokenEnvelope,
  key: SealingKey,
  accessKeyId: string,
): { readonly claims: SessionClaims; readonly secretAccessKey: string } {
  let plain: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.aeadKey, envelope.nonce);
    decipher.setAAD(associatedData(envelope.version, envelope.keyId, accessKeyId));
    decipher.setAuthTag(envelope.tag);
    plain = Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]);
  } catch (error) {
    throw new SessionTokenError("tampered", "the session token does not authenticate", { cause: error });
  }
  try {
    return {
      claims: parseSessionClaims(plain),
      secretAccessKey: deriveSecretAccessKey(key, envelope.nonce, accessKeyId),
    };
  } catch (error) {
    if (error instanceof SessionClaimsError) {
      throw new SessionTokenError("claims", `the session token's claims are unreadable: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}
