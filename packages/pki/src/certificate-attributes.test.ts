import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCertificate } from "./certificate.js";
import { certificateAttributes, isSessionTagValue } from "./certificate-attributes.js";
import { forge } from "./test-support/forge.js";
import { fixtureDer } from "./test-support/fixtures.js";

test("the committed client certificate's attributes, in certificate order", () => {
  const a = certificateAttributes(fixtureDer("client-rsa.cert.pem"));
  assert.deepEqual(a.subject, [
    ["C", "US"],
    ["O", "Example"],
    ["OU", "engineering"],
    ["CN", "test-client"],
  ]);
  assert.deepEqual(a.issuer, [
    ["C", "US"],
    ["O", "Example"],
    ["OU", "Test PKI"],
    ["CN", "Example Test Intermediate CA"],
  ]);
  assert.deepEqual(a.san, {
    dns: "test-client.example.com",
    uri: "spiffe://example.com/ns/test/sa/test-client",
  });
  assert.equal(a.serialHex, "1002");
  assert.equal(a.subjectDn, "CN=test-client,OU=engineering,O=Example,C=US");
  assert.equal(a.issuerDn, "CN=Example Test Intermediate CA,OU=Test PKI,O=Example,C=US");
});

test("repeated RDNs stay separate and ordered; unknown attribute types are skipped; first SAN of each kind wins", async () => {
  const f = await forge({
    subject:
      "C=US, O=Example, OU=Security, OU=Engineering, OU=Research, 2.5.4.17=98101, CN=multi, 0.9.2342.19200300.100.1.1=u-1, DC=example",
    sans: [
      { type: "dns", value: "first.example.com" },
      { type: "dns", value: "second.example.com" },
      { type: "email", value: "a@example.com" },
      { type: "url", value: "urn:example:first" },
      { type: "dn", value: "CN=dir-name, O=Dir Org" },
      { type: "dn", value: "CN=second-dir" },
    ],
  });
  const a = certificateAttributes(parseCertificate(f.der));
  assert.deepEqual(a.subject, [
    ["C", "US"],
    ["O", "Example"],
    ["OU", "Security"],
    ["OU", "Engineering"],
    ["OU", "Research"],
    ["CN", "multi"],
    ["UID", "u-1"],
    ["DC", "example"],
  ]);
  assert.deepEqual(a.san, {
    dns: "first.example.com",
    uri: "urn:example:first",
    name: [
      ["CN", "dir-name"],
      ["O", "Dir Org"],
    ],
  });
});

test("session tag values", () => {
  const cases: [string, boolean][] = [
    ["test-client", true],
    ["Zürich Büro 2", true],
    ["a/b:c=d+e@f_g.h", true],
    ["R&D", false],
    ["semi;colon", false],
    ["x".repeat(256), true],
    ["x".repeat(257), false],
  ];
  for (const [v, ok] of cases) assert.equal(isSessionTagValue(v), ok, v.slice(0, 20));
  assert.equal(cases.length, 7);
});
