import assert from "node:assert/strict";
import { constants, generateKeyPairSync, sign } from "node:crypto";
import { test } from "node:test";
import { TAG, encodeOid, encodeTlv, readSingle } from "./der.js";
import { parseSignatureAlgorithm, verifySignature, type SignatureAlgorithm } from "./signature-algorithm.js";

const seq = (...p: Buffer[]) => encodeTlv(TAG.SEQUENCE, Buffer.concat(p));
const NULL = Buffer.from([5, 0]);
const algId = (der: Buffer): SignatureAlgorithm =>
  parseSignatureAlgorithm(der, readSingle(der, TAG.SEQUENCE, "alg"), "alg");

const TABLE: [
  oid: string,
  params: Buffer | undefined,
  name: string,
  weak: boolean,
  problem: RegExp | undefined,
][] = [
  ["1.2.840.113549.1.1.11", NULL, "sha256WithRSAEncryption", false, undefined],
  ["1.2.840.113549.1.1.12", undefined, "sha384WithRSAEncryption", false, undefined],
  ["1.2.840.113549.1.1.13", NULL, "sha512WithRSAEncryption", false, undefined],
  ["1.2.840.113549.1.1.5", NULL, "sha1WithRSAEncryption", true, undefined],
  ["1.2.840.113549.1.1.4", NULL, "md5WithRSAEncryption", true, undefined],
  ["1.2.840.113549.1.1.14", NULL, "sha224WithRSAEncryption", true, undefined],
  ["1.2.840.10045.4.3.2", undefined, "ecdsa-with-SHA256", false, undefined],
  ["1.2.840.10045.4.3.3", undefined, "ecdsa-with-SHA384", false, undefined],
  ["1.2.840.10045.4.1", undefined, "ecdsa-with-SHA1", true, undefined],
  ["1.2.840.10045.4.3.2", NULL, "ecdsa-with-SHA256", false, /must not carry parameters/],
  [
    "1.2.840.113549.1.1.11",
    encodeTlv(TAG.INTEGER, Buffer.from([1])),
    "sha256WithRSAEncryption",
    false,
    /NULL or absent/,
  ],
  ["1.3.101.112", undefined, "Ed25519", false, undefined],
  ["1.2.840.10040.4.3", undefined, "dsa-with-SHA1", true, /DSA/],
  ["1.2.3.4", undefined, "1.2.3.4", false, /unknown/],
];

test("the signature algorithm table", () => {
  for (const [oid, params, name, weak, problem] of TABLE) {
    const a = algId(seq(encodeOid(oid), ...(params ? [params] : [])));
    assert.equal(a.name, name, oid);
    assert.equal(a.weak, weak, oid);
    if (problem) assert.match(a.problem ?? "", problem, oid);
    else assert.equal(a.problem, undefined, oid);
  }
  assert.equal(TABLE.length, 14);
});

const hashAlg = (oid: string) => seq(encodeOid(oid), NULL);
const pssParams = (hashOid: string, mgfHashOid: string, salt: number) =>
  seq(
    encodeTlv(0xa0, hashAlg(hashOid)),
    encodeTlv(0xa1, seq(encodeOid("1.2.840.113549.1.1.8"), hashAlg(mgfHashOid))),
    encodeTlv(0xa2, encodeTlv(TAG.INTEGER, Buffer.from([salt]))),
  );
const SHA256 = "2.16.840.1.101.3.4.2.1";
const SHA384 = "2.16.840.1.101.3.4.2.2";

test("RSASSA-PSS parameters: hash, MGF1 hash and salt length", () => {
  const ok = algId(seq(encodeOid("1.2.840.113549.1.1.10"), pssParams(SHA256, SHA256, 32)));
  assert.deepEqual(
    [ok.name, ok.hash, ok.saltLength, ok.weak, ok.problem],
    ["RSASSA-PSS(sha256)", "sha256", 32, false, undefined],
  );
  const defaults = algId(seq(encodeOid("1.2.840.113549.1.1.10"), seq()));
  assert.deepEqual([defaults.hash, defaults.saltLength, defaults.weak], ["sha1", 20, true]);
  const mixed = algId(seq(encodeOid("1.2.840.113549.1.1.10"), pssParams(SHA256, SHA384, 32)));
  assert.match(mixed.problem ?? "", /MGF1\(sha384\) differing/);
});

test("verifySignature: RSA PKCS#1, RSA-PSS, ECDSA, Ed25519 — and false for every mismatch", () => {
  const data = Buffer.from("to be signed");
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const ed = generateKeyPairSync("ed25519");
  const pkcs1 = algId(seq(encodeOid("1.2.840.113549.1.1.11"), NULL));
  const pss = algId(seq(encodeOid("1.2.840.113549.1.1.10"), pssParams(SHA256, SHA256, 32)));
  const ecdsa = algId(seq(encodeOid("1.2.840.10045.4.3.2")));
  const eddsa = algId(seq(encodeOid("1.3.101.112")));
  const sigs = {
    pkcs1: sign("sha256", data, rsa.privateKey),
    pss: sign("sha256", data, {
      key: rsa.privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    }),
    ecdsa: sign("sha256", data, ec.privateKey),
    eddsa: sign(null, data, ed.privateKey),
  };
  assert.equal(verifySignature(pkcs1, data, sigs.pkcs1, rsa.publicKey), true);
  assert.equal(verifySignature(pss, data, sigs.pss, rsa.publicKey), true);
  assert.equal(verifySignature(ecdsa, data, sigs.ecdsa, ec.publicKey), true);
  assert.equal(verifySignature(eddsa, data, sigs.eddsa, ed.publicKey), true);
  assert.equal(verifySignature(pkcs1, Buffer.from("other"), sigs.pkcs1, rsa.publicKey), false, "other data");
  assert.equal(verifySignature(pss, data, sigs.pkcs1, rsa.publicKey), false, "PKCS#1 signature as PSS");
  assert.equal(verifySignature(ecdsa, data, sigs.pkcs1, ec.publicKey), false, "garbage ECDSA value");
  assert.equal(verifySignature(pkcs1, data, sigs.ecdsa, ec.publicKey), false, "RSA algorithm, EC key");
  assert.equal(
    verifySignature(ecdsa, data, sigs.ecdsa, generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey),
    false,
    "another key",
  );
});
