import assert from "node:assert/strict";
import { test } from "node:test";
import { PkiError } from "./errors.js";
import { formatPem, parseCertificatePems, parsePem } from "./pem.js";
import { fixturePem } from "./test-support/fixtures.js";

test("formatPem and parsePem are a pair", () => {
  const der = Buffer.from(Array.from({ length: 200 }, (_, i) => i));
  const pem = formatPem("X509 CRL", der);
  assert.match(pem, /^-----BEGIN X509 CRL-----\n[A-Za-z0-9+/=\n]+\n-----END X509 CRL-----\n$/);
  assert.ok(pem.split("\n").every((l) => l.length <= 64));
  assert.deepEqual(parsePem(`text before\n${pem}text after`), [{ label: "X509 CRL", der }]);
});

test("a bundle of the committed fixtures parses to its certificates", () => {
  const bundle = fixturePem("chain-intermediate-root.pem");
  assert.equal(parseCertificatePems(bundle).length, 2);
});

const BAD: [string, string, RegExp][] = [
  ["mismatched END", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----", /ends with "END X509 CRL"/],
  ["bad base64", "-----BEGIN CERTIFICATE-----\nA*AA\n-----END CERTIFICATE-----", /not valid base64/],
  [
    "legacy headers",
    "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAAA\n-----END RSA PRIVATE KEY-----",
    /headers/,
  ],
  ["empty", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----", /empty/],
];
test("broken PEM is InvalidPem with the reason", () => {
  for (const [name, text, re] of BAD)
    assert.throws(
      () => parsePem(text),
      (e: unknown) => e instanceof PkiError && e.code === "InvalidPem" && re.test(e.message),
      name,
    );
  assert.equal(BAD.length, 4);
});

test("a certificate bundle that contains a key is refused, naming the block", () => {
  const text = fixturePem("root-ca.cert.pem") + fixturePem("root-ca.key.pem");
  assert.throws(
    () => parseCertificatePems(text, "bundle"),
    /bundle: expected only CERTIFICATE blocks, found a PRIVATE KEY block/,
  );
});
