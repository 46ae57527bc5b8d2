import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate, parsePolicy, userPrincipal } from "@anchorage/policy";
import { AWS_MANAGED_POLICIES, awsManagedPolicy, isAwsManagedPolicyArn } from "./aws-managed-policies.js";

const principal = userPrincipal("arn:aws:iam::123456789012:user/alice");
const allows = (name: string, action: string) =>
  evaluate(
    { principal, action, resource: "*" },
    {
      identity: [
        parsePolicy(awsManagedPolicy(`arn:aws:iam::aws:policy/${name}`)?.document ?? "", "identity"),
      ],
    },
  ).allowed;

test("the catalogue: five policies, valid documents, stable ANPA ids", () => {
  assert.deepEqual(
    AWS_MANAGED_POLICIES.map((p) => p.name),
    [
      "AdministratorAccess",
      "AmazonS3FullAccess",
      "AmazonS3ReadOnlyAccess",
      "PowerUserAccess",
      "ReadOnlyAccess",
    ],
  );
  for (const p of AWS_MANAGED_POLICIES) {
    assert.ok(parsePolicy(p.document, "identity").statements.length > 0, p.name);
    assert.match(p.id, /^ANPA[A-Z2-7]{17}$/);
    assert.equal(p.arn, `arn:aws:iam::aws:policy/${p.name}`);
  }
  assert.equal(
    awsManagedPolicy("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")?.id,
    AWS_MANAGED_POLICIES[2]?.id,
  );
});

test("AmazonS3ReadOnlyAccess is AWS's document (v3)", () => {
  assert.deepEqual(
    JSON.parse(awsManagedPolicy("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")?.document ?? ""),
    {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"],
          Resource: "*",
        },
      ],
    },
  );
});

const CASES: [string, string, boolean][] = [
  ["AmazonS3ReadOnlyAccess", "s3:GetObject", true],
  ["AmazonS3ReadOnlyAccess", "s3:PutObject", false],
  ["AmazonS3FullAccess", "s3:PutObject", true],
  ["AmazonS3FullAccess", "sqs:SendMessage", false],
  ["AdministratorAccess", "iam:CreateRole", true],
  ["PowerUserAccess", "ec2:RunInstances", true],
  ["PowerUserAccess", "iam:CreateRole", false],
  ["PowerUserAccess", "iam:ListRoles", true],
  ["PowerUserAccess", "organizations:DescribeOrganization", true],
  ["ReadOnlyAccess", "rolesanywhere:ListTrustAnchors", true],
  ["ReadOnlyAccess", "rolesanywhere:CreateTrustAnchor", false],
  ["ReadOnlyAccess", "s3:GetObject", true],
  ["ReadOnlyAccess", "s3:PutObject", false],
  ["ReadOnlyAccess", "iam:ListRoles", true],
];

test("what each policy allows", () => {
  assert.equal(CASES.length, 14);
  for (const [name, action, expected] of CASES)
    assert.equal(allows(name, action), expected, `${name} ${action}`);
});

test("AWS-managed ARNs are recognised, known or not", () => {
  assert.equal(isAwsManagedPolicyArn("arn:aws:iam::aws:policy/service-role/Whatever"), true);
  assert.equal(isAwsManagedPolicyArn("arn:aws:iam::123456789012:policy/Mine"), false);
  assert.equal(awsManagedPolicy("arn:aws:iam::aws:policy/service-role/Whatever"), undefined);
});
