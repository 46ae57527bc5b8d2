import assert from "node:assert/strict";
import { test } from "node:test";
import { arnAccount, assumedRoleArn, splitArn } from "./arn.js";

test("splitArn splits at the first five colons; the resource keeps its colons", () => {
  assert.deepEqual(splitArn("arn:aws:logs:eu-west-1:123456789012:log-group:/app:*"), [
    "arn",
    "aws",
    "logs",
    "eu-west-1",
    "123456789012",
    "log-group:/app:*",
  ]);
  assert.deepEqual(splitArn("arn:aws:s3:::b/k"), ["arn", "aws", "s3", "", "", "b/k"]);
  assert.equal(splitArn("arn:aws:s3::"), undefined);
  assert.equal(splitArn("urn:aws:s3:::b"), undefined);
});

test("arnAccount returns the account field", () => {
  assert.equal(arnAccount("arn:aws:iam::123456789012:role/R"), "123456789012");
  assert.equal(arnAccount("arn:aws:s3:::b"), undefined);
});

test("assumedRoleArn drops the role path (iam-sts.md §3.2)", () => {
  assert.equal(
    assumedRoleArn("arn:aws:iam::123456789012:role/ops/team/Deploy", "ci"),
    "arn:aws:sts::123456789012:assumed-role/Deploy/ci",
  );
  assert.throws(() => assumedRoleArn("arn:aws:iam::123456789012:user/bob", "x"), {
    name: "TypeError",
    message: /not a role ARN/,
  });
});
