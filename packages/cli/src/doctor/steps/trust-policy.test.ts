import assert from "node:assert/strict";
import { test } from "node:test";
import { trustPolicyStep } from "./trust-policy.js";
import {
  ANCHOR_ARN,
  factsFor,
  fakeApi,
  profile,
  role,
  testContext,
  testPki,
  trustPolicy,
} from "./steps.fixture.js";

test("the quickstart-shaped policy allows the certificate it names", async () => {
  const pki = await testPki();
  const context = testContext({
    files: {},
    api: fakeApi({ profile: profile(), role: role() }),
    facts: await factsFor(pki.leaf),
  });
  const outcome = await trustPolicyStep.run(context);
  assert.equal(outcome.status, "pass", outcome.message);
});

test("a certificate with another CN: the failing condition and what the certificate gives", async () => {
  const pki = await testPki();
  const api = fakeApi({
    profile: profile(),
    role: role({
      trustPolicy: trustPolicy({
        StringEquals: { "aws:PrincipalTag/x509Subject/CN": "other" },
        ArnEquals: { "aws:SourceArn": ANCHOR_ARN },
      }),
    }),
  });
  const outcome = await trustPolicyStep.run(testContext({ files: {}, api, facts: await factsFor(pki.leaf) }));
  assert.equal(outcome.status, "fail");
  assert.match(
    outcome.message,
    /Statement\[0\]: StringEquals aws:PrincipalTag\/x509Subject\/CN \["other"\] is false \(the request has "app"\)/,
  );
  assert.match(outcome.message, /the certificate gives x509Subject\/O=Test, x509Subject\/CN=app/);
});

test("the profile's attribute mappings decide which tags exist", async () => {
  const pki = await testPki();
  const api = fakeApi({
    profile: profile({
      attributeMappings: [{ certificateField: "x509Subject", mappingRules: [{ specifier: "O" }] }],
    }),
    role: role(),
  });
  const outcome = await trustPolicyStep.run(testContext({ files: {}, api, facts: await factsFor(pki.leaf) }));
  assert.equal(outcome.status, "fail");
  assert.match(outcome.message, /x509Subject\/CN \["app"\] is false \(the request has no such key\)/);
});

test("pitfall P10: a policy without aws:SourceArn or a subject condition is a warning", async () => {
  const pki = await testPki();
  const api = fakeApi({ profile: profile(), role: role({ trustPolicy: trustPolicy() }) });
  const outcome = await trustPolicyStep.run(testContext({ files: {}, api, facts: await factsFor(pki.leaf) }));
  assert.equal(outcome.status, "warn");
  assert.match(outcome.message, /has no aws:SourceArn condition: certificates from ANY trust anchor/);
  assert.match(outcome.message, /has no condition on the certificate's subject/);
  assert.match(outcome.fix ?? "", /"aws:SourceArn": "arn:aws:rolesanywhere/);
});

test("without the profile, the default mappings are assumed (and said so)", async () => {
  const pki = await testPki();
  const api = fakeApi({ role: role() });
  const outcome = await trustPolicyStep.run(testContext({ files: {}, api, facts: await factsFor(pki.leaf) }));
  assert.equal(outcome.status, "pass");
  assert.match(outcome.message, /the default attribute mappings were assumed/);
});
