import assert from "node:assert/strict";
import { test } from "node:test";
import { iamArn, nameOfArn, parsePolicyArn, pathOfArn } from "./iam-arns.js";

test("ARNs as AWS forms them, and their path and name", () => {
  const arn = iamArn("aws", "123456789012", "role", "/app/team/", "S3Role");
  assert.equal(arn, "arn:aws:iam::123456789012:role/app/team/S3Role");
  assert.equal(pathOfArn(arn), "/app/team/");
  assert.equal(nameOfArn(arn), "S3Role");
  assert.equal(pathOfArn("arn:aws:iam::aws:policy/ReadOnlyAccess"), "/");
});

test("policy ARNs: customer and AWS-managed; anything else is InvalidInput in AWS's words", () => {
  assert.deepEqual(parsePolicyArn("arn:aws:iam::aws:policy/service-role/X"), {
    arn: "arn:aws:iam::aws:policy/service-role/X",
    account: "aws",
    path: "/service-role/",
    name: "X",
  });
  assert.equal(parsePolicyArn("arn:aws:iam::123456789012:policy/P").account, "123456789012");
  const bad = [
    "arn:aws:iam::123456789012:role/R",
    "arn:aws:iam::12345:policy/P",
    "policy/P",
    "arn:aws:iam::123456789012:policy/",
  ];
  assert.equal(bad.length, 4);
  for (const arn of bad)
    assert.throws(() => parsePolicyArn(arn), { code: "InvalidInput", message: `ARN ${arn} is not valid.` });
});
