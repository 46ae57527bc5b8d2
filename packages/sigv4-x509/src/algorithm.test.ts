import assert from "node:assert/strict";
import { createPublicKey, createSecretKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { test } from "node:test";
import { algorithmForKey, describeKey, parseAlgorithm } from "./algorithm.js";
import { expectX509Error } from "./expect-error.fixture.js";
import { privateKey } from "./vectors.fixture.js";

const ec = (namedCurve: string): KeyObject => generateKeyPairSync("ec", { namedCurve }).privateKey;

const keys: [string, () => KeyObject, object][] = [
  [
    "an RSA PKCS#8 key",
    () => privateKey("pki/client-rsa.key.pem"),
    { keyType: "rsa", algorithm: "AWS4-X509-RSA-SHA256" },
  ],
  [
    "an RSA PKCS#1 key",
    () => privateKey("pki/client-rsa.key.pkcs1.pem"),
    { keyType: "rsa", algorithm: "AWS4-X509-RSA-SHA256" },
  ],
  [
    "a P-256 SEC1 key",
    () => privateKey("pki/client-ec-p256.key.sec1.pem"),
    { keyType: "ec", curve: "P-256", algorithm: "AWS4-X509-ECDSA-SHA256" },
  ],
  [
    "a P-384 key",
    () => privateKey("pki/client-ec-p384.key.pem"),
    { keyType: "ec", curve: "P-384", algorithm: "AWS4-X509-ECDSA-SHA256" },
  ],
  ["a P-521 key", () => ec("P-521"), { keyType: "ec", curve: "P-521", algorithm: "AWS4-X509-ECDSA-SHA256" }],
  [
    "a P-256 public key",
    () => createPublicKey(privateKey("pki/client-ec-p256.key.pem")),
    { keyType: "ec", curve: "P-256", algorithm: "AWS4-X509-ECDSA-SHA256" },
  ],
];

test("6 supported keys", () => assert.equal(keys.length, 6));
for (const [name, key, expected] of keys) {
  test(`describeKey: ${name}`, () => {
    assert.deepEqual(describeKey(key()), expected);
    assert.equal(algorithmForKey(key()), (expected as { algorithm: string }).algorithm);
  });
}

test("unsupported keys are rejected with UnsupportedKeyType, naming the key", () => {
  expectX509Error(
    () => describeKey(ec("secp256k1"), "the leaf key"),
    "UnsupportedKeyType",
    /the leaf key is an EC key on curve secp256k1/,
  );
  expectX509Error(() => describeKey(ec("brainpoolP256r1")), "UnsupportedKeyType", /curve brainpoolP256r1/);
  expectX509Error(
    () => describeKey(generateKeyPairSync("ed25519").privateKey),
    "UnsupportedKeyType",
    /has key type ed25519/,
  );
  expectX509Error(
    () => describeKey(generateKeyPairSync("dsa", { modulusLength: 1024, divisorLength: 160 }).privateKey),
    "UnsupportedKeyType",
    /has key type dsa/,
  );
  expectX509Error(
    () => describeKey(createSecretKey(Buffer.alloc(32))),
    "UnsupportedKeyType",
    /has key type secret/,
  );
});

const labels: [string, "rsa" | "ec"][] = [
  ["AWS4-X509-RSA-SHA256", "rsa"],
  ["AWS4-X509-ECDSA-SHA256", "ec"],
  ["AWS4-X509-RSA-SHA384", "rsa"],
  ["AWS4-X509-RSA-SHA512", "rsa"],
  ["AWS4-X509-ECDSA-SHA384", "ec"],
  ["AWS4-X509-ECDSA-SHA512", "ec"],
];
test("6 accepted labels", () => assert.equal(labels.length, 6));
for (const [label, keyType] of labels) {
  test(`parseAlgorithm accepts ${label}`, () => assert.deepEqual(parseAlgorithm(label), { label, keyType }));
}

const refused = [
  "AWS4-HMAC-SHA256",
  "AWS4-X509-RSA-SHA1",
  "AWS4-X509-RSA-SHA256-X",
  "AWS4-X509-EDDSA-SHA256",
  "aws4-x509-rsa-sha256",
  "AWS4-X509-RSA",
];
test("6 refused labels", () => assert.equal(refused.length, 6));
for (const label of refused) {
  test(`parseAlgorithm refuses ${label}`, () => {
    expectX509Error(
      () => parseAlgorithm(label),
      "UnsupportedAlgorithm",
      /is not supported; use AWS4-X509-RSA-SHA256 or AWS4-X509-ECDSA-SHA256/,
    );
  });
}

test("ML-DSA gets its own message", () => {
  expectX509Error(
    () => parseAlgorithm("AWS4-X509-MLDSA"),
    "UnsupportedAlgorithm",
    /\(ML-DSA\) is not supported by this server/,
  );
});
