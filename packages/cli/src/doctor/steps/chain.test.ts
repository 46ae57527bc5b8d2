import assert from "node:assert/strict";
import { test } from "node:test";
import { chainStep } from "./chain.js";
import { factsFor, testContext, testPki } from "./steps.fixture.js";

async function run(intermediates: string | undefined, leafName: "leaf" | "underIntermediate" = "leaf") {
  const pki = await testPki();
  const { leaf } = await factsFor(pki[leafName]);
  const context = testContext({
    files: {
      "leaf.pem": pki[leafName].certPem,
      ...(intermediates === undefined ? {} : { "chain.pem": intermediates }),
    },
    flags: intermediates === undefined ? {} : { intermediates: "chain.pem" },
    facts: { filesReadable: true, leaf },
  });
  return { outcome: await chainStep.run(context), context };
}

test("no intermediates: the anchor must hold the leaf's issuer", async () => {
  const { outcome, context } = await run(undefined);
  assert.deepEqual(
    [outcome.status, outcome.message],
    ["pass", 'no intermediates: the trust anchor must hold the leaf\'s issuer "CN=Doctor Root CA,O=Test"'],
  );
  assert.deepEqual(context.facts.chain, []);
});

test("an intermediate that issued the leaf links it, up to what the anchor must hold", async () => {
  const pki = await testPki();
  const { outcome, context } = await run(pki.intermediate.certPem, "underIntermediate");
  assert.equal(outcome.status, "pass", outcome.message);
  assert.equal(
    outcome.message,
    '"CN=app,O=Test" ← "CN=Doctor Issuing CA,O=Test"; the trust anchor must hold "CN=Doctor Root CA,O=Test"',
  );
  assert.equal(context.facts.chain?.length, 1);
});

test("intermediates that did not issue the leaf: a warning naming its issuer", async () => {
  const pki = await testPki();
  const { outcome } = await run(pki.strangerRoot.certPem);
  assert.equal(outcome.status, "warn");
  assert.match(
    outcome.message,
    /none of the 1 intermediate\(s\) issued the leaf \(its issuer is "CN=Doctor Root CA,O=Test"; they are "CN=Stranger CA"\)/,
  );
});

test("an unrelated extra certificate is sent but unused: a warning", async () => {
  const pki = await testPki();
  const { outcome } = await run(pki.intermediate.certPem + pki.strangerRoot.certPem, "underIntermediate");
  assert.equal(outcome.status, "warn");
  assert.match(
    outcome.message,
    /1 other certificate\(s\) are sent but not in the leaf's chain: "CN=Stranger CA"/,
  );
});

test("refused: a key in the bundle, more than 5 certificates", async () => {
  const pki = await testPki();
  const withKey = await run(pki.intermediate.certPem + pki.leaf.keyPem, "underIntermediate");
  assert.equal(withKey.outcome.status, "fail");
  assert.match(withKey.outcome.message, /expected only CERTIFICATE blocks, found a PRIVATE KEY block/);
  const six = await run(pki.intermediate.certPem.repeat(6), "underIntermediate");
  assert.equal(six.outcome.status, "fail");
  assert.match(six.outcome.message, /holds 6 certificates; X-Amz-X509-Chain carries at most 5/);
  assert.equal(six.context.facts.chain, undefined);
});

test("DER intermediates, one or several back to back, are read like credential-process reads them", async () => {
  const pki = await testPki();
  const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
  const context = testContext({
    files: {
      "leaf.pem": pki.underIntermediate.certPem,
      "chain.der": Buffer.concat([der(pki.intermediate.certPem), der(pki.root.certPem)]),
    },
    flags: { intermediates: "chain.der" },
    facts: { filesReadable: true, leaf: (await factsFor(pki.underIntermediate)).leaf },
  });
  const outcome = await chainStep.run(context);
  assert.deepEqual([outcome.status, context.facts.chain?.length], ["pass", 2]);
  assert.equal(
    outcome.message,
    '"CN=app,O=Test" ← "CN=Doctor Issuing CA,O=Test" ← "CN=Doctor Root CA,O=Test" (a root)',
  );
  const garbage = testContext({
    files: { "leaf.pem": pki.leaf.certPem, "chain.der": Buffer.from("not a certificate") },
    flags: { intermediates: "chain.der" },
    facts: { filesReadable: true, leaf: (await factsFor(pki.leaf)).leaf },
  });
  const bad = await chainStep.run(garbage);
  assert.equal(bad.status, "fail");
  assert.match(bad.message, /^intermediates file chain\.der: .*--intermediates/);
});
