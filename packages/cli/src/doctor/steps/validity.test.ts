import assert from "node:assert/strict";
import { test } from "node:test";
import { validityStep } from "./validity.js";
import { factsFor, NOW, testContext, testPki } from "./steps.fixture.js";

const DAY = 86_400_000;

test("valid now, expired, not yet valid, expiring soon", async () => {
  const pki = await testPki();
  const leaf = await factsFor(pki.leaf); // valid from NOW for 365 days
  const cases: [string, Date, string, RegExp][] = [
    [
      "valid",
      new Date(NOW.getTime() + DAY),
      "pass",
      /valid now; the leaf until 2027-03-01T12:00:00Z \(364 days left\)/,
    ],
    [
      "expired",
      new Date(NOW.getTime() + 400 * DAY),
      "fail",
      /leaf expired on 2027-03-01T12:00:00Z \(35 days ago\)/,
    ],
    [
      "not yet valid",
      new Date(NOW.getTime() - DAY),
      "fail",
      /leaf is not valid before 2026-03-01T12:00:00Z \(in 1 day\)/,
    ],
    [
      "expiring",
      new Date(NOW.getTime() + 340 * DAY),
      "warn",
      /leaf expires on 2027-03-01T12:00:00Z \(in 25 days\)/,
    ],
  ];
  assert.equal(cases.length, 4);
  for (const [name, now, status, message] of cases) {
    const outcome = await validityStep.run(testContext({ files: {}, facts: leaf, now }));
    assert.equal(outcome.status, status, name);
    assert.match(outcome.message, message, name);
  }
});

test("an expired leaf issued in the past (now in the past for issuance) fails with the renewal fix", async () => {
  const pki = await testPki();
  const outcome = await validityStep.run(testContext({ files: {}, facts: await factsFor(pki.expired) }));
  assert.equal(outcome.status, "fail");
  assert.match(outcome.fix ?? "", /issue a new certificate/);
});
