import assert from "node:assert/strict";
import { constants, createHash, generateKeyPairSync, privateEncrypt, sign, verify } from "node:crypto";
import test from "node:test";
import { rawEcdsaToDer, SHA256_DIGEST_INFO_PREFIX } from "./ecdsa-signature.js";

test("raw r‖s converts to the DER node:crypto writes, on P-256, P-384 and P-521", () => {
  let n = 0;
  for (const namedCurve of ["P-256", "P-384", "P-521"]) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve });
    for (let i = 0; i < 40; i++) {
      const data = Buffer.from(`message ${i}`);
      const raw = sign("sha256", data, { key: privateKey, dsaEncoding: "ieee-p1363" });
      const der = rawEcdsaToDer(raw);
      assert.ok(verify("sha256", data, publicKey, der), namedCurve);
      assert.deepEqual(verify("sha256", data, { key: publicKey, dsaEncoding: "der" }, der), true);
      n++;
    }
  }
  assert.equal(n, 120);
});

test("leading zeros are trimmed and a high bit gets a zero byte", () => {
  const raw = Buffer.concat([
    Buffer.alloc(31),
    Buffer.from([0x01]),
    Buffer.from([0x80]),
    Buffer.alloc(31, 1),
  ]);
  assert.equal(rawEcdsaToDer(raw).toString("hex"), `3026020101022100${"80"}${"01".repeat(31)}`);
  assert.throws(() => rawEcdsaToDer(Buffer.alloc(3)), RangeError);
});

test("the SHA-256 DigestInfo prefix makes CKM_RSA_PKCS give RSASSA-PKCS1-v1_5 over SHA-256", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const data = Buffer.from("string to sign");
  const digestInfo = Buffer.concat([SHA256_DIGEST_INFO_PREFIX, createHash("sha256").update(data).digest()]);
  // node's "raw" RSA PKCS#1 v1.5 signing of a prepared DigestInfo is what CKM_RSA_PKCS does.
  const signature = privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo);
  assert.deepEqual(signature, sign("sha256", data, privateKey));
  assert.ok(verify("sha256", data, publicKey, signature));
});
