import assert from "node:assert/strict";
import { test } from "node:test";
import type { AssumedRolePrincipal, UserPrincipal } from "../principal.js";
import { rootPrincipal } from "../principal.js";
import { isReservedContextKey, mergeContext, principalContext, principalTags } from "./principal-context.js";

const NOW = new Date("2026-03-04T05:06:07.890Z");
const ROLE: AssumedRolePrincipal = {
  kind: "assumed-role",
  accountId: "123456789012",
  arn: "arn:aws:sts::123456789012:assumed-role/S3Role/host-1",
  roleArn: "arn:aws:iam::123456789012:role/app/S3Role",
  roleName: "S3Role",
  roleId: "AROAEXAMPLEEXAMPLE12",
  sessionName: "host-1",
  session: {
    issuedAt: new Date("2026-03-04T05:00:00Z"),
    expiresAt: new Date("2026-03-04T06:00:00Z"),
    policyArns: [],
    tags: [{ key: "Team", value: "red" }],
    transitiveTagKeys: [],
    sourceIdentity: "alice",
    chained: false,
    issuer: "x",
  },
};
const USER: UserPrincipal = {
  kind: "user",
  accountId: "123456789012",
  arn: "arn:aws:iam::123456789012:user/alice",
  userName: "alice",
  userId: "AIDAEXAMPLEEXAMPLE12",
};

test("a role session: role ARN as PrincipalArn, AROA…:session as userid, session keys", () => {
  const tags = principalTags(
    [
      { key: "team", value: "blue" },
      { key: "env", value: "dev" },
    ],
    ROLE.session.tags,
  );
  assert.deepEqual(
    tags,
    [
      { key: "Team", value: "red" },
      { key: "env", value: "dev" },
    ],
    "session tags override, case-insensitively",
  );
  assert.deepEqual(
    principalContext(ROLE, tags, NOW, {
      sourceIp: "203.0.113.9",
      secureTransport: true,
      requestedRegion: "eu-west-1",
    }),
    {
      "aws:CurrentTime": "2026-03-04T05:06:07Z",
      "aws:EpochTime": "1772600767",
      "aws:PrincipalAccount": "123456789012",
      "aws:PrincipalIsAWSService": "false",
      "aws:PrincipalArn": "arn:aws:iam::123456789012:role/app/S3Role",
      "aws:PrincipalType": "AssumedRole",
      "aws:userid": "AROAEXAMPLEEXAMPLE12:host-1",
      "aws:SourceIdentity": "alice",
      "aws:TokenIssueTime": "2026-03-04T05:00:00Z",
      "aws:MultiFactorAuthPresent": "false",
      "aws:PrincipalTag/Team": "red",
      "aws:PrincipalTag/env": "dev",
      "aws:SourceIp": "203.0.113.9",
      "aws:SecureTransport": "true",
      "aws:RequestedRegion": "eu-west-1",
    },
  );
});

test("a user with long-term keys: username, no MFA or token keys", () => {
  const ctx = principalContext(USER, [], NOW, undefined);
  assert.equal(ctx["aws:username"], "alice");
  assert.equal(ctx["aws:userid"], "AIDAEXAMPLEEXAMPLE12");
  assert.equal(ctx["aws:PrincipalType"], "User");
  assert.equal(ctx["aws:MultiFactorAuthPresent"], undefined);
  assert.equal(ctx["aws:TokenIssueTime"], undefined);
});

test("the root: Account type, account id as userid", () => {
  const ctx = principalContext(rootPrincipal("123456789012"), [], NOW, undefined);
  assert.equal(ctx["aws:PrincipalType"], "Account");
  assert.equal(ctx["aws:userid"], "123456789012");
  assert.equal(ctx["aws:PrincipalArn"], "arn:aws:iam::123456789012:root");
});

test("extra keys never replace Anchorage's, whatever their case", () => {
  const merged = mergeContext(
    { "aws:PrincipalArn": "real" },
    { "AWS:principalarn": "forged", "aws:SourceIp": "1.2.3.4", "s3:prefix": undefined },
  );
  assert.deepEqual(merged, { "aws:PrincipalArn": "real", "aws:SourceIp": "1.2.3.4" });
});

test("reserved keys: principal and time keys, not request keys", () => {
  const reserved = [
    "aws:PrincipalArn",
    "AWS:PRINCIPALTAG/team",
    "aws:userid",
    "aws:CurrentTime",
    "aws:SourceIdentity",
    "aws:PrincipalOrgID",
  ];
  const free = ["aws:SourceIp", "aws:RequestTag/team", "aws:TagKeys", "s3:prefix", "aws:SecureTransport"];
  assert.equal(reserved.length + free.length, 11);
  for (const k of reserved) assert.equal(isReservedContextKey(k), true, k);
  for (const k of free) assert.equal(isReservedContextKey(k), false, k);
});
