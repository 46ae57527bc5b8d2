import assert from "node:assert/strict";
import { test } from "node:test";
import { PkiError } from "./errors.js";
import { forge, forgeKey } from "./test-support/forge.js";
import { fixturePem } from "./test-support/fixtures.js";
import { parseTrustAnchorBundle } from "./trust-anchors.js";

const invalid = (re: RegExp) => (e: unknown) =>
  e instanceof PkiError && e.code === "InvalidTrustAnchor" && re.test(e.message);

test("a root bundle and a root+intermediate bundle parse; the count is exposed", () => {
  assert.equal(parseTrustAnchorBundle(fixturePem("trust-anchor-root.pem")).size, 1);
  const two = parseTrustAnchorBundle(fixturePem("chain-intermediate-root.pem"));
  assert.equal(two.size, 2);
  assert.deepEqual(two.subjects, [
    "CN=Example Test Intermediate CA,OU=Test PKI,O=Example,C=US",
    "CN=Example Test Root CA,OU=Test PKI,O=Example,C=US",
  ]);
  const dup = parseTrustAnchorBundle(fixturePem("root-ca.cert.pem") + fixturePem("root-ca.cert.pem"));
  assert.equal(dup.size, 1, "duplicates count once");
});

test("refuses certificates that cannot be Roles Anywhere trust anchors, naming each problem", async () => {
  const cases: [string, string, RegExp][] = [
    [
      "a leaf",
      fixturePem("client-rsa.cert.pem"),
      /certificate 1 "CN=test-client.*basicConstraints cA is not TRUE.*keyUsage does not include keyCertSign/,
    ],
    [
      "a SHA-1 CA",
      (await forge({ subject: "CN=Old CA", ca: true, hash: "SHA-1" })).pem,
      /signed with ecdsa-with-SHA1; reissue it with SHA-256/,
    ],
    [
      "a CA without keyCertSign",
      (await forge({ subject: "CN=No Sign CA", ca: true, keyUsage: ["cRLSign"] })).pem,
      /keyUsage does not include keyCertSign/,
    ],
    [
      "an RSA-1024 CA",
      (await forge({ subject: "CN=Small CA", ca: true, key: forgeKey("rsa1024") })).pem,
      /RSA key of 1024 bits/,
    ],
    ["a key instead of a certificate", fixturePem("root-ca.key.pem"), /found a PRIVATE KEY block/],
    ["no PEM at all", "nothing here", /no -----BEGIN CERTIFICATE----- block/],
    [
      "the second of two is bad",
      fixturePem("root-ca.cert.pem") + fixturePem("client-rsa.cert.pem"),
      /^trust anchor bundle is not usable: certificate 2 /,
    ],
  ];
  for (const [name, pem, re] of cases) assert.throws(() => parseTrustAnchorBundle(pem), invalid(re), name);
  assert.equal(cases.length, 7);
});
