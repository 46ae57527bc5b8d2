import assert from "node:assert/strict";
import { test } from "node:test";
import { formatArn, isLocal, parseArn, type ResourceType } from "./arns.js";

const SCOPE = { partition: "aws", region: "us-east-1", accountId: "123456789012" };
const ID = "61f50cd4-45b9-4259-b049-d0a53682fa4b";

const TYPES: ResourceType[] = ["trust-anchor", "profile", "crl", "subject"];
for (const type of TYPES) {
  test(`${type} ARNs format as AWS's and parse back`, () => {
    const arn = formatArn(SCOPE, type, ID);
    assert.equal(arn, `arn:aws:rolesanywhere:us-east-1:123456789012:${type}/${ID}`);
    assert.deepEqual(parseArn(arn), { ...SCOPE, resourceType: type, resourceId: ID });
    assert.equal(isLocal(parseArn(arn) ?? assert.fail(), SCOPE), true);
  });
}
test("every resource type is covered", () => assert.equal(TYPES.length, 4));

const NOT_ARNS = [
  "",
  "not-an-arn",
  `arn:aws:iam::123456789012:role/${ID}`,
  `arn:aws:rolesanywhere:us-east-1:123456789012:role/${ID}`,
  `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor`,
  `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/`,
  `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/${ID}/extra`,
  `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchors/${ID}`,
];
for (const text of NOT_ARNS) {
  test(`${JSON.stringify(text)} is not a Roles Anywhere ARN`, () => assert.equal(parseArn(text), undefined));
}
test("the non-ARN table has every case", () => assert.equal(NOT_ARNS.length, 8));

test("ARNs of another partition, region or account are not local", () => {
  const others = [
    `arn:aws-cn:rolesanywhere:us-east-1:123456789012:profile/${ID}`,
    `arn:aws:rolesanywhere:eu-west-1:123456789012:profile/${ID}`,
    `arn:aws:rolesanywhere:us-east-1:000000000000:profile/${ID}`,
  ];
  for (const arn of others) assert.equal(isLocal(parseArn(arn) ?? assert.fail(arn), SCOPE), false, arn);
  assert.equal(others.length, 3);
});
