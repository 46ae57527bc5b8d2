import assert from "node:assert/strict";
import { test } from "node:test";
import { profileStep } from "./profile.js";
import { fakeApi, profile, role, ROLE_ARN, testContext } from "./steps.fixture.js";

test("an enabled profile listing the role, within the role's maximum, passes", async () => {
  const outcome = await profileStep.run(
    testContext({ files: {}, api: fakeApi({ profile: profile(), role: role() }) }),
  );
  assert.deepEqual(
    [outcome.status, outcome.message],
    [
      "pass",
      'profile "test-profile" is enabled and lists the role; sessions last 3600 s (profile 3600 s, role maximum 3600 s); session policies: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    ],
  );
});

test("failures, each with its fix", async () => {
  const other = "arn:aws:iam::123456789012:role/other";
  const cases: [string, Parameters<typeof fakeApi>[0], Record<string, string>, RegExp, RegExp][] = [
    ["missing", { role: role() }, {}, /there is no profile/, /list-profiles/],
    [
      "disabled",
      { profile: profile({ enabled: false }), role: role() },
      {},
      /profile "test-profile" is disabled/,
      /enable-profile --profile-id/,
    ],
    [
      "role not listed",
      { profile: profile({ roleArns: [other] }), role: role() },
      {},
      new RegExp(`does not list --role-arn ${ROLE_ARN} \\(it lists ${other}; the match is exact\\)`),
      /update-profile .* --role-arns /,
    ],
    [
      "session name not accepted",
      { profile: profile(), role: role() },
      { roleSessionName: "me" },
      /--role-session-name me is given, but profile "test-profile" does not accept role session names/,
      /--accept-role-session-name/,
    ],
    [
      "longer than the role allows",
      { profile: profile({ durationSeconds: 7200 }), role: role() },
      { sessionDuration: "7200" },
      /the session would last 7200 s .* the role's MaxSessionDuration is 3600 s/,
      /--max-session-duration 7200/,
    ],
  ];
  assert.equal(cases.length, 5);
  for (const [name, state, flags, message, fix] of cases) {
    const outcome = await profileStep.run(testContext({ files: {}, api: fakeApi(state), flags }));
    assert.equal(outcome.status, "fail", name);
    assert.match(outcome.message, message, name);
    assert.match(outcome.fix ?? "", fix, name);
  }
});

test("pitfall P5: a 12-hour profile cut to 1 hour by credential-process's default is a warning", async () => {
  const api = fakeApi({
    profile: profile({ durationSeconds: 43200 }),
    role: role({ maxSessionDuration: 43200 }),
  });
  const outcome = await profileStep.run(testContext({ files: {}, api }));
  assert.equal(outcome.status, "warn");
  assert.match(outcome.message, /the profile allows 43200 s but credential-process asks for 3600 s/);
  assert.equal(
    outcome.fix,
    "add --session-duration 43200 to the credential_process line for longer sessions",
  );
  const given = await profileStep.run(testContext({ files: {}, api, flags: { sessionDuration: "43200" } }));
  assert.equal(given.status, "pass");
});
