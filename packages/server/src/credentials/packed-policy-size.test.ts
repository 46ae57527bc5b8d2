import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { test } from "node:test";
import { AnchorageError } from "../http/errors.js";
import { checkPackedPolicySize, packedPolicySize, PACKED_POLICY_BUDGET_BYTES } from "./packed-policy-size.js";

const S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

test("nothing to pack is 0 %", () => assert.equal(packedPolicySize({}), 0));

test("AmazonS3ReadOnlyAccess by ARN alone is 6 % (the README's figure)", () => {
  assert.equal(packedPolicySize({ policyArns: [S3_READ_ONLY] }), 6);
});

test("the size is deflate-raw level 9 of the compact JSON, as a percentage of 1,024 bytes, rounded up", () => {
  const tags = [{ key: "x509Subject/CN", value: "host-1" }];
  const policy =
    '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:*", "Resource": "*" } ] }';
  const packed = JSON.stringify({
    p: JSON.stringify(JSON.parse(policy)),
    m: [S3_READ_ONLY],
    g: [["x509Subject/CN", "host-1"]],
  });
  const expected = Math.ceil(
    (100 * deflateRawSync(packed, { level: 9 }).length) / PACKED_POLICY_BUDGET_BYTES,
  );
  assert.equal(packedPolicySize({ policy, policyArns: [S3_READ_ONLY], tags }), expected);
});

test("a remembered size is the size computed afresh (same input, same answer; different input, its own)", () => {
  const a = { policyArns: [S3_READ_ONLY], tags: [{ key: "k", value: "v".repeat(200) }] };
  const b = { policyArns: [S3_READ_ONLY], tags: [{ key: "k", value: randomBytes(300).toString("base64") }] };
  const first = packedPolicySize(a);
  assert.equal(packedPolicySize(a), first);
  assert.ok(packedPolicySize(b) > first, "incompressible tag values pack larger");
  assert.equal(packedPolicySize(a), first);
});

test("more than 100 % is PackedPolicyTooLarge in AWS's words", () => {
  const tags = Array.from({ length: 40 }, (_, i) => ({
    key: `k${i}`,
    value: randomBytes(60).toString("base64"),
  }));
  assert.throws(
    () => checkPackedPolicySize({ tags }),
    (error: unknown) =>
      error instanceof AnchorageError &&
      error.code === "PackedPolicyTooLarge" &&
      /^Packed policy consumes \d+% of allotted space/.test(error.message),
  );
});
