import assert from "node:assert/strict";
import { test } from "node:test";
import { CreateSessionError } from "@anchorage/credential-provider";
import { sessionConfigFromFlags } from "./session-config-flags.js";

const ARNS = {
  trustAnchorArn:
    "arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/a1b2c3d4-0000-4000-8000-000000000001",
  profileArn: "arn:aws:rolesanywhere:eu-west-1:123456789012:profile/a1b2c3d4-0000-4000-8000-000000000002",
  roleArn: "arn:aws:iam::123456789012:role/app",
};

test("fills the helper's defaults: duration 3600, the anchor's region and its endpoint", () => {
  const config = sessionConfigFromFlags(ARNS);
  assert.deepEqual(
    [config.durationSeconds, config.region, config.endpoint.href, config.roleSessionName],
    [3600, "eu-west-1", "https://rolesanywhere.eu-west-1.amazonaws.com/", undefined],
  );
});

test("takes the duration, region, endpoint and session name from the flags", () => {
  const config = sessionConfigFromFlags({
    ...ARNS,
    sessionDuration: " 900 ",
    region: "us-east-1",
    endpoint: "http://127.0.0.1:8080",
    roleSessionName: "host-1",
  });
  assert.deepEqual(
    [config.durationSeconds, config.region, config.endpoint.href, config.roleSessionName],
    [900, "us-east-1", "http://127.0.0.1:8080/", "host-1"],
  );
});

const BAD: readonly [string, Record<string, string>, RegExp][] = [
  ["a fractional duration", { sessionDuration: "1.5" }, /--session-duration "1\.5" is not a whole number/],
  ["a negative duration", { sessionDuration: "-900" }, /--session-duration "-900" is not a whole number/],
  ["a duration out of range", { sessionDuration: "60" }, /--session-duration 60 is out of range/],
  ["no trust anchor", { trustAnchorArn: "" }, /--trust-anchor-arn/],
];

test("refuses bad flags with CreateSessionError at step configure, naming the CLI's option", () => {
  let checked = 0;
  for (const [name, flags, message] of BAD) {
    assert.throws(
      () => sessionConfigFromFlags({ ...ARNS, ...flags }),
      (e: unknown) => e instanceof CreateSessionError && e.step === "configure" && message.test(e.message),
      name,
    );
    checked++;
  }
  assert.equal(checked, BAD.length);
});
