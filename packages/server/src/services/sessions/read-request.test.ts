import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { X509CertificateCache } from "@anchorage/sigv4-x509";
import { readParameters, readRequest, type ReceivedCreateSession } from "./read-request.js";
import { CreateSessionRefusal } from "./refusal.js";

interface Recorded {
  readonly id: string;
  readonly requests: { url: string; rawHeaders: [string, string][]; bodyUtf8: string }[];
}
const cases = (
  JSON.parse(
    readFileSync(new URL("../../../../../test/fixtures/createsession/vectors.json", import.meta.url), "utf8"),
  ) as { cases: Recorded[] }
).cases;
const request = cases.find((c) => c.id === "rsa-with-intermediate")?.requests[0];
assert.ok(request !== undefined);
const received: ReceivedCreateSession = {
  method: "POST",
  rawUrl: request.url,
  rawHeaders: request.rawHeaders.flat(),
  body: Buffer.from(request.bodyUtf8),
};

test("a helper request parses; its parameters come from the query string", () => {
  const parsed = readRequest(received, new X509CertificateCache());
  assert.equal(parsed.algorithm.label, "AWS4-X509-RSA-SHA256");
  assert.equal(parsed.chainDer.length, 1);
  assert.deepEqual(readParameters(parsed, received.body), {
    trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
    profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
    roleArn: "arn:aws:iam::123456789012:role/test-role",
    durationSeconds: 3600,
  });
});

const refusal = (run: () => unknown): CreateSessionRefusal => {
  try {
    run();
  } catch (error) {
    if (error instanceof CreateSessionRefusal) return error;
    throw error;
  }
  assert.fail("expected a refusal");
};

test("sigv4-x509 errors become refusals with the same code, at the step of the table", () => {
  const noAuth = {
    ...received,
    rawHeaders: request.rawHeaders.filter(([n]) => n !== "Authorization").flat(),
  };
  const r1 = refusal(() => readRequest(noAuth, new X509CertificateCache()));
  assert.deepEqual([r1.code, r1.step], ["MissingAuthorization", "request"]);
  const parsed = readRequest(received, new X509CertificateCache());
  const r2 = refusal(() => readParameters(parsed, Buffer.from('{"durationSeconds":1}')));
  assert.deepEqual([r2.code, r2.step], ["InvalidParameter", "parameters"]);
  assert.match(r2.reason, /durationSeconds/);
  const r3 = refusal(() => readParameters(parsed, Buffer.from("[1,2]")));
  assert.equal(r3.code, "MalformedBody");
});
