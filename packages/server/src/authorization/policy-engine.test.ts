import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AnchorageError } from "../http/errors.js";
import type { AssumedRolePrincipal, UserPrincipal } from "../principal.js";
import { rootPrincipal } from "../principal.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import { temporarySqliteDatabase, type TestDatabase } from "../store/test-databases.js";
import { PolicyEngine } from "./policy-engine.js";

const ACCOUNT = "123456789012";
const NOW = new Date("2026-01-01T00:00:00Z");
const clock = () => NOW;
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[], resource = "*") => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
});
const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/S3Role`;

let db: TestDatabase;
let store: Store;
let engine: PolicyEngine;
let alice: UserPrincipal;

const session = (overrides: Partial<AssumedRolePrincipal["session"]> = {}): AssumedRolePrincipal => ({
  kind: "assumed-role",
  accountId: ACCOUNT,
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/S3Role/s1`,
  roleArn: ROLE_ARN,
  roleName: "S3Role",
  roleId: "AROAEXAMPLEEXAMPLE12",
  sessionName: "s1",
  session: {
    issuedAt: NOW,
    expiresAt: new Date(NOW.getTime() + 3600_000),
    policyArns: [],
    tags: [],
    transitiveTagKeys: [],
    chained: false,
    issuer: USER_ARN,
    ...overrides,
  },
});

before(async () => {
  db = await temporarySqliteDatabase();
  store = await openStore(db.url, { clock });
  engine = new PolicyEngine({ store, clock, cache: { watchIntervalMs: false } });
  const user = await store.users.create({
    id: "AIDAEXAMPLEEXAMPLE12",
    name: "alice",
    path: "/",
    arn: USER_ARN,
  });
  alice = { kind: "user", accountId: ACCOUNT, arn: user.arn, userName: user.name, userId: user.id };
  await store.roles.create({
    id: "AROAEXAMPLEEXAMPLE12",
    name: "S3Role",
    path: "/",
    arn: ROLE_ARN,
    assumeRolePolicyDocument: doc({
      Effect: "Allow",
      Principal: { AWS: USER_ARN },
      Action: "sts:AssumeRole",
    }),
    maxSessionDuration: 3600,
  });
  await store.rolePolicies.put("S3Role", "S3All", doc(allow("s3:*")));
});
after(async () => {
  await store.close();
  await db.dispose();
});

