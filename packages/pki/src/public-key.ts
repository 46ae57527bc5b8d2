// SubjectPublicKeyInfo: algorithm, size/curve, and a node:crypto KeyObject for verification.
import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { DerReader, TAG, bytesOf, contentOf, decodeOid, readOid, type Tlv } from "./der.js";
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
  r.expect(TAG.BIT_STRING, "subjectPublicKey");
  r.finish();
  const spki = bytesOf(buf, tlv);
  const spkiSha256 = createHash("sha256").update(spki).digest("hex");
  const type = TYPES[algorithmOid] ?? "unknown";
  let curve: string | undefined;
  if (type === "ec" && params?.tag === TAG.OID) {
    const curveOid = decodeOid(contentOf(buf, params), where);
    curve = (CURVE as Record<string, string | undefined>)[curveOid] ?? curveOid;
  }
  let key: KeyObject | undefined;
  let problem: string | undefined;
  let problemCode: PublicKeyInfo["problemCode"];
  let bits: number | undefined;
  if (type === "unknown") {
    problem = `unsupported public key algorithm ${algorithmOid}`;
    problemCode = "UnsupportedAlgorithm";
  } else if (type === "ec" && curve === undefined) {
    problem = "EC key without a named curve (explicit curve parameters are not supported)";
    problemCode = "UnsupportedAlgorithm";
  } else {
    try {
      key = createPublicKey({ key: spki, format: "der", type: "spki" });
      bits = key.asymmetricKeyDetails?.modulusLength;
    } catch (cause) {
      problem = `the ${type} public key cannot be decoded: ${cause instanceof Error ? cause.message : String(cause)}`;
      problemCode = "Malformed";
    }
  }
  return { type, algorithmOid, bits, curve, spki, spkiSha256, key, problem, problemCode };
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
