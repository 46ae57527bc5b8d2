import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey } from "node:crypto";
import test from "node:test";
import { readFixture, readPki } from "./fixture-files.js";
import { describeKey } from "./key-policy.js";

const KEYS: readonly [string, Buffer, string, boolean][] = [
  ["client-rsa", readPki("client-rsa.key.pem"), "RSA 2048", true],
  ["client-ec-p256", readPki("client-ec-p256.key.pem"), "EC P-256", true],
  ["client-ec-p384", readPki("client-ec-p384.key.pem"), "EC P-384", true],
  ["rsa1024", readFixture("rsa1024.key.pem"), "RSA 1024", false],
  ["rsa-pss", readFixture("rsa-pss.key.pem"), "RSA-PSS 2048", false],
  ["ed25519", readFixture("ed25519.key.pem"), "Ed25519", false],
  ["secp256k1", readFixture("secp256k1.key.pem"), "EC secp256k1", false],
  ["p192", readFixture("p192.key.pem"), "EC prime192v1", false],
  ["dsa", readFixture("dsa.key.pem"), "DSA 2048", false],
];

test("describeKey names each key type and accepts only RSA ≥ 2048 and P-256/P-384/P-521", () => {
  for (const [name, pem, text, supported] of KEYS) {
    const privateKey = createPrivateKey(pem);
    for (const key of [privateKey, createPublicKey(privateKey)]) {
      const d = describeKey(key);
      assert.equal(d.text, text, name);
      assert.equal(d.supported, supported, name);
      if (!d.supported) assert.match(d.why, /RSA|ECDSA|PKCS#1/, name);
    }
  }
  assert.equal(KEYS.length, 9);
});

test("a supported description carries the key type and curve", () => {
  const ec = describeKey(createPrivateKey(readPki("client-ec-p384.key.pem")));
  assert.deepEqual(ec, { supported: true, keyType: "EC", curve: "P-384", text: "EC P-384" });
  const rsa = describeKey(createPrivateKey(readPki("client-rsa.key.pem")));
  assert.deepEqual(rsa, { supported: true, keyType: "RSA", bits: 2048, text: "RSA 2048" });
});