describe("policy-based authorization", () => {
  test("the root is allowed everything", async () => {
    await engine.authorizer({ caller: rootPrincipal(ACCOUNT), action: "iam:CreateRole", resource: "*" });
  });

  test("a user without policies is refused in AWS's words", async () => {
    await assert.rejects(
      engine.authorizer({
        caller: alice,
        action: "iam:CreateRole",
        resource: `arn:aws:iam::${ACCOUNT}:role/x`,
      }),
      {
        name: "AnchorageError",
        code: "AccessDenied",
        message: `User: ${USER_ARN} is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${ACCOUNT}:role/x because no identity-based policy allows the iam:CreateRole action`,
      },
    );
  });

  test("an inline iam:* policy allows; a permissions boundary narrows it", async () => {
    await store.userPolicies.put("alice", "IamAll", doc(allow("iam:*")));
    engine.cache.invalidateAll();
    await engine.authorizer({ caller: alice, action: "iam:CreateRole", resource: "*" });
    await store.managedPolicies.create({
      id: "ANPAEXAMPLEEXAMPLE12",
      name: "ReadIam",
      path: "/",
      arn: `arn:aws:iam::${ACCOUNT}:policy/ReadIam`,
      document: doc(allow(["iam:Get*", "iam:List*"])),
    });
    await store.users.update("alice", { permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/ReadIam` });
    engine.cache.invalidateAll();
    await engine.authorizer({ caller: alice, action: "iam:ListRoles", resource: "*" });
    await assert.rejects(engine.authorizer({ caller: alice, action: "iam:CreateRole", resource: "*" }), {
      message: /because no permissions boundary allows the iam:CreateRole action$/,
    });
  });

  test("a session policy narrows an assumed role; session tags reach conditions", async () => {
    const readOnly = session({ policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] });
    assert.equal(
      (await engine.decide({ caller: readOnly, action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }))
        .decision,
      "Allow",
    );
    const put = await engine.decide({
      caller: readOnly,
      action: "s3:PutObject",
      resource: "arn:aws:s3:::b/k",
    });
    assert.equal(put.decision, "ImplicitDeny");
    assert.match(put.reason, /session polic/);
    assert.equal(
      (await engine.decide({ caller: session(), action: "s3:PutObject", resource: "arn:aws:s3:::b/k" }))
        .decision,
      "Allow",
    );
    await store.rolePolicies.put(
      "S3Role",
      "TeamOnly",
      doc({
        Effect: "Deny",
        Action: "s3:*",
        Resource: "*",
        Condition: { StringNotEquals: { "aws:PrincipalTag/team": "blue" } },
      }),
    );
    engine.cache.invalidateAll();
    assert.equal(
      (await engine.decide({ caller: session(), action: "s3:GetObject", resource: "*" })).decision,
      "ExplicitDeny",
    );
    assert.equal(
      (
        await engine.decide({
          caller: session({ tags: [{ key: "Team", value: "blue" }] }),
          action: "s3:GetObject",
          resource: "*",
        })
      ).decision,
      "Allow",
    );
    await store.rolePolicies.delete("S3Role", "TeamOnly");
    engine.cache.invalidateAll();
  });

  test("a managed session policy that no longer exists allows nothing (it never widens)", async () => {
    const gone = session({ policyArns: [`arn:aws:iam::${ACCOUNT}:policy/Deleted`] });
    assert.equal(
      (await engine.decide({ caller: gone, action: "s3:GetObject", resource: "*" })).decision,
      "ImplicitDeny",
    );
  });

  test("a session of a role deleted (or re-created under the same name) is denied", async () => {
    const other = { ...session(), roleId: "AROAOTHEROTHEROTHER1" };
    const d = await engine.decide({ caller: other, action: "s3:GetObject", resource: "*" });
    assert.equal(d.decision, "ImplicitDeny");
    assert.match(d.reason, /the role S3Role no longer exists/);
  });

  test("request facts become condition keys", async () => {
    await store.rolePolicies.put(
      "S3Role",
      "TlsOnly",
      doc({
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    );
    engine.cache.invalidateAll();
    assert.equal(
      (
        await engine.decide({
          caller: session(),
          action: "s3:GetObject",
          resource: "*",
          request: { secureTransport: false },
        })
      ).decision,
      "ExplicitDeny",
    );
    assert.equal(
      (
        await engine.decide({
          caller: session(),
          action: "s3:GetObject",
          resource: "*",
          request: { secureTransport: true },
        })
      ).decision,
      "Allow",
    );
    await store.rolePolicies.delete("S3Role", "TlsOnly");
    engine.cache.invalidateAll();
  });
});

test("another replica's change reaches the cache (generation watcher, polling every 100 ms)", async () => {
  const other = await openStore(db.url, { clock });
  const watched = new PolicyEngine({ store: other, clock, cache: { watchIntervalMs: 100 } });
  try {
    await watched.start();
    const caller = session();
    assert.equal(
      (await watched.decide({ caller, action: "sqs:SendMessage", resource: "*" })).decision,
      "ImplicitDeny",
    );
    await store.rolePolicies.put("S3Role", "Sqs", doc(allow("sqs:*")));
    const started = Date.now();
    let decision = "ImplicitDeny";
    while (decision !== "Allow" && Date.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 50));
      decision = (await watched.decide({ caller, action: "sqs:SendMessage", resource: "*" })).decision;
    }
    assert.equal(decision, "Allow");
  } finally {
    watched.stop();
    await other.close();
  }
});

test("AccessDenied carries the evaluator's reason in its log detail only", async () => {
  const error = await engine
    .authorizer({ caller: session(), action: "ec2:RunInstances", resource: "*" })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  assert.ok(error instanceof AnchorageError);
  assert.match(String(error.detail?.["reason"]), /implicitly denied/);
  assert.doesNotMatch(error.message, /implicitly denied/);
});
