import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import test from "node:test";
import { CreateSessionError } from "./create-session-error.js";
import { REPO_ROOT } from "./material/fixture-files.js";
import { parseSessionResponse } from "./session-response.js";

interface Recorded {
  id: string;
  requests: { mockResponse: { status: number; body: string } }[];
}
const vectors = JSON.parse(
  readFileSync(join(REPO_ROOT, "test/fixtures/createsession/vectors.json"), "utf8"),
) as { cases: Recorded[] };

test("the 14 recorded CreateSession responses parse to their credentials", () => {
  for (const c of vectors.cases) {
    const { status, body } = c.requests[0]!.mockResponse;
    const parsed = parseSessionResponse(Buffer.from(body), { status });
    const recorded = (JSON.parse(body) as { credentialSet: { credentials: object }[] }).credentialSet[0]!;
    assert.deepEqual(parsed.credentials, recorded.credentials, c.id);
    assert.equal(
      parsed.assumedRoleUser?.arn.startsWith("arn:aws:sts::123456789012:assumed-role/test-role/"),
      true,
    );
    assert.equal(
      parsed.subjectArn?.startsWith("arn:aws:rolesanywhere:us-east-1:123456789012:subject/"),
      true,
    );
  }
  assert.equal(vectors.cases.length, 14);
});

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const good = {
  accessKeyId: "ASIA1",
  secretAccessKey: SECRET,
  sessionToken: "tok",
  expiration: "2045-01-01T00:00:00Z",
};
const bad: [string, unknown, RegExp][] = [
  [
    "empty set (the helper's err-empty-credential-set)",
    { credentialSet: [] },
    /no credentials were issued \(credentialSet is empty\)/,
  ],
  ["no set", { subjectArn: "x" }, /has no credentialSet/],
  ["array body", [good], /is not a JSON object/],
  ["entry without credentials", { credentialSet: [{}] }, /credentialSet\[0\] has no credentials object/],
  [
    "missing token",
    { credentialSet: [{ credentials: { ...good, sessionToken: undefined } }] },
    /sessionToken is missing/,
  ],
  [
    "number key id",
    { credentialSet: [{ credentials: { ...good, accessKeyId: 5 } }] },
    /accessKeyId is missing or not a string/,
  ],
  [
    "bad expiration",
    { credentialSet: [{ credentials: { ...good, expiration: "tomorrow" } }] },
    /expiration "tomorrow" is not a date/,
  ],
];

test("7 unusable bodies fail with step parse-response, never quoting the secret", () => {
  for (const [name, body, message] of bad) {
    assert.throws(
      () =>
        parseSessionResponse(Buffer.from(JSON.stringify(body)), { status: 201, requestId: "r", attempts: 2 }),
      (e: unknown) =>
        e instanceof CreateSessionError &&
        e.step === "parse-response" &&
        e.status === 201 &&
        e.requestId === "r" &&
        e.attempts === 2 &&
        message.test(e.message) &&
        !e.message.includes(SECRET),
      name,
    );
  }
  assert.equal(bad.length, 7);
  assert.throws(
    () => parseSessionResponse(Buffer.from("<html>"), { status: 201 }),
    /the HTTP 201 body is not JSON \(6 bytes\)/,
  );
});
