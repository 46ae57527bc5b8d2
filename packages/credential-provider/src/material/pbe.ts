import { createDecipheriv, pbkdf2Sync, scryptSync } from "node:crypto";
import { MAX_KDF_ITERATIONS, MAX_SCRYPT_MEMORY } from "./constants.js";
import { children, decodeOid, decodeSmallInteger, DerError, readWhole, TAG, valueOf } from "./der.js";
import type { Tlv } from "./der.js";
import { bmpPassword, pkcs12Kdf } from "./pkcs12-kdf.js";
import { rc2CbcDecrypt } from "./rc2.js";

// Password-based decryption of PKCS#12 contents (RFC 7292 appendix C, RFC 8018 PBES2, RFC 7914
// scrypt), on node:crypto except RC2 (see rc2.ts).

/** Why decryption could not happen. */
export class PbeError extends Error {
  override readonly name = "PbeError";
  constructor(
    readonly kind: "unsupported" | "malformed" | "decrypt",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The password in both forms PKCS#12 uses: BMPString for its own PBE, UTF-8 bytes for PBES2. */
export interface PasswordForms {
  readonly bmp: Buffer;
  readonly utf8: Buffer;
}

export const passwordForms = (password: string, bmp: Buffer = bmpPassword(password)): PasswordForms => ({
  bmp,
  utf8: Buffer.from(password, "utf8"),
});

const PKCS12_PBE: Record<
  string,
  { cipher: "des-ede3-cbc" | "des-ede-cbc" | "rc2"; keyLength: number; bits?: number }
> = {
  "1.2.840.113549.1.12.1.3": { cipher: "des-ede3-cbc", keyLength: 24 }, // pbeWithSHAAnd3-KeyTripleDES-CBC
  "1.2.840.113549.1.12.1.4": { cipher: "des-ede-cbc", keyLength: 16 }, // pbeWithSHAAnd2-KeyTripleDES-CBC
  "1.2.840.113549.1.12.1.5": { cipher: "rc2", keyLength: 16, bits: 128 }, // pbeWithSHAAnd128BitRC2-CBC
  "1.2.840.113549.1.12.1.6": { cipher: "rc2", keyLength: 5, bits: 40 }, // pbewithSHAAnd40BitRC2-CBC
};
const PBES2 = "1.2.840.113549.1.5.13";
const PBKDF2 = "1.2.840.113549.1.5.12";
const SCRYPT = "1.3.6.1.4.1.11591.4.11";
const PRF: Record<string, string> = {
  "1.2.840.113549.2.7": "sha1",
  "1.2.840.113549.2.8": "sha224",
  "1.2.840.113549.2.9": "sha256",
  "1.2.840.113549.2.10": "sha384",
  "1.2.840.113549.2.11": "sha512",
};
const PBES2_CIPHERS: Record<string, { name: string; keyLength: number }> = {
  "2.16.840.1.101.3.4.1.2": { name: "aes-128-cbc", keyLength: 16 },
  "2.16.840.1.101.3.4.1.22": { name: "aes-192-cbc", keyLength: 24 },
  "2.16.840.1.101.3.4.1.42": { name: "aes-256-cbc", keyLength: 32 },
  "1.2.840.113549.3.7": { name: "des-ede3-cbc", keyLength: 24 },
};

/**
 * Decrypts `data` under the AlgorithmIdentifier `algorithm` (OID and DER parameters) with `password`.
 * Throws PbeError: `unsupported` for an algorithm not implemented, `malformed` for bad parameters,
 * `decrypt` when the padding is wrong (damaged data or wrong password).
 */
export function pbeDecrypt(
  algorithm: { readonly oid: string; readonly parameters: Uint8Array | null | undefined },
  data: Uint8Array,
  password: PasswordForms,
): Buffer {
  const params = algorithm.parameters;
  try {
    const pkcs12 = PKCS12_PBE[algorithm.oid];
    if (pkcs12 !== undefined) {
      if (params == null) throw new PbeError("malformed", "PKCS#12 PBE without parameters");
      const [salt, iterations] = seq(params, [TAG.OCTET_STRING, TAG.INTEGER]);
      const count = iterationCount(valueOf(params, iterations!));
      const derive = (id: 1 | 2, length: number) =>
        pkcs12Kdf("sha1", password.bmp, valueOf(params, salt!), id, count, length);
      const key = derive(1, pkcs12.keyLength);
      const iv = derive(2, 8);
      const plain =
        pkcs12.cipher === "rc2"
          ? rc2CbcDecrypt(key, pkcs12.bits!, iv, wholeBlocks(data, 8))
          : decipher(pkcs12.cipher, key, iv, wholeBlocks(data, 8));
      return unpad(plain, 8);
    }
    if (algorithm.oid === PBES2) {
      if (params == null) throw new PbeError("malformed", "PBES2 without parameters");
      const [kdf, scheme] = seq(params, [TAG.SEQUENCE, TAG.SEQUENCE]);
      const [cipherOid, ivTlv] = children(params, scheme!);
      if (cipherOid?.tag !== TAG.OID || ivTlv?.tag !== TAG.OCTET_STRING) {
        throw new PbeError("malformed", "PBES2 encryption scheme");
      }
      const cipherName = decodeOid(valueOf(params, cipherOid));
      const cipher = PBES2_CIPHERS[cipherName];
      if (cipher === undefined) throw new PbeError("unsupported", `PBES2 cipher ${cipherName}`);
      const key = pbes2Key(params, kdf!, cipher.keyLength, password.utf8);
      const iv = valueOf(params, ivTlv);
      const blockSize = cipher.name.startsWith("aes") ? 16 : 8;
      return unpad(decipher(cipher.name, key, iv, wholeBlocks(data, blockSize)), blockSize);
    }
    throw new PbeError("unsupported", `encryption algorithm ${algorithm.oid}`);
  } catch (e) {
    if (e instanceof DerError)
      throw new PbeError("malformed", `encryption parameters: ${e.message}`, { cause: e });
    throw e;
  }
}

function pbes2Key(params: Uint8Array, kdf: Tlv, keyLength: number, password: Buffer): Buffer {
  const [kdfOid, kdfParams] = children(params, kdf);
  if (kdfOid?.tag !== TAG.OID || kdfParams?.tag !== TAG.SEQUENCE)
    throw new PbeError("malformed", "PBES2 KDF");
  const kdfName = decodeOid(valueOf(params, kdfOid));
  const fields = children(params, kdfParams);
  if (kdfName === PBKDF2) {
    const [salt, iterations, ...rest] = fields;
    if (salt?.tag !== TAG.OCTET_STRING || iterations?.tag !== TAG.INTEGER) {
      throw new PbeError("unsupported", "PBKDF2 salt other than an OCTET STRING");
    }
    let length = keyLength;
    let prf = "sha1";
    for (const field of rest) {
      if (field.tag === TAG.INTEGER) length = decodeSmallInteger(valueOf(params, field));
      else if (field.tag === TAG.SEQUENCE) {
        const [prfOid] = children(params, field);
        const name = prfOid?.tag === TAG.OID ? decodeOid(valueOf(params, prfOid)) : "";
        const hash = PRF[name];
        if (hash === undefined) throw new PbeError("unsupported", `PBKDF2 PRF ${name}`);
        prf = hash;
      }
    }
    if (length !== keyLength) throw new PbeError("malformed", `PBKDF2 key length ${length} ≠ ${keyLength}`);
    const count = iterationCount(valueOf(params, iterations));
    return pbkdf2Sync(password, valueOf(params, salt), count, keyLength, prf);
  }
  if (kdfName === SCRYPT) {
    const [salt, cost, blockSize, parallelization] = fields;
    if ([salt, cost, blockSize, parallelization].some((f) => f === undefined)) {
      throw new PbeError("malformed", "scrypt parameters");
    }
    const n = decodeSmallInteger(valueOf(params, cost!));
    const r = decodeSmallInteger(valueOf(params, blockSize!));
    const p = decodeSmallInteger(valueOf(params, parallelization!));
    const memory = 128 * n * r * p + 1024 * 1024;
    if (memory > MAX_SCRYPT_MEMORY)
      throw new PbeError("unsupported", `scrypt parameters needing ${memory} bytes`);
    return scryptSync(password, valueOf(params, salt!), keyLength, { N: n, r, p, maxmem: memory });
  }
  throw new PbeError("unsupported", `PBES2 key derivation ${kdfName}`);
}

function seq(der: Uint8Array, tags: readonly number[]): Tlv[] {
  const fields = children(der, readWhole(der, TAG.SEQUENCE));
  tags.forEach((tag, i) => {
    if (fields[i]?.tag !== tag) throw new PbeError("malformed", `field ${i + 1} of the parameters`);
  });
  return fields;
}

function iterationCount(value: Uint8Array): number {
  const count = decodeSmallInteger(value);
  if (count < 1 || count > MAX_KDF_ITERATIONS) {
    throw new PbeError("unsupported", `iteration count ${count} (allowed: 1 to ${MAX_KDF_ITERATIONS})`);
  }
  return count;
}

function wholeBlocks(data: Uint8Array, size: number): Uint8Array {
  if (data.length === 0 || data.length % size !== 0) {
    throw new PbeError("decrypt", `ciphertext of ${data.length} bytes is not whole ${size}-byte blocks`);
  }
  return data;
}

function decipher(name: string, key: Buffer, iv: Uint8Array, data: Uint8Array): Buffer {
  const d = createDecipheriv(name, key, iv).setAutoPadding(false);
  return Buffer.concat([d.update(data), d.final()]);
}

/** Removes PKCS#7 padding, checking every padding byte. */
function unpad(plain: Buffer, blockSize: number): Buffer {
  const n = plain[plain.length - 1] ?? 0;
  let ok = n >= 1 && n <= blockSize;
  for (let i = 1; ok && i <= n; i++) ok = plain[plain.length - i] === n;
  if (!ok) throw new PbeError("decrypt", "bad padding after decryption");
  return plain.subarray(0, plain.length - n);
}
