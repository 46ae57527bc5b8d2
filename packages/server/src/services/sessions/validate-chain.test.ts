import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { test } from "node:test";
import { PkiCache, RevocationIndex, parseTrustAnchorBundle } from "@anchorage/pki";
import { CreateSessionRefusal } from "./refusal.js";
import type { UsableTrustAnchor } from "./resolve-trust-anchor.js";
import { ANCHOR_ARN, NOW, testPki } from "./sessions.fixture.js";
import { validateChain } from "./validate-chain.js";

const der = (pem: string) => new X509Certificate(pem).raw;

test("a path to the anchor, or a refusal naming the certificate and the check", async () => {
  const pki = await testPki();
  const cache = new PkiCache();
  const anchor: UsableTrustAnchor = {
    record: { arn: ANCHOR_ARN } as UsableTrustAnchor["record"],
    anchors: parseTrustAnchorBundle(pki.root.certPem, { cache }),
    revocation: new RevocationIndex([]),
    crlProblems: ["CRL x is not used: broken"],
  };
  const ok = validateChain(der(pki.client.certPem), [der(pki.issuing.certPem)], anchor, NOW, cache);
  assert.deepEqual(
    ok.path.map((c) => c.subject.text),
    [
      "CN=client-1,OU=dev,O=Anchorage tests",
      "CN=Test Issuing CA,O=Anchorage tests",
      "CN=Test Root CA,O=Anchorage tests",
    ],
  );
  assert.deepEqual(ok.warnings, ["CRL x is not used: broken"]);
  assert.throws(
    () => validateChain(der(pki.client.certPem), [], anchor, NOW, cache),
    (e: unknown) =>
      e instanceof CreateSessionRefusal &&
      e.code === "NoPathToAnchor" &&
      e.step === "certificate-path" &&
      e.certificate?.subject === "CN=client-1,OU=dev,O=Anchorage tests" &&
      e.detail?.trustAnchorArn === ANCHOR_ARN,
  );
});
