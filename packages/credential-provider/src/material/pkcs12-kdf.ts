import { createHash } from "node:crypto";

/** Hashes the PKCS#12 key derivation and MAC are defined for, with their input block sizes (bytes). */
export const PKCS12_HASH_BLOCK = { sha1: 64, sha224: 64, sha256: 64, sha384: 128, sha512: 128 } as const;
export type Pkcs12Hash = keyof typeof PKCS12_HASH_BLOCK;

/** Purpose byte of the derivation: 1 = cipher key, 2 = IV, 3 = MAC key. */
export type Pkcs12KeyId = 1 | 2 | 3;

/**
 * The password as the PKCS#12 KDF takes it: a BMPString (UTF-16 big-endian) with a two-byte zero
 * terminator. (OpenSSL also tries the empty byte string for "no password"; callers do the same.)
 */
export function bmpPassword(password: string): Buffer {
  const utf16 = Buffer.from(`${password}\u0000`, "utf16le");
  return utf16.swap16();
}

/** The PKCS#12 key derivation function of RFC 7292, appendix B.2. */
export function pkcs12Kdf(
  hash: Pkcs12Hash,
  password: Buffer,
  salt: Buffer,
  id: Pkcs12KeyId,
  iterations: number,
  length: number,
): Buffer {
  const v = PKCS12_HASH_BLOCK[hash];
  const diversifier = Buffer.alloc(v, id);
  const input = Buffer.concat([stretch(salt, v), stretch(password, v)]);
  const out = Buffer.alloc(length);
  for (let offset = 0; ;) {
    let a = createHash(hash).update(diversifier).update(input).digest();
    for (let r = 1; r < iterations; r++) a = createHash(hash).update(a).digest();
    a.copy(out, offset, 0, Math.min(a.length, length - offset));
    offset += a.length;
    if (offset >= length) return out;
    // I_j = (I_j + B + 1) mod 2^(8v) for each v-byte block I_j of I, where B is A repeated to v bytes.
    const b = stretch(a, v).subarray(0, v);
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k]! + b[k]! + carry;
        input[j + k] = sum & 0xff;
        carry = sum >>> 8;
      }
    }
  }
}

/** `bytes` repeated to the smallest multiple of `v` bytes not shorter than it (empty stays empty). */
function stretch(bytes: Buffer, v: number): Buffer {
  const out = Buffer.alloc(v * Math.ceil(bytes.length / v));
  for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length]!;
  return out;
}
