import assert from "node:assert/strict";
import { test } from "node:test";
import { roleStep } from "./role.js";
import { fakeApi, role, testContext } from "./steps.fixture.js";

test("the role exists with exactly the ARN", async () => {
  const outcome = await roleStep.run(testContext({ files: {}, api: fakeApi({ role: role() }) }));
  assert.deepEqual(
    [outcome.status, outcome.message],
    ["pass", "role app exists (MaxSessionDuration 3600 s)"],
  );
});

test("missing, or another path: fails; no credentials: skipped", async () => {
  const missing = await roleStep.run(testContext({ files: {}, api: fakeApi({}) }));
  assert.deepEqual(
    [missing.status, missing.message],
    ["fail", "there is no role named app in account 123456789012"],
  );
  const pathed = await roleStep.run(
    testContext({
      files: {},
      api: fakeApi({ role: role({ arn: "arn:aws:iam::123456789012:role/team/app" }) }),
    }),
  );
  assert.equal(pathed.status, "fail");
  assert.match(
    pathed.message,
    /is arn:aws:iam::123456789012:role\/team\/app, not --role-arn .* \(the path must match too\)/,
  );
  assert.equal((await roleStep.run(testContext({ files: {} }))).status, "skip");
});
