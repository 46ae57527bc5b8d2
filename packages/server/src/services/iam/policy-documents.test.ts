import assert from "node:assert/strict";
import { test } from "node:test";
import { checkInlineTotal, checkPolicyDocument } from "./policy-documents.js";

const doc = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const big = (n: number) =>
  doc({
    Effect: "Allow",
    Action: Array.from({ length: n }, (_, i) => `s3:Get${"x".repeat(20)}${i}`),
    Resource: "*",
  });

const MALFORMED: {
  name: string;
  text: string;
  use: Parameters<typeof checkPolicyDocument>[1];
  message: RegExp;
}[] = [
  { name: "not JSON", text: "{", use: { use: "managed" }, message: /JSON/ },
  {
    name: "lower-case effect",
    text: doc({ Effect: "allow", Action: "s3:*", Resource: "*" }),
    use: { use: "managed" },
    message: /Effect must be "Allow" or "Deny", got "allow" \(line 1, column \d+\)/,
  },
  {
    name: "a principal in an identity policy",
    text: doc({ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" }),
    use: { use: "managed" },
    message: /should not specify a principal/,
  },
  {
    name: "a resource in a trust policy",
    text: doc({
      Effect: "Allow",
      Principal: { AWS: "123456789012" },
      Action: "sts:AssumeRole",
      Resource: "*",
    }),
    use: { use: "trust", roleName: "R" },
    message: /Has prohibited field Resource/,
  },
  {
    name: "an unknown condition operator",
    text: doc({
      Effect: "Allow",
      Action: "s3:*",
      Resource: "*",
      Condition: { StringEqual: { "aws:username": "a" } },
    }),
    use: { use: "managed" },
    message: /Condition operator "StringEqual" is not valid; did you mean "StringEquals"\?/,
  },
  {
    name: "a session policy of the wrong shape",
    text: doc({ Effect: "Allow", Action: "s3:*" }),
    use: { use: "session" },
    message: /Resource/,
  },
];

test("malformed documents are MalformedPolicyDocument with the validator's precise message", () => {
  assert.equal(MALFORMED.length, 6);
  for (const c of MALFORMED) {
    assert.throws(
      () => checkPolicyDocument(c.text, c.use),
      { code: "MalformedPolicyDocument", message: c.message },
      c.name,
    );
  }
});

test("oversized documents are IAM's LimitExceeded with IAM's wording, per use", () => {
  assert.throws(() => checkPolicyDocument(big(300), { use: "managed" }), {
    code: "LimitExceeded",
    message: "Cannot exceed quota for PolicySize: 6144",
  });
  assert.throws(() => checkPolicyDocument(big(500), { use: "role-inline", roleName: "R" }), {
    code: "LimitExceeded",
    message: "Maximum policy size of 10240 bytes exceeded for role R",
  });
  assert.throws(() => checkPolicyDocument(big(100), { use: "user-inline", userName: "u" }), {
    code: "LimitExceeded",
    message: "Maximum policy size of 2048 bytes exceeded for user u",
  });
  const trust = JSON.stringify({
    Version: "2012-10-17",
    Statement: Array.from({ length: 40 }, () => ({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::123456789012:root" },
      Action: "sts:AssumeRole",
    })),
  });
  assert.throws(() => checkPolicyDocument(trust, { use: "trust", roleName: "R" }), {
    code: "LimitExceeded",
    message: "Cannot exceed quota for ACLSizePerRole: 2048",
  });
});

test("the inline quota counts a role's other inline policies, not the one replaced", () => {
  const five = big(150);
  const others = [{ policyName: "A", document: five }];
  checkInlineTotal({ use: "role-inline", roleName: "R" }, others, "A", five);
  assert.throws(
    () =>
      checkInlineTotal(
        { use: "role-inline", roleName: "R" },
        [...others, { policyName: "B", document: five }],
        "C",
        five,
      ),
    {
      code: "LimitExceeded",
      message: "Maximum policy size of 10240 bytes exceeded for role R",
    },
  );
});
