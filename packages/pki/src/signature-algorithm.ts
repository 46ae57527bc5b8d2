// Signature algorithms: the table of what is accepted, weak or unsupported, AlgorithmIdentifier
// parsing (including RSASSA-PSS parameters), and verification through node:crypto.
import { verify, constants, type KeyObject } from "node:crypto";
import { DerReader, TAG, bytesOf, contentOf, readOid, readSmallInteger, type Tlv } from "./der.js";
import { HASH_OID, MGF1 } from "./oids.js";

export type HashName = "md2" | "md5" | "sha1" | "sha224" | "sha256" | "sha384" | "sha512";
export type SignatureKind = "rsa-pkcs1" | "rsa-pss" | "ecdsa" | "eddsa" | "dsa" | "unknown";

export interface SignatureAlgorithm {
  readonly oid: string;
  /** Human name, e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA384`, `RSASSA-PSS(sha256)`. */
  readonly name: string;
  readonly kind: SignatureKind;
  readonly hash: HashName | undefined;
  /** MD2/MD5/SHA-1/SHA-224: refused everywhere in the path. */
  readonly weak: boolean;
  /** Set when the identifier cannot be used (unknown OID, bad parameters); says why. */
  readonly problem: string | undefined;
  readonly saltLength: number | undefined;
  /** The AlgorithmIdentifier's DER (compared between the TBS and outer fields). */
  readonly raw: Buffer;
}

interface TableRow {
  readonly name: string;
  readonly kind: SignatureKind;
  readonly hash?: HashName;
  /** "null-or-absent" for PKCS#1 v1.5 (RFC 4055), "absent" for ECDSA/EdDSA (RFC 5758/8410). */
  readonly params: "null-or-absent" | "absent" | "pss";
}

const TABLE: Readonly<Record<string, TableRow>> = {
  "1.2.840.113549.1.1.2": {
    name: "md2WithRSAEncryption",
    kind: "rsa-pkcs1",
    hash: "md2",
    params: "null-or-absent",
  },
  "1.2.840.113549.1.1.4": {
    name: "md5WithRSAEncryption",
    kind: "rsa-pkcs1",
    hash: "md5",
    params: "null-or-absent",
  },
  "1.2.840.113549.1.1.5": {
    name: "sha1WithRSAEncryption",
    kind: "rsa-pkcs1",
    hash: "sha1",
    params: "null-or-absent",
  },
  "1.3.14.3.2.29": {
    name: "sha1WithRSASignature",
    kind: "rsa-pkcs1",
    hash: "sha1",
    params: "null-or-absent",
  },
  "1.2.840.113549.1.1.14": {
    name: "sha224WithRSAEncryption",
    kind: "rsa-pkcs1",
    hash: "sha224",
    params: "null-or-absent",
  },
  "1.2.840.113549.1.1.11": {
    name: "sha256WithRSAEncryption",
    kind: "rsa-pkcs1",
    hash: "sha256",
    params: "null-or-absent",
  },
  "1.2.840.113549.1.1.12": {
    name: "sha384WithRSAEncryption",
    kind: "rsa-pkcs1",
    hash: "sha384",
    params: "null-or-absent",
  },
  "1.2.840.113549.1.1.13": {
    name: "sha512WithRSAEncryption",
    kind: "rsa-pkcs1",
    hash: "sha512",
    params: "null-or-absent",
  },
  "1.2.840.113549.1.1.10": { name: "RSASSA-PSS", kind: "rsa-pss", params: "pss" },
  "1.2.840.10045.4.1": { name: "ecdsa-with-SHA1", kind: "ecdsa", hash: "sha1", params: "absent" },
  "1.2.840.10045.4.3.1": { name: "ecdsa-with-SHA224", kind: "ecdsa", hash: "sha224", params: "absent" },
  "1.2.840.10045.4.3.2": { name: "ecdsa-with-SHA256", kind: "ecdsa", hash: "sha256", params: "absent" },
  "1.2.840.10045.4.3.3": { name: "ecdsa-with-SHA384", kind: "ecdsa", hash: "sha384", params: "absent" },
  "1.2.840.10045.4.3.4": { name: "ecdsa-with-SHA512", kind: "ecdsa", hash: "sha512", params: "absent" },
  "1.2.840.10040.4.3": { name: "dsa-with-SHA1", kind: "dsa", hash: "sha1", params: "absent" },
  "2.16.840.1.101.3.4.3.2": { name: "dsa-with-SHA256", kind: "dsa", hash: "sha256", params: "absent" },
  "1.3.101.112": { name: "Ed25519", kind: "eddsa", params: "absent" },
  "1.3.101.113": { name: "Ed448", kind: "eddsa", params: "absent" },
};

const WEAK_HASHES: ReadonlySet<HashName> = new Set(["md2", "md5", "sha1", "sha224"]);

