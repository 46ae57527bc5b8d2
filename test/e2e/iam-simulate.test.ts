// `aws iam simulate-custom-policy` (and simulate-principal-policy) against Anchorage: a table of
// cases covering condition operators and context key types, NotAction, resource matching, deny
// wins, permissions boundaries, policy variables, resource policies and missing context values.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AWS_CLI_MISSING,
  awsError,
  awsJson,
  policy,
  startAnchorage,
  type Anchorage,
} from "./iam-harness.fixture.js";

type Decision = "allowed" | "explicitDeny" | "implicitDeny";
interface Entry {
  readonly ContextKeyName: string;
  readonly ContextKeyValues: string[];
  readonly ContextKeyType: string;
}
interface Case {
  readonly name: string;
  readonly policies: object[];
  readonly boundary?: object;
  readonly actions: string[];
  readonly resources?: string[];
  readonly context?: Entry[];
  readonly resourcePolicy?: object;
  readonly callerArn?: string;
  /** One decision per action × resource, in that order. */
  readonly expect: Decision[];
  readonly missing?: string[];
}

const allow = (action: string | string[], resource: string | string[] = "*", condition?: object) => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
  ...(condition === undefined ? {} : { Condition: condition }),
});
const deny = (action: string | string[], resource: string | string[] = "*", condition?: object) => ({
  ...allow(action, resource, condition),
  Effect: "Deny",
});
const ctx = (name: string, type: string, ...values: string[]): Entry => ({
  ContextKeyName: name,
  ContextKeyValues: values,
  ContextKeyType: type,
});

