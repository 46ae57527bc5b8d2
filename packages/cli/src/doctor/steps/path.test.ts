import assert from "node:assert/strict";
import { test } from "node:test";
import { pathStep } from "./path.js";
import { anchorsOf, factsFor, testContext, testPki, type Issued } from "./steps.fixture.js";

async function run(leaf: Issued, intermediates: Issued[], anchorPem: string) {
  const context = testContext({
    files: {},
    facts: { ...(await factsFor(leaf, intermediates)), anchors: anchorsOf(anchorPem) },
  });
  return { outcome: await pathStep.run(context), context };
}

test("the leaf validates to the anchor", async () => {
  const pki = await testPki();
  const { outcome, context } = await run(pki.leaf, [], pki.root.certPem);
  assert.deepEqual(
    [outcome.status, outcome.message],
    ["pass", '"CN=app,O=Test" → "CN=Doctor Root CA,O=Test" (the trust anchor): valid'],
  );
  assert.equal(context.facts.pathValid, true);
});

test("a leaf of another CA: the precise reason names the missing issuer", async () => {
  const pki = await testPki();
  const { outcome, context } = await run(pki.stranger, [], pki.root.certPem);
  assert.equal(outcome.status, "fail");
  assert.match(outcome.message, /the issuer of leaf "CN=app,O=Test" .* is "CN=Stranger CA"/);
  assert.match(outcome.fix ?? "", /--intermediates/);
  assert.equal(context.facts.pathValid, false);
});

test("under an intermediate: valid with the chain, the missing issuer named without it", async () => {
  const pki = await testPki();
  assert.equal(
    (await run(pki.underIntermediate, [pki.intermediate], pki.root.certPem)).outcome.status,
    "pass",
  );
  const without = await run(pki.underIntermediate, [], pki.root.certPem);
  assert.equal(without.outcome.status, "fail");
  assert.match(without.outcome.message, /"CN=Doctor Issuing CA,O=Test"/);
});

test("an expired leaf fails here too, with the expiry", async () => {
  const pki = await testPki();
  const { outcome } = await run(pki.expired, [], pki.root.certPem);
  assert.equal(outcome.status, "fail");
  assert.match(outcome.message, /expired/);
});

test("skipped without the anchor's certificates", async () => {
  const pki = await testPki();
  const outcome = await pathStep.run(testContext({ files: {}, facts: await factsFor(pki.leaf) }));
  assert.deepEqual(
    [outcome.status, outcome.message],
    ["skip", "needs the trust anchor's certificates (see trust-anchor)"],
  );
});
