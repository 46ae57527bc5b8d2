// HKDF-SHA256 (RFC 5869) with two HMACs instead of node's hkdfSync: the same bytes, but without
// OpenSSL 3's KDF fetch, which costs ~25 µs per call — once per minted token and per opened one.
import { createHmac } from "node:crypto";

const HASH_BYTES = 32;

/**
 * HKDF-SHA256 of `ikm` with `salt` and `info`, `length` bytes (at most 255 × 32). Byte for byte what
 * `crypto.hkdfSync("sha256", ikm, salt, info, length)` returns.
 *
 * @example
 * hkdfSha256(material, nonce, Buffer.from("anchorage/session-token/v1/secret-access-key\0ASIA…"), 30)
 */
export function hkdfSha256(ikm: Buffer, salt: Buffer, info: Buffer, length: number): Buffer {
  if (!Number.isInteger(length) || length < 1 || length > 255 * HASH_BYTES) {
    throw new RangeError(`HKDF-SHA256 output length must be 1..${255 * HASH_BYTES}, got ${length}`);
  }
  const prk = createHmac("sha256", salt).update(ikm).digest();
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; blocks.length * HASH_BYTES < length; i++) {
    previous = createHmac("sha256", prk).update(previous).update(info).update(Buffer.of(i)).digest();
    blocks.push(previous);
  }
  return (blocks.length === 1 ? previous : Buffer.concat(blocks)).subarray(0, length);
}
