import { sha256Hex } from "./sha256-hex.js";

/** Payload hash of an empty body. */
export const EMPTY_PAYLOAD_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** The SigV4 payload hash: lower-case hex SHA-256 of the exact body bytes (a string is hashed as UTF-8). */
export function payloadHash(body: string | Uint8Array): string {
  return sha256Hex(body);
}
