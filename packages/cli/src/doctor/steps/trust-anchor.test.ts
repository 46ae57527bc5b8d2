import assert from "node:assert/strict";
import { test } from "node:test";
import { trustAnchorStep } from "./trust-anchor.js";
import { ANCHOR_ARN, fakeApi, testContext, testPki, trustAnchor } from "./steps.fixture.js";

test("an enabled anchor with a usable bundle passes and hands its certificates on", async () => {
  const pki = await testPki();
  const context = testContext({ files: {}, api: fakeApi({ anchor: trustAnchor(pki.root.certPem) }) });
  const outcome = await trustAnchorStep.run(context);
  assert.deepEqual(
    [outcome.status, outcome.message],
    ["pass", 'trust anchor "test-anchor" is enabled; its bundle holds "CN=Doctor Root CA,O=Test"'],
  );
  assert.equal(context.facts.anchors?.size, 1);
});

test("failures and skips: missing, disabled, another account's ARN, a leaf as bundle, no credentials, refused", async () => {
  const pki = await testPki();
  const cases: [string, Parameters<typeof testContext>[0]["api"], string, RegExp, RegExp][] = [
    [
      "missing",
      fakeApi({}),
      "fail",
      /there is no trust anchor 4f1b6f2e-0000-4000-8000-000000000001 in account 123456789012/,
      /list-trust-anchors/,
    ],
    [
      "disabled",
      fakeApi({ anchor: trustAnchor(pki.root.certPem, { enabled: false }) }),
      "fail",
      /trust anchor "test-anchor" is disabled/,
      /aws rolesanywhere enable-trust-anchor --trust-anchor-id 4f1b6f2e-0000-4000-8000-000000000001/,
    ],
    [
      "another ARN",
      fakeApi({
        anchor: trustAnchor(pki.root.certPem, {
          trustAnchorArn: ANCHOR_ARN.replace("us-east-1", "eu-west-1"),
        }),
      }),
      "fail",
      /names another account or region/,
      /use the ARN the API shows/,
    ],
    [
      "a leaf as bundle",
      fakeApi({ anchor: trustAnchor(pki.leaf.certPem) }),
      "fail",
      /its bundle cannot anchor a path/,
      /update-trust-anchor/,
    ],
    [
      "no credentials",
      { reason: "no admin credentials (test)" },
      "skip",
      /cannot read the trust anchor: no admin credentials/,
      /--admin-credentials/,
    ],
    [
      "refused",
      fakeApi({ denied: true }),
      "skip",
      /the API refused to show the trust anchor: AccessDeniedException/,
      /rolesanywhere:GetTrustAnchor/,
    ],
  ];
  assert.equal(cases.length, 6);
  for (const [name, api, status, message, fix] of cases) {
    const context = testContext({ files: {}, ...(api === undefined ? {} : { api }) });
    const outcome = await trustAnchorStep.run(context);
    assert.equal(outcome.status, status, name);
    assert.match(outcome.message, message, name);
    assert.match(outcome.fix ?? "", fix, name);
    assert.equal(context.facts.anchors, undefined, name);
  }
});
