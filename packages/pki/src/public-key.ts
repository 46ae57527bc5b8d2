// SubjectPublicKeyInfo: algorithm, size/curve, and a node:crypto KeyObject for verification.
import { createPublicKey, hash, type KeyObject } from "node:crypto";
import {
  DerReader,
  TAG,
  bytesOf,
  contentOf,
  decodeOid,
  integerContent,
  readBitString,
  readOid,
  readSingle,
  type Tlv,
} from "./der.js";
import { CURVE, KEY_ALG } from "./oids.js";

export type PublicKeyType = "rsa" | "rsa-pss" | "ec" | "ed25519" | "ed448" | "unknown";

export interface PublicKeyInfo {
  readonly type: PublicKeyType;
  readonly algorithmOid: string;
  /** RSA modulus length in bits. */
  readonly bits: number | undefined;
  /** EC curve name (P-256, P-384, P-521, secp256k1) or its OID when unknown. */
  readonly curve: string | undefined;
  /** The SubjectPublicKeyInfo DER. */
  readonly spki: Buffer;
  /** SHA-256 of the SPKI DER, hex (identifies the key across certificates). */
  readonly spkiSha256: string;
  /** The key for node:crypto; undefined when node cannot import it (then `problem` says why). */
  readonly key: KeyObject | undefined;
  readonly problem: string | undefined;
  /** "Malformed" when the key bytes are broken, "UnsupportedAlgorithm" for algorithms we do not take. */
  readonly problemCode: "Malformed" | "UnsupportedAlgorithm" | undefined;
}

const TYPES: Readonly<Record<string, PublicKeyType>> = {
  [KEY_ALG.rsaEncryption]: "rsa",
  [KEY_ALG.rsassaPss]: "rsa-pss",
  [KEY_ALG.ecPublicKey]: "ec",
  [KEY_ALG.ed25519]: "ed25519",
  [KEY_ALG.ed448]: "ed448",
};

export function parsePublicKeyInfo(buf: Buffer, tlv: Tlv, where: string): PublicKeyInfo {
  const r = new DerReader(buf, tlv, where);
  const alg = new DerReader(buf, r.expect(TAG.SEQUENCE, "algorithm"), `${where}.algorithm`);
  const algorithmOid = readOid(buf, alg.expect(TAG.OID, "algorithm"), where);
  const params = alg.done ? undefined : alg.next("parameters");
  alg.finish();
  const keyBits = readBitString(buf, r.expect(TAG.BIT_STRING, "subjectPublicKey"), where);
  r.finish();
  const spki = bytesOf(buf, tlv);
  const spkiSha256 = hash("sha256", spki, "hex");
  const type = TYPES[algorithmOid] ?? "unknown";
  let curve: string | undefined;
  if (type === "ec" && params?.tag === TAG.OID) {
    const curveOid = decodeOid(contentOf(buf, params), where);
    curve = (CURVE as Record<string, string | undefined>)[curveOid] ?? curveOid;
  }
  const base = { type, algorithmOid, curve, spki, spkiSha256 };
  if (type === "unknown")
    return {
      ...base,
      bits: undefined,
      key: undefined,
      problem: `unsupported public key algorithm ${algorithmOid}`,
      problemCode: "UnsupportedAlgorithm",
    };
  if (type === "ec" && curve === undefined)
    return {
      ...base,
      bits: undefined,
      key: undefined,
      problem: "EC key without a named curve (explicit curve parameters are not supported)",
      problemCode: "UnsupportedAlgorithm",
    };
  try {
    const key = importKey(type, curve, keyBits.bytes, spki);
    return {
      ...base,
      bits: key.asymmetricKeyDetails?.modulusLength,
      key,
      problem: undefined,
      problemCode: undefined,
    };
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    return {
      ...base,
      bits: undefined,
      key: undefined,
      problem: `the ${type} public key cannot be decoded: ${why}`,
      problemCode: "Malformed",
    };
  }
}

const b64url = (b: Buffer): string => b.toString("base64url");
const unsigned = (b: Buffer): Buffer => (b.length > 1 && b[0] === 0 ? b.subarray(1) : b);
const JWK_CURVES: Readonly<Record<string, { crv: string; size: number }>> = {
  "P-256": { crv: "P-256", size: 32 },
  "P-384": { crv: "P-384", size: 48 },
  "P-521": { crv: "P-521", size: 66 },
};

/**
 * Builds the KeyObject. RSA and uncompressed EC keys go through JWK, which node imports an order
 * of magnitude faster than DER SubjectPublicKeyInfo (OpenSSL 3's decoder chain); the rest
 * (RSA-PSS, EdDSA, compressed points, other curves) through DER.
 */
function importKey(type: PublicKeyType, curve: string | undefined, key: Buffer, spki: Buffer): KeyObject {
  if (type === "rsa") {
    const r = new DerReader(key, readSingle(key, TAG.SEQUENCE, "RSAPublicKey"), "RSAPublicKey");
    const n = integerContent(contentOf(key, r.expect(TAG.INTEGER, "modulus")), "modulus");
    const e = integerContent(contentOf(key, r.expect(TAG.INTEGER, "publicExponent")), "publicExponent");
    r.finish();
    if ((n[0]! & 0x80) !== 0 || (e[0]! & 0x80) !== 0)
      throw new RangeError("negative RSA modulus or exponent");
    return createPublicKey({
      key: { kty: "RSA", n: b64url(unsigned(n)), e: b64url(unsigned(e)) },
      format: "jwk",
    });
  }
  const jwkCurve = curve === undefined ? undefined : JWK_CURVES[curve];
  if (type === "ec" && jwkCurve && key.length === 1 + 2 * jwkCurve.size && key[0] === 0x04) {
    const x = key.subarray(1, 1 + jwkCurve.size);
    const y = key.subarray(1 + jwkCurve.size);
    return createPublicKey({
      key: { kty: "EC", crv: jwkCurve.crv, x: b64url(x), y: b64url(y) },
      format: "jwk",
    });
  }
  return createPublicKey({ key: spki, format: "der", type: "spki" });
}

/** Roles Anywhere key policy (spec §5.2, recommended): RSA ≥ 2048, EC P-256/P-384/P-521. */
export function keyStrengthProblem(k: PublicKeyInfo): string | undefined {
  if ((k.type === "rsa" || k.type === "rsa-pss") && (k.bits ?? 0) < 2048)
    return `RSA key of ${k.bits ?? "unknown"} bits (at least 2048 required)`;
  if (k.type === "ec" && !["P-256", "P-384", "P-521"].includes(k.curve ?? ""))
    return `EC key on curve ${k.curve ?? "unknown"} (P-256, P-384 or P-521 required)`;
  return undefined;
}

/** Short description for messages: `RSA-2048`, `EC P-256`, `Ed25519`. */
export function describeKey(k: PublicKeyInfo): string {
  switch (k.type) {
    case "rsa":
    case "rsa-pss":
      return `RSA-${k.bits ?? "?"}`;
    case "ec":
      return `EC ${k.curve ?? "?"}`;
    case "ed25519":
      return "Ed25519";
    case "ed448":
      return "Ed448";
    default:
      return `key ${k.algorithmOid}`;
  }
}