/** Parses an AlgorithmIdentifier used for a signature. Unknown OIDs parse, with `problem` set. */
export function parseSignatureAlgorithm(buf: Buffer, tlv: Tlv, where: string): SignatureAlgorithm {
  const r = new DerReader(buf, tlv, where);
  const oid = readOid(buf, r.expect(TAG.OID, "algorithm"), where);
  const params = r.done ? undefined : r.next("parameters");
  r.finish();
  const raw = bytesOf(buf, tlv);
  const row = TABLE[oid];
  if (!row)
    return {
      oid,
      name: oid,
      kind: "unknown",
      hash: undefined,
      weak: false,
      problem: "unknown",
      saltLength: undefined,
      raw,
    };
  let problem: string | undefined;
  let hash = row.hash;
  let saltLength: number | undefined;
  if (
    row.params === "null-or-absent" &&
    params &&
    !(params.tag === TAG.NULL && params.end === params.content)
  )
    problem = `${row.name} parameters must be NULL or absent`;
  if (row.params === "absent" && params) problem = `${row.name} must not carry parameters`;
  if (row.params === "pss") {
    if (!params) problem = "RSASSA-PSS requires parameters";
    else {
      const pss = parsePssParams(buf, params, where);
      hash = pss.hash;
      saltLength = pss.saltLength;
      problem = pss.problem;
    }
  }
  const name = row.kind === "rsa-pss" ? `RSASSA-PSS(${hash ?? "?"})` : row.name;
  const weak = hash !== undefined && WEAK_HASHES.has(hash);
  if (!problem && row.kind === "dsa") problem = "DSA signatures are not supported";
  return { oid, name, kind: row.kind, hash, weak, problem, saltLength, raw };
}

function parsePssParams(
  buf: Buffer,
  tlv: Tlv,
  where: string,
): { hash: HashName | undefined; saltLength: number; problem: string | undefined } {
  if (tlv.tag !== TAG.SEQUENCE)
    return { hash: undefined, saltLength: 0, problem: "RSASSA-PSS parameters malformed" };
  const r = new DerReader(buf, tlv, `${where}.pss`);
  let hash: HashName | undefined = "sha1";
  let mgfHash: HashName | undefined = "sha1";
  let saltLength = 20;
  const h = r.optional(0xa0, "hashAlgorithm");
  if (h) hash = hashOfAlgorithmId(buf, new DerReader(buf, h, where).expect(TAG.SEQUENCE, "hash"), where);
  const m = r.optional(0xa1, "maskGenAlgorithm");
  if (m) {
    const mr = new DerReader(buf, new DerReader(buf, m, where).expect(TAG.SEQUENCE, "mgf"), where);
    if (readOid(buf, mr.expect(TAG.OID, "mgf"), where) !== MGF1)
      return { hash, saltLength, problem: "RSASSA-PSS mask generation must be MGF1" };
    mgfHash = hashOfAlgorithmId(buf, mr.expect(TAG.SEQUENCE, "mgf hash"), where);
  }
  const s = r.optional(0xa2, "saltLength");
  if (s) saltLength = readSmallInteger(buf, new DerReader(buf, s, where).expect(TAG.INTEGER, "salt"), where);
  const t = r.optional(0xa3, "trailerField");
  if (t && readSmallInteger(buf, new DerReader(buf, t, where).expect(TAG.INTEGER, "trailer"), where) !== 1)
    return { hash, saltLength, problem: "RSASSA-PSS trailerField must be 1" };
  r.finish();
  if (hash === undefined || mgfHash === undefined)
    return { hash, saltLength, problem: "RSASSA-PSS with an unknown hash algorithm" };
  if (mgfHash !== hash)
    return {
      hash,
      saltLength,
      problem: `RSASSA-PSS with MGF1(${mgfHash}) differing from the hash (${hash})`,
    };
  return { hash, saltLength, problem: undefined };
}

function hashOfAlgorithmId(buf: Buffer, tlv: Tlv, where: string): HashName | undefined {
  const r = new DerReader(buf, tlv, where);
  const oid = readOid(buf, r.expect(TAG.OID, "hash"), where);
  return (HASH_OID as Record<string, HashName | undefined>)[oid];
}

/** Key types each signature kind can be verified with. */
const KEY_TYPES: Readonly<Record<SignatureKind, readonly string[]>> = {
  "rsa-pkcs1": ["rsa"],
  "rsa-pss": ["rsa", "rsa-pss"],
  ecdsa: ["ec"],
  eddsa: ["ed25519", "ed448"],
  dsa: [],
  unknown: [],
};

/**
 * Verifies `signature` over `data` with `key`. Returns false (never throws) when the signature,
 * the key type or the algorithm do not fit together — all of which mean "does not verify".
 */
export function verifySignature(
  alg: SignatureAlgorithm,
  data: Buffer,
  signature: Buffer,
  key: KeyObject,
): boolean {
  if (alg.problem || !KEY_TYPES[alg.kind].includes(key.asymmetricKeyType ?? "")) return false;
  try {
    switch (alg.kind) {
      case "rsa-pkcs1":
        return verify(alg.hash!, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
      case "rsa-pss":
        return verify(
          alg.hash!,
          data,
          { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.saltLength },
          signature,
        );
      case "ecdsa":
        return verify(alg.hash!, data, { key, dsaEncoding: "der" }, signature);
      case "eddsa":
        return verify(null, data, key, signature);
      default:
        return false;
    }
  } catch {
    // OpenSSL refuses malformed signatures (e.g. an ECDSA value that is not a DER SEQUENCE) by
    // throwing; for a validator that is the same verdict as a mismatch.
    return false;
  }
}

/** The content bytes of the signature BIT STRING (must have 0 unused bits). */
export const signatureBytes = (buf: Buffer, tlv: Tlv): Buffer => contentOf(buf, tlv).subarray(1);
