import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { test } from "node:test";
import {
  formatSessionClaims,
  parseSessionClaims,
  SessionClaimsError,
  type SessionClaims,
} from "./session-claims.js";

const ROLE: SessionClaims = {
  kind: "role",
  accountId: "123456789012",
  roleArn: "arn:aws:iam::123456789012:role/app/S3Role",
  roleId: "AROAEXAMPLEEXAMPLE12",
  sessionName: "host-1",
  issuedAt: 1_700_000_000,
  expiresAt: 1_700_003_600,
  policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}',
  policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
  tags: [
    { key: "team", value: "blue" },
    { key: "empty", value: "" },
  ],
  transitiveTagKeys: ["team"],
  sourceIdentity: "alice",
  chained: true,
  issuer: "arn:aws:iam::123456789012:user/alice",
};

const CASES: { name: string; claims: SessionClaims }[] = [
  { name: "a role session with everything", claims: ROLE },
  {
    name: "a minimal role session",
    claims: {
      kind: "role",
      accountId: "123456789012",
      roleArn: "arn:aws:iam::123456789012:role/R",
      roleId: "AROAEXAMPLEEXAMPLE12",
      sessionName: "s1",
      issuedAt: 0,
      expiresAt: 900,
      policyArns: [],
      tags: [],
      transitiveTagKeys: [],
      chained: false,
      issuer: "arn:aws:iam::123456789012:root",
    },
  },
  {
    name: "a user session",
    claims: {
      kind: "user",
      accountId: "123456789012",
      userName: "alice",
      userId: "AIDAEXAMPLEEXAMPLE12",
      userArn: "arn:aws:iam::123456789012:user/ops/alice",
      issuedAt: 1,
      expiresAt: 2,
    },
  },
  {
    name: "a root session",
    claims: { kind: "root", accountId: "123456789012", issuedAt: 5, expiresAt: 3605 },
  },
];

test("claims round-trip through their byte form", () => {
  assert.equal(CASES.length, 4);
  for (const c of CASES)
    assert.deepEqual(parseSessionClaims(formatSessionClaims(c.claims)), c.claims, c.name);
});

test("large claims are deflated, tiny ones kept raw (flag byte)", () => {
  assert.equal(formatSessionClaims(ROLE)[0], 1);
  const root = formatSessionClaims({ kind: "root", accountId: "123456789012", issuedAt: 5, expiresAt: 3605 });
  assert.equal(root[0], 0);
});

const json = (value: unknown) => Buffer.concat([Buffer.of(0), Buffer.from(JSON.stringify(value))]);
const BAD: { name: string; bytes: Buffer; message: RegExp }[] = [
  { name: "unknown encoding flag", bytes: Buffer.of(7, 1, 2), message: /unknown session claims encoding 7/ },
  { name: "not JSON", bytes: Buffer.concat([Buffer.of(0), Buffer.from("{")]), message: /not JSON/ },
  { name: "not deflate", bytes: Buffer.of(1, 0xff, 0xff, 0xff), message: /do not inflate/ },
  {
    name: "a deflate bomb",
    bytes: Buffer.concat([Buffer.of(1), deflateRawSync(Buffer.alloc(1024 * 1024, 0x20))]),
    message: /do not inflate/,
  },
  { name: "an array", bytes: json([]), message: /not an object/ },
  { name: "an unknown kind", bytes: json({ k: "x", a: "1", t: 1, e: 2 }), message: /unknown session kind/ },
  {
    name: "a fractional time",
    bytes: json({ k: "a", a: "1", t: 1.5, e: 2 }),
    message: /claim t must be epoch seconds/,
  },
  {
    name: "an empty account",
    bytes: json({ k: "a", a: "", t: 1, e: 2 }),
    message: /claim a must be a non-empty string/,
  },
  {
    name: "a tag that is not a pair",
    bytes: json({ k: "r", a: "1", t: 1, e: 2, r: "r", i: "i", s: "s", b: "b", g: [["k"]] }),
    message: /claim g holds pairs/,
  },
  {
    name: "a policy ARN that is not a string",
    bytes: json({ k: "r", a: "1", t: 1, e: 2, r: "r", i: "i", s: "s", b: "b", m: [3] }),
    message: /claim m\[0\] must be a non-empty string/,
  },
  {
    name: "a chained flag other than 1",
    bytes: json({ k: "r", a: "1", t: 1, e: 2, r: "r", i: "i", s: "s", b: "b", c: true }),
    message: /claim c must be 1/,
  },
];

test("anything else is refused with SessionClaimsError", () => {
  assert.equal(BAD.length, 11);
  for (const c of BAD) {
    assert.throws(
      () => parseSessionClaims(c.bytes),
      { name: "SessionClaimsError", message: c.message },
      c.name,
    );
  }
  assert.ok(new SessionClaimsError("x") instanceof Error);
});
