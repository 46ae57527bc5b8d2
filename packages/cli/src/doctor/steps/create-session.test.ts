// CreateSession through the transport seam: a recorded answer stands in for the server.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { HttpRequest, WireResponse } from "@anchorage/credential-provider";
import { parseExplainedMessage } from "@anchorage/server";
import { createSessionStep } from "./create-session.js";
import { factsFor, testContext, testPki } from "./steps.fixture.js";

const answer =
  (status: number, body: unknown, headers: Record<string, string> = {}): HttpRequest =>
  async () =>
    ({
      status,
      statusText: "",
      headers: { "content-type": "application/json", "x-amzn-requestid": "req-1", ...headers },
      body: Buffer.from(JSON.stringify(body)),
    }) satisfies WireResponse;

const CREDENTIALS = {
  credentialSet: [
    {
      assumedRoleUser: { arn: "arn:aws:sts::123456789012:assumed-role/app/5A", assumedRoleId: "AROA:5A" },
      credentials: {
        accessKeyId: "ASIAEXAMPLE",
        secretAccessKey: "secret-do-not-print",
        sessionToken: "token-do-not-print",
        expiration: "2026-03-01T13:00:00Z",
      },
      roleArn: "arn:aws:iam::123456789012:role/app",
      sourceIdentity: "CN=app",
    },
  ],
  subjectArn: "arn:aws:rolesanywhere:us-east-1:123456789012:subject/s",
};

async function run(httpRequest: HttpRequest, explain = false) {
  const pki = await testPki();
  const context = {
    ...testContext({ files: {}, facts: await factsFor(pki.leaf) }),
    httpRequest,
    ...(explain ? { explainRefusal: async (m: string) => parseExplainedMessage(m) } : {}),
  };
  return { outcome: await createSessionStep.run(context), context };
}

test("success: the assumed role, the expiry, the source identity — never the credentials", async () => {
  const { outcome, context } = await run(answer(201, CREDENTIALS));
  assert.equal(outcome.status, "pass");
  assert.equal(
    outcome.message,
    "credentials issued for arn:aws:sts::123456789012:assumed-role/app/5A, expiring 2026-03-01T13:00:00Z, source identity CN=app (not shown)",
  );
  assert.doesNotMatch(JSON.stringify([outcome, context.facts.session]), /do-not-print|ASIAEXAMPLE/);
  assert.deepEqual(context.facts.session, {
    assumedRoleArn: "arn:aws:sts::123456789012:assumed-role/app/5A",
    expiration: "2026-03-01T13:00:00Z",
    sourceIdentity: "CN=app",
  });
});

test("a refusal explained by the server: AWS's words, then the precise reason read from the whole body", async () => {
  const reason = `no path to the trust anchor: the issuer of leaf "CN=app" (serial 01) is "CN=Issuing CA", ${"and a long explanation ".repeat(20)}to the end`;
  const { outcome } = await run(
    answer(
      403,
      { message: `Untrusted signing certificate [certificate-path/NoPathToAnchor: ${reason}]` },
      { "x-amzn-errortype": "AccessDeniedException" },
    ),
    true,
  );
  assert.equal(outcome.status, "fail");
  assert.ok(
    outcome.message.startsWith(
      "CreateSession refused: AccessDeniedException: Untrusted signing certificate (HTTP 403, request id req-1); the server explains: certificate-path/NoPathToAnchor: no path to the trust anchor",
    ),
    outcome.message,
  );
  assert.ok(outcome.message.endsWith(reason), "the reason is whole, not cut at 300 characters");
  assert.equal(outcome.fix, "fix what the reason names (the path check covers it)");
});

test("a refusal without an explanation (AWS): AWS's words and where to look", async () => {
  const { outcome } = await run(
    answer(
      403,
      { message: "Untrusted signing certificate" },
      { "x-amzn-errortype": "AccessDeniedException" },
    ),
    true,
  );
  assert.equal(
    outcome.message,
    "CreateSession refused: AccessDeniedException: Untrusted signing certificate (HTTP 403, request id req-1)",
  );
  assert.match(outcome.fix ?? "", /--explain-errors/);
});

test("skipped without the key", async () => {
  const outcome = await createSessionStep.run(testContext({ files: {} }));
  assert.deepEqual(
    [outcome.status, outcome.message],
    ["skip", "needs the certificate and its key (see files and key)"],
  );
});
