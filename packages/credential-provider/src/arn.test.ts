import assert from "node:assert/strict";
import test from "node:test";
import { formatArn, parseArn } from "./arn.js";

const valid: [string, string, string, string][] = [
  [
    "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
    "rolesanywhere",
    "us-east-1",
    "trust-anchor/TA",
  ],
  ["arn:aws:iam::123456789012:role/test-role", "iam", "", "role/test-role"],
  ["arn:aws:iam::123456789012:role/path/to/role", "iam", "", "role/path/to/role"],
  ["arn:aws-cn:rolesanywhere:cn-north-1:123456789012:profile/x", "rolesanywhere", "cn-north-1", "profile/x"],
  [
    "arn:aws-us-gov:rolesanywhere:us-gov-west-1:123456789012:profile/a:b",
    "rolesanywhere",
    "us-gov-west-1",
    "profile/a:b",
  ],
];

test("5 valid ARNs split into their fields and join back", () => {
  for (const [text, service, region, resource] of valid) {
    const parsed = parseArn(text);
    assert.ok(parsed.ok, text);
    assert.deepEqual(
      [parsed.arn.service, parsed.arn.region, parsed.arn.resource],
      [service, region, resource],
    );
    assert.equal(formatArn(parsed.arn), text);
  }
  assert.equal(valid.length, 5);
});

const invalid: [string, RegExp][] = [
  ["not-an-arn", /is not an ARN/],
  ["arn:aws:iam::123456789012", /is not an ARN/],
  ["arn:aws:rolesanywhere:us-east-1:123456789012:", /has no resource/],
  ["arn:gcp:rolesanywhere:us-east-1:123456789012:profile/x", /unknown partition "gcp"/],
  ["arn:aws:Roles Anywhere:us-east-1:123456789012:profile/x", /invalid service/],
  ["arn:aws:rolesanywhere:US_EAST:123456789012:profile/x", /invalid region "US_EAST"/],
  ["arn:aws:rolesanywhere:us-east-1:1234:profile/x", /invalid account "1234"/],
];

test("7 malformed ARNs give a reason", () => {
  for (const [text, reason] of invalid) {
    const parsed = parseArn(text);
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) assert.match(parsed.reason, reason, text);
  }
  assert.equal(invalid.length, 7);
});
