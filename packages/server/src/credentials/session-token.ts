// The session token envelope (a wire structure, so a parse/format pair; STYLE.md §7):
//
//   byte 0        version (1)
//   byte 1        n = length of the sealing key id (1..64)
//   bytes 2..2+n  the sealing key id, ASCII, in the clear (which key opens it)
//   12 bytes      AES-256-GCM nonce
//   …             ciphertext (the session claims)
//   16 bytes      GCM tag
//
// written as unpadded base64url, so the token needs no escaping in headers or presigned URLs.

/** The only envelope version this server writes and reads. */
export const SESSION_TOKEN_VERSION = 1;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const MAX_KEY_ID_LENGTH = 64;
/** The SigV4 layer already refuses longer tokens; this bound keeps parsing self-contained. */
export const MAX_SESSION_TOKEN_LENGTH = 8192;

export interface SessionTokenEnvelope {
  readonly version: number;
  readonly keyId: string;
  readonly nonce: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/** Why a token could not be opened; every reason is answered InvalidClientTokenId on the wire. */
export type SessionTokenProblem = "malformed" | "unsupported-version" | "unknown-key" | "tampered" | "claims";

/** A session token that does not open. `problem` goes to the log, never to the client. */
export class SessionTokenError extends Error {
  override readonly name = "SessionTokenError";
  constructor(
    readonly problem: SessionTokenProblem,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const KEY_ID = /^[\x21-\x7e]+$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The token text of an envelope. */
export function formatSessionToken(envelope: SessionTokenEnvelope): string {
  const keyId = Buffer.from(envelope.keyId, "ascii");
  if (!KEY_ID.test(envelope.keyId) || keyId.length > MAX_KEY_ID_LENGTH) {
    throw new TypeError(`a sealing key id is 1..${MAX_KEY_ID_LENGTH} printable ASCII characters`);
  }
  if (envelope.nonce.length !== NONCE_BYTES || envelope.tag.length !== TAG_BYTES) {
    throw new TypeError(`the nonce has ${NONCE_BYTES} bytes and the tag ${TAG_BYTES}`);
  }
  return Buffer.concat([
    Buffer.of(envelope.version, keyId.length),
    keyId,
    envelope.nonce,
    envelope.ciphertext,
    envelope.tag,
  ]).toString("base64url");
}

/** Reads a token's envelope (nothing is decrypted); throws SessionTokenError. */
export function parseSessionToken(token: string): SessionTokenEnvelope {
  if (token.length === 0 || token.length > MAX_SESSION_TOKEN_LENGTH || !BASE64URL.test(token)) {
    throw new SessionTokenError("malformed", "the session token is not an Anchorage session token");
  }
  const bytes = Buffer.from(token, "base64url");
  if (bytes.toString("base64url") !== token) {
    throw new SessionTokenError("malformed", "the session token is not canonical base64url");
  }
  const version = bytes[0] ?? 0;
  if (version !== SESSION_TOKEN_VERSION) {
    throw new SessionTokenError("unsupported-version", `session token version ${version} is not supported`);
  }
  const keyIdLength = bytes[1] ?? 0;
  const headerLength = 2 + keyIdLength;
  if (
    keyIdLength === 0 ||
    keyIdLength > MAX_KEY_ID_LENGTH ||
    bytes.length < headerLength + NONCE_BYTES + 1 + TAG_BYTES
  ) {
    throw new SessionTokenError("malformed", "the session token is truncated");
  }
  const keyId = bytes.subarray(2, headerLength).toString("latin1");
  if (!KEY_ID.test(keyId))
    throw new SessionTokenError("malformed", "the session token's key id is not printable");
  const nonceEnd = headerLength + NONCE_BYTES;
  return {
    version,
    keyId,
    nonce: bytes.subarray(headerLength, nonceEnd),
    ciphertext: bytes.subarray(nonceEnd, bytes.length - TAG_BYTES),
    tag: bytes.subarray(bytes.length - TAG_BYTES),
  };
}
