import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { test } from "node:test";
import { sharedPkiCache } from "@anchorage/pki";
import { testPki } from "./sessions.fixture.js";
import { authenticationRecord } from "./subject-record.js";

const SUBJECT = {
  id: "d0000000-0000-4000-8000-000000000001",
  arn: "arn:aws:rolesanywhere:us-east-1:123456789012:subject/d0000000-0000-4000-8000-000000000001",
};

test("an attempt records the subject DN (RFC 4514), the certificate (serial hex, issuer, PEM) and instance properties", async () => {
  const pki = await testPki();
  const leaf = sharedPkiCache().certificate(new X509Certificate(pki.client.certPem).raw);
  const seenAt = new Date("2026-03-02T12:00:00Z");
  const record = authenticationRecord(leaf, {
    seenAt,
    failed: true,
    instanceProperties: { host: "a" },
    newSubject: SUBJECT,
  });
  assert.deepEqual(record, {
    x509Subject: "CN=client-1,OU=dev,O=Anchorage tests",
    newSubject: SUBJECT,
    seenAt,
    failed: true,
    certificate: {
      serialNumber: pki.client.serialHex,
      issuer: "CN=Test Issuing CA,O=Anchorage tests",
      x509CertificateData: pki.client.certPem,
    },
    instanceProperties: { host: "a" },
  });
  const plain = authenticationRecord(leaf, {
    seenAt,
    failed: false,
    instanceProperties: {},
    newSubject: SUBJECT,
  });
  assert.equal(plain !== undefined && "instanceProperties" in plain, false, "an empty map is not recorded");
});
