import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePolicy } from "@anchorage/policy";
import type { RolePolicies } from "../../authorization/policy-cache.js";
import { CreateSessionRefusal } from "./refusal.js";
import { checkTrustPolicy, decideTrust, trustContext, type TrustQuestion } from "./trust-policy.js";

const ANCHOR =
  "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/a0000000-0000-4000-8000-000000000001";
const QUESTION: TrustQuestion = {
  trustAnchorArn: ANCHOR,
  accountId: "123456789012",
  tags: [
    { key: "x509Subject/CN", value: "host-1" },
    { key: "x509Issuer/CN", value: "Issuing CA" },
  ],
  sourceIdentity: "CN=host-1",
  sessionName: "1002",
  now: new Date("2026-03-02T12:00:00Z"),
  facts: { sourceIp: "203.0.113.7", secureTransport: true },
};

const role = (statements: object[]): RolePolicies => ({
  kind: "role",
  record: {
    id: "AROAEXAMPLEEXAMPLE01",
    name: "app",
    path: "/",
    arn: "arn:aws:iam::123456789012:role/app",
    assumeRolePolicyDocument: "",
    maxSessionDuration: 3600,
    createdAt: "2026-01-01T00:00:00.000000Z",
  },
  identity: [],
  boundary: undefined,
  tags: [],
  trust: parsePolicy(JSON.stringify({ Version: "2012-10-17", Statement: statements }), "trust", {
    name: "app trust policy",
  }),
});
const allow = (actions: string[], condition?: object) => ({
  Effect: "Allow",
  Principal: { Service: "rolesanywhere.amazonaws.com" },
  Action: actions,
  ...(condition === undefined ? {} : { Condition: condition }),
});
const ALL = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"];

test("the context: source, account, principal and request tags, tag keys, source identity, session name, time, transport", () => {
  assert.deepEqual(Object.fromEntries(trustContext(QUESTION)), {
    "aws:currenttime": "2026-03-02T12:00:00Z",
    "aws:epochtime": "1772452800",
    "aws:sourceip": "203.0.113.7",
    "aws:securetransport": "true",
    "aws:sourcearn": ANCHOR,
    "aws:sourceaccount": "123456789012",
    "aws:principalisawsservice": "true",
    "aws:principalservicename": "rolesanywhere.amazonaws.com",
    "sts:sourceidentity": "CN=host-1",
    "sts:rolesessionname": "1002",
    "aws:principaltag/x509subject/cn": "host-1",
    "aws:requesttag/x509subject/cn": "host-1",
    "aws:principaltag/x509issuer/cn": "Issuing CA",
    "aws:requesttag/x509issuer/cn": "Issuing CA",
    "aws:tagkeys": ["x509Subject/CN", "x509Issuer/CN"],
  });
});

// [name, statements, allowed?, failing action]
const rows: [string, object[], boolean, string?][] = [
  ["the three actions, no condition", [allow(ALL)], true],
  [
    "conditions on the CN tag and the source ARN (the user guide's pattern)",
    [
      allow(ALL, {
        StringEquals: { "aws:PrincipalTag/x509Subject/CN": "host-1" },
        ArnEquals: { "aws:SourceArn": ANCHOR },
      }),
    ],
    true,
  ],
  [
    "another CN",
    [allow(ALL, { StringEquals: { "aws:PrincipalTag/x509Subject/CN": "host-2" } })],
    false,
    "sts:AssumeRole",
  ],
  ["without sts:TagSession", [allow(["sts:AssumeRole", "sts:SetSourceIdentity"])], false, "sts:TagSession"],
  [
    "without sts:SetSourceIdentity",
    [allow(["sts:AssumeRole", "sts:TagSession"])],
    false,
    "sts:SetSourceIdentity",
  ],
  [
    "actions split across statements with their own conditions (the user guide's example)",
    [
      allow(["sts:AssumeRole", "sts:SetSourceIdentity"], {
        StringEquals: { "sts:SourceIdentity": "CN=host-1" },
      }),
      allow(["sts:TagSession"], { StringEquals: { "aws:RequestTag/x509Subject/CN": "host-1" } }),
    ],
    true,
  ],
  [
    "an explicit deny on a tag key",
    [
      allow(ALL),
      {
        Effect: "Deny",
        Principal: { Service: "rolesanywhere.amazonaws.com" },
        Action: "sts:TagSession",
        Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": "x509Issuer/CN" } },
      },
    ],
    false,
    "sts:TagSession",
  ],
  [
    "a negated condition on an absent tag is true",
    [allow(ALL, { StringNotEquals: { "aws:PrincipalTag/x509Subject/OU": "blocked" } })],
    true,
  ],
  [
    "another service principal",
    [{ ...allow(ALL), Principal: { Service: "ec2.amazonaws.com" } }],
    false,
    "sts:AssumeRole",
  ],
];

test("each action is evaluated on its own", () => {
  for (const [name, statements, allowed, failing] of rows) {
    const r = role(statements);
    if (allowed) assert.doesNotThrow(() => checkTrustPolicy(r, QUESTION), name);
    else {
      assert.throws(
        () => checkTrustPolicy(r, QUESTION),
        (e: unknown) =>
          e instanceof CreateSessionRefusal &&
          e.code === "TrustPolicyDenied" &&
          e.reason.includes(`perform ${failing ?? ""} for this certificate`),
        name,
      );
    }
  }
  assert.equal(rows.length, 9);
});

test("decisions are remembered by the values of the keys the policy reads, and only those", () => {
  const r = role([allow(ALL, { StringEquals: { "aws:PrincipalTag/x509Subject/CN": "host-1" } })]);
  const first = decideTrust(r, QUESTION);
  assert.equal(
    decideTrust(r, { ...QUESTION, now: new Date("2026-03-02T13:00:00Z"), facts: {} }),
    first,
    "time and address are not read",
  );
  const other = decideTrust(r, { ...QUESTION, tags: [{ key: "x509Subject/CN", value: "host-2" }] });
  assert.notEqual(other, first);
  assert.equal(other.allowed, false);
  assert.equal(first.allowed, true);
});

test("a policy with policy variables is evaluated every time (variables read keys no condition names)", () => {
  const r = role([
    allow(ALL, { StringEquals: { "aws:PrincipalTag/x509Subject/CN": "${sts:RoleSessionName}" } }),
  ]);
  assert.equal(decideTrust(r, { ...QUESTION, sessionName: "host-1" }).allowed, true);
  assert.equal(decideTrust(r, { ...QUESTION, sessionName: "other" }).allowed, false);
  assert.notEqual(
    decideTrust(r, { ...QUESTION, sessionName: "host-1" }),
    decideTrust(r, { ...QUESTION, sessionName: "host-1" }),
  );
});