const CASES: Case[] = [
  {
    name: "an action wildcard allows",
    policies: [policy(allow("s3:Get*"))],
    actions: ["s3:GetObject", "s3:PutObject"],
    expect: ["allowed", "implicitDeny"],
  },
  {
    name: "actions are case-insensitive",
    policies: [policy(allow("S3:getobject"))],
    actions: ["s3:GetObject"],
    expect: ["allowed"],
  },
  {
    name: "explicit deny wins over allow",
    policies: [policy(allow("s3:*")), policy(deny("s3:DeleteObject"))],
    actions: ["s3:GetObject", "s3:DeleteObject"],
    expect: ["allowed", "explicitDeny"],
  },
  {
    name: "NotAction allows everything else",
    policies: [policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })],
    actions: ["ec2:RunInstances", "iam:CreateUser"],
    expect: ["allowed", "implicitDeny"],
  },
  {
    name: "resource globs are case-sensitive",
    policies: [policy(allow("s3:GetObject", "arn:aws:s3:::bucket/*"))],
    actions: ["s3:GetObject"],
    resources: ["arn:aws:s3:::bucket/key", "arn:aws:s3:::other/key", "arn:aws:s3:::BUCKET/key"],
    expect: ["allowed", "implicitDeny", "implicitDeny"],
  },
  {
    name: "StringEquals with a string context entry",
    policies: [policy(allow("s3:*", "*", { StringEquals: { "aws:username": "alice" } }))],
    actions: ["s3:GetObject"],
    context: [ctx("aws:username", "string", "alice")],
    expect: ["allowed"],
  },
  {
    name: "a condition key not supplied is a missing context value",
    policies: [policy(allow("s3:*", "*", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }))],
    actions: ["s3:GetObject"],
    expect: ["implicitDeny"],
    missing: ["aws:SourceIp"],
  },
  {
    name: "IpAddress with an ip context entry",
    policies: [policy(allow("s3:*", "*", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }))],
    actions: ["s3:GetObject"],
    context: [ctx("aws:SourceIp", "ip", "203.0.113.9")],
    expect: ["allowed"],
    missing: [],
  },
  {
    name: "NotIpAddress deny outside the network",
    policies: [
      policy(allow("s3:*")),
      policy(deny("*", "*", { NotIpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } })),
    ],
    actions: ["s3:GetObject"],
    context: [ctx("aws:SourceIp", "ip", "192.0.2.1")],
    expect: ["explicitDeny"],
  },
  {
    name: "NumericLessThan with a numeric context entry",
    policies: [policy(allow("s3:ListBucket", "*", { NumericLessThanEquals: { "s3:max-keys": "100" } }))],
    actions: ["s3:ListBucket"],
    context: [ctx("s3:max-keys", "numeric", "10")],
    expect: ["allowed"],
  },
  {
    name: "DateLessThan with a date context entry",
    policies: [policy(allow("s3:*", "*", { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }))],
    actions: ["s3:GetObject"],
    context: [ctx("aws:CurrentTime", "date", "2031-06-01T00:00:00Z")],
    expect: ["implicitDeny"],
  },
  {
    name: "Bool with a boolean context entry: deny insecure transport",
    policies: [policy(allow("s3:*"), deny("s3:*", "*", { Bool: { "aws:SecureTransport": "false" } }))],
    actions: ["s3:GetObject"],
    context: [ctx("aws:SecureTransport", "boolean", "false")],
    expect: ["explicitDeny"],
  },
  {
    name: "ForAllValues:StringEquals with a stringList: subset allowed",
    policies: [
      policy(allow("iam:TagRole", "*", { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } })),
    ],
    actions: ["iam:TagRole"],
    context: [ctx("aws:TagKeys", "stringList", "team", "env")],
    expect: ["allowed"],
  },
  {
    name: "ForAllValues:StringEquals with a stringList: an extra key denies",
    policies: [
      policy(allow("iam:TagRole", "*", { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } })),
    ],
    actions: ["iam:TagRole"],
    context: [ctx("aws:TagKeys", "stringList", "team", "owner")],
    expect: ["implicitDeny"],
  },
  {
    name: "ForAnyValue:StringLike is false on an absent key",
    policies: [policy(allow("iam:TagRole", "*", { "ForAnyValue:StringLike": { "aws:TagKeys": "team*" } }))],
    actions: ["iam:TagRole"],
    expect: ["implicitDeny"],
    missing: ["aws:TagKeys"],
  },
  {
    name: "Null: true when the key is absent",
    policies: [policy(allow("s3:*", "*", { Null: { "aws:TokenIssueTime": "true" } }))],
    actions: ["s3:GetObject"],
    expect: ["allowed"],
  },
  {
    name: "StringNotEquals is true on an absent key",
    policies: [policy(allow("s3:*", "*", { StringNotEquals: { "aws:PrincipalTag/team": "red" } }))],
    actions: ["s3:GetObject"],
    expect: ["allowed"],
  },
  {
    name: "a permissions boundary narrows the policies",
    policies: [policy(allow("s3:*"))],
    boundary: policy(allow("s3:Get*")),
    actions: ["s3:GetObject", "s3:PutObject"],
    expect: ["allowed", "implicitDeny"],
  },
  {
    name: "a policy variable in the resource",
    policies: [policy(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"))],
    actions: ["s3:GetObject"],
    resources: ["arn:aws:s3:::home/alice/f", "arn:aws:s3:::home/bob/f"],
    context: [ctx("aws:username", "string", "alice")],
    expect: ["allowed", "implicitDeny"],
  },
  {
    name: "BinaryEquals with a binary context entry",
    policies: [policy(allow("s3:*", "*", { BinaryEquals: { "s3:x-amz-meta-key": "QmluYXJ5" } }))],
    actions: ["s3:GetObject"],
    context: [ctx("s3:x-amz-meta-key", "binary", "QmluYXJ5")],
    expect: ["allowed"],
  },
  {
    name: "a resource policy naming the caller allows without an identity grant",
    policies: [policy({ Effect: "Deny", Action: "ec2:*", Resource: "*" })],
    actions: ["s3:GetObject"],
    resources: ["arn:aws:s3:::shared/x"],
    resourcePolicy: policy({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::123456789012:user/alice" },
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::shared/*",
    }),
    callerArn: "arn:aws:iam::123456789012:user/alice",
    expect: ["allowed"],
  },
];

function args(c: Case): string[] {
  return [
    "iam",
    "simulate-custom-policy",
    "--policy-input-list",
    ...c.policies.map((p) => JSON.stringify(p)),
    ...(c.boundary === undefined
      ? []
      : ["--permissions-boundary-policy-input-list", JSON.stringify(c.boundary)]),
    "--action-names",
    ...c.actions,
    ...(c.resources === undefined ? [] : ["--resource-arns", ...c.resources]),
    ...(c.context === undefined ? [] : ["--context-entries", JSON.stringify(c.context)]),
    ...(c.resourcePolicy === undefined ? [] : ["--resource-policy", JSON.stringify(c.resourcePolicy)]),
    ...(c.callerArn === undefined ? [] : ["--caller-arn", c.callerArn]),
  ];
}

interface Result {
  EvalActionName: string;
  EvalResourceName: string;
  EvalDecision: Decision;
  MatchedStatements: {
    SourcePolicyId: string;
    SourcePolicyType: string;
    StartPosition: { Line: number; Column: number };
  }[];
  MissingContextValues: string[];
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
}

let a: Anchorage;

describe("aws iam simulate-custom-policy answers a table of cases", { skip: AWS_CLI_MISSING }, () => {
  before(async () => {
    a = await startAnchorage();
  });
  after(() => a?.close());

  test(`the table has ${CASES.length} cases (at least 15)`, () => {
    assert.ok(CASES.length >= 15);
    assert.equal(CASES.length, 21);
  });

  for (const c of CASES) {
    test(c.name, async () => {
      const results = (await awsJson(a, args(c))).EvaluationResults as Result[];
      const pairs = c.actions.flatMap((action) =>
        (c.resources ?? ["*"]).map((resource) => [action, resource]),
      );
      assert.equal(results.length, pairs.length);
      assert.deepEqual(
        results.map((r) => [r.EvalActionName, r.EvalResourceName]),
        pairs,
      );
      assert.deepEqual(
        results.map((r) => r.EvalDecision),
        c.expect,
      );
      if (c.missing !== undefined)
        for (const r of results) assert.deepEqual(r.MissingContextValues, c.missing);
      if (c.boundary !== undefined) {
        assert.deepEqual(
          results.map((r) => r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary),
          c.expect.map((d) => d === "allowed"),
        );
      }
    });
  }

  test("matched statements name their source policy and position", async () => {
    const p =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},\n {"Sid":"NoDelete","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}';
    const results = (
      await awsJson(a, [
        "iam",
        "simulate-custom-policy",
        "--policy-input-list",
        p,
        "--action-names",
        "s3:DeleteObject",
      ])
    ).EvaluationResults as Result[];
    assert.equal(results[0]?.EvalDecision, "explicitDeny");
    assert.deepEqual(results[0]?.MatchedStatements, [
      {
        SourcePolicyId: "PolicyInputList.1",
        SourcePolicyType: "IAM Policy",
        StartPosition: { Line: 2, Column: 2 },
        EndPosition: { Line: 2, Column: 73 },
      },
    ]);
  });

  test("simulate-principal-policy uses the principal's own policies and boundary", async () => {
    await awsJson(a, [
      "iam",
      "create-user",
      "--user-name",
      "sim",
      "--permissions-boundary",
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    ]);
    await awsJson(a, [
      "iam",
      "attach-user-policy",
      "--user-name",
      "sim",
      "--policy-arn",
      "arn:aws:iam::aws:policy/AmazonS3FullAccess",
    ]);
    const results = (
      await awsJson(a, [
        "iam",
        "simulate-principal-policy",
        "--policy-source-arn",
        `arn:aws:iam::${a.accountId}:user/sim`,
        "--action-names",
        "s3:GetObject",
        "s3:PutObject",
        "ec2:RunInstances",
      ])
    ).EvaluationResults as Result[];
    assert.deepEqual(
      results.map((r) => r.EvalDecision),
      ["allowed", "implicitDeny", "implicitDeny"],
    );
    assert.equal(results[0]?.MatchedStatements[0]?.SourcePolicyId, "AmazonS3FullAccess");
    assert.match(
      await awsError(a, [
        "iam",
        "simulate-principal-policy",
        "--policy-source-arn",
        `arn:aws:iam::${a.accountId}:user/nobody`,
        "--action-names",
        "s3:GetObject",
      ]),
      /\(NoSuchEntity\).*The user with name nobody cannot be found\./,
    );
  });

  test("bad simulation input is InvalidInput or MalformedPolicyDocument, with the reason", async () => {
    const bad: [string[], RegExp][] = [
      [["--policy-input-list", "{nope", "--action-names", "s3:GetObject"], /\(MalformedPolicyDocument\)/],
      [
        [
          "--policy-input-list",
          JSON.stringify(policy(allow("s3:*"))),
          "--action-names",
          "s3:GetObject",
          "--context-entries",
          JSON.stringify([ctx("s3:max-keys", "numeric", "ten")]),
        ],
        /\(InvalidInput\).*not a numeric value/,
      ],
      [
        [
          "--policy-input-list",
          JSON.stringify(policy(allow("s3:*"))),
          "--action-names",
          "s3:GetObject",
          "--resource-policy",
          JSON.stringify(policy({ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" })),
        ],
        /\(InvalidInput\).*CallerArn is required/,
      ],
    ];
    assert.equal(bad.length, 3);
    for (const [extra, error] of bad)
      assert.match(await awsError(a, ["iam", "simulate-custom-policy", ...extra]), error);
  });
});
