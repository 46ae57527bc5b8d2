import assert from "node:assert/strict";
import { test } from "node:test";
import { AwsApiError } from "../aws/signed-request.js";
import { awsCommandFor, Lookups } from "./context.js";

test("fix commands aim at the configured endpoint: --endpoint-url only for a non-AWS server", () => {
  const local = awsCommandFor(
    new URL("http://127.0.0.1:7911"),
    "us-east-1",
    new URL("http://127.0.0.1:7911"),
  );
  const aws = awsCommandFor(
    new URL("https://rolesanywhere.eu-west-1.amazonaws.com"),
    "eu-west-1",
    new URL("https://iam.amazonaws.com"),
  );
  assert.deepEqual(
    [
      local("rolesanywhere", "list-profiles"),
      local("iam", "get-role --role-name a"),
      aws("rolesanywhere", "list-profiles"),
      aws("iam", "get-role --role-name a"),
    ],
    [
      "aws rolesanywhere list-profiles --region us-east-1 --endpoint-url http://127.0.0.1:7911",
      "aws iam get-role --role-name a --endpoint-url http://127.0.0.1:7911",
      "aws rolesanywhere list-profiles --region eu-west-1",
      "aws iam get-role --role-name a",
    ],
  );
});

test("each lookup is made once, whichever step asks first; failures are classified", async () => {
  let calls = 0;
  const lookups = new Lookups({
    getTrustAnchor: async () => {
      calls++;
      throw new AwsApiError(404, "ResourceNotFoundException", "none", undefined);
    },
    listCrls: async () => [],
    getProfile: async () => Promise.reject(new Error("unused")),
    getRole: async () => Promise.reject(new Error("unused")),
  });
  const [a, b] = await Promise.all([lookups.trustAnchor("x"), lookups.trustAnchor("x")]);
  assert.equal(calls, 1);
  assert.deepEqual([a.ok, !a.ok && a.problem.kind, b], [false, "not-found", a]);
  const none = await new Lookups({ reason: "no credentials" }).role("r");
  assert.deepEqual(none, { ok: false, problem: { kind: "unavailable", message: "no credentials" } });
});
