import assert from "node:assert/strict";
import { test } from "node:test";
import { lintStep } from "./lint.js";
import { factsFor, testContext, testPki } from "./steps.fixture.js";

test("a leaf issued by the PKI code meets every requirement", async () => {
  const pki = await testPki();
  const outcome = await lintStep.run(testContext({ files: {}, facts: await factsFor(pki.leaf) }));
  assert.deepEqual(
    [outcome.status, outcome.message],
    ["pass", "1 certificate meets the Roles Anywhere requirements (anchorage cert lint finds nothing)"],
  );
});

test("a CA certificate used as the leaf: errors with their fixes", async () => {
  const pki = await testPki();
  const outcome = await lintStep.run(testContext({ files: {}, facts: await factsFor({ ...pki.root }) }));
  assert.equal(outcome.status, "fail");
  assert.match(outcome.message, /leaf "CN=Doctor Root CA,O=Test": leaf-is-ca: /);
  assert.ok((outcome.fix ?? "").length > 0);
});

test("validity findings are left to the validity step", async () => {
  const pki = await testPki();
  const outcome = await lintStep.run(testContext({ files: {}, facts: await factsFor(pki.expired) }));
  assert.equal(outcome.status, "pass", outcome.message);
});

test("skipped without a certificate", async () => {
  assert.equal((await lintStep.run(testContext({ files: {} }))).status, "skip");
});
