import assert from "node:assert/strict";
import test from "node:test";
import { CreateSessionError } from "./create-session-error.js";
import { CLI_OPTION_NAMES, defaultEndpoint, resolveSessionConfig } from "./session-config.js";

const ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/TA",
  profileArn: "arn:aws:rolesanywhere:eu-west-1:123456789012:profile/PR",
  roleArn: "arn:aws:iam::123456789012:role/test-role",
};

test("the region defaults to the trust anchor ARN's and the endpoint to the region's", () => {
  const config = resolveSessionConfig(ARNS);
  assert.equal(config.region, "eu-west-1");
  assert.equal(config.endpoint.href, "https://rolesanywhere.eu-west-1.amazonaws.com/");
  assert.equal(config.durationSeconds, undefined, "no duration unless asked: the profile's applies");
  assert.equal(config.roleSessionName, undefined);
});

test("given values are kept: region, endpoint (https:// added when no scheme), duration, session name", () => {
  const config = resolveSessionConfig({
    ...ARNS,
    region: "us-west-2",
    endpoint: "ra.example.com:8443",
    durationSeconds: 43200,
    roleSessionName: "my-session_01@x",
  });
  assert.equal(config.region, "us-west-2");
  assert.equal(config.endpoint.href, "https://ra.example.com:8443/");
  assert.equal(config.durationSeconds, 43200);
  assert.equal(config.roleSessionName, "my-session_01@x");
  assert.equal(
    resolveSessionConfig({ ...ARNS, endpoint: "http://127.0.0.1:18443" }).endpoint.host,
    "127.0.0.1:18443",
  );
});

test("default endpoints: the China regions use amazonaws.com.cn", () => {
  assert.equal(defaultEndpoint("cn-north-1").host, "rolesanywhere.cn-north-1.amazonaws.com.cn");
  assert.equal(defaultEndpoint("us-gov-west-1").host, "rolesanywhere.us-gov-west-1.amazonaws.com");
});

const rejected: [string, Record<string, unknown>, RegExp][] = [
  [
    "malformed trust anchor ARN",
    { trustAnchorArn: "not-an-arn" },
    /^invalid configuration: --trust-anchor-arn "not-an-arn" is not an ARN/,
  ],
  ["missing profile ARN", { profileArn: "" }, /--profile-arn is required/],
  [
    "trust anchor ARN of a profile",
    { trustAnchorArn: ARNS.profileArn },
    /--trust-anchor-arn .* is not a trust-anchor ARN/,
  ],
  [
    "role ARN of another service",
    { roleArn: "arn:aws:sts::123456789012:role/x" },
    /--role-arn .* names the sts service/,
  ],
  ["role ARN without account", { roleArn: "arn:aws:iam:::role/x" }, /has no account/],
  [
    "regions of trust anchor and profile differ",
    { profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR" },
    /the regions of --trust-anchor-arn \(eu-west-1\) and --profile-arn \(us-east-1\) differ/,
  ],
  [
    "duration 899",
    { durationSeconds: 899 },
    /--session-duration 899 is out of range; give whole seconds from 900 to 43200/,
  ],
  ["duration 43201", { durationSeconds: 43201 }, /--session-duration 43201 is out of range/],
  ["fractional duration", { durationSeconds: 1000.5 }, /--session-duration 1000.5 is out of range/],
  ["session name too short", { roleSessionName: "x" }, /--role-session-name "x" must be 2 to 64 characters/],
  ["session name with a space", { roleSessionName: "a b" }, /--role-session-name "a b" must be/],
  ["bad region", { region: "US East" }, /--region "US East" is not a region name/],
  [
    "endpoint with another scheme",
    { endpoint: "ftp://example.com" },
    /--endpoint "ftp:\/\/example.com" uses ftp:/,
  ],
  ["endpoint with a query", { endpoint: "https://example.com/?a=b" }, /must be a base URL/],
];

test("14 invalid configurations fail with step configure, naming the option as the caller spells it", () => {
  for (const [name, change, message] of rejected) {
    assert.throws(
      () => resolveSessionConfig({ ...ARNS, ...change } as typeof ARNS, CLI_OPTION_NAMES),
      (e: unknown) => e instanceof CreateSessionError && e.step === "configure" && message.test(e.message),
      name,
    );
  }
  assert.equal(rejected.length, 14);
});

test("the library's own option names appear in its messages", () => {
  assert.throws(
    () => resolveSessionConfig({ ...ARNS, durationSeconds: 100 }),
    /durationSeconds 100 is out of range/,
  );
  assert.throws(() => resolveSessionConfig({ ...ARNS, roleArn: "x" }), /roleArn "x" is not an ARN/);
});
