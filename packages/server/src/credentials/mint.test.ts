import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { AnchorageError } from "../http/errors.js";
import type { AssumedRolePrincipal } from "../principal.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import { temporarySqliteDatabase, type TestDatabase } from "../store/test-databases.js";
import { mintRoleSession, mintUserSession, type MintContext } from "./mint.js";
import { sealingKeyringFor } from "./sealing-keyring.js";
import { sessionResolver } from "./session-resolver.js";

const ACCOUNT = "123456789012";
const ROLE = { arn: `arn:aws:iam::${ACCOUNT}:role/app/S3Role`, id: "AROAEXAMPLEEXAMPLE12" };
let db: TestDatabase;
let store: Store;
let context: MintContext;
const now = new Date("2026-01-01T00:00:00.750Z");

before(async () => {
  db = await temporarySqliteDatabase();
  store = await openStore(db.url, { clock: () => now });
  context = { store, clock: () => now, random: randomBytes, accountId: ACCOUNT };
});
after(async () => {
  await store.close();
  await db.dispose();
});

const resolver = () =>
  sessionResolver({
    keyring: sealingKeyringFor(store, { random: randomBytes, clock: () => now }),
    accountId: ACCOUNT,
  });

test("mintRoleSession: ASIA key, 40-character secret, token that opens to the session", async () => {
  const minted = await mintRoleSession(context, {
    role: ROLE,
    sessionName: "host-1",
    durationSeconds: 3600,
    sessionPolicies: { managedArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
    tags: [
      { key: "team", value: "blue" },
      { key: "env", value: "dev" },
    ],
    transitiveTagKeys: ["team"],
    sourceIdentity: "alice",
    issuer: `arn:aws:iam::${ACCOUNT}:user/alice`,
  });
  assert.match(minted.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
  assert.match(minted.secretAccessKey, /^\S{40}$/);
  assert.equal(minted.issuedAt.toISOString(), "2026-01-01T00:00:00.000Z");
  assert.equal(minted.expiration.toISOString(), "2026-01-01T01:00:00.000Z");
  assert.deepEqual(minted.assumedRoleUser, {
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/S3Role/host-1`,
    assumedRoleId: "AROAEXAMPLEEXAMPLE12:host-1",
  });
  assert.ok(minted.packedPolicySize > 0 && minted.packedPolicySize <= 100);
  const resolved = await resolver()({ accessKeyId: minted.accessKeyId, sessionToken: minted.sessionToken });
  assert.equal(resolved?.secretAccessKey, minted.secretAccessKey);
  assert.equal(resolved?.expiresAt?.getTime(), minted.expiration.getTime());
  const principal = resolved?.principal as AssumedRolePrincipal;
  assert.equal(principal.kind, "assumed-role");
  assert.equal(principal.arn, minted.assumedRoleUser.arn);
  assert.equal(principal.roleName, "S3Role");
  assert.deepEqual(principal.session.policyArns, ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]);
  assert.deepEqual(principal.session.transitiveTagKeys, ["team"]);
  assert.equal(principal.session.sourceIdentity, "alice");
  assert.equal(principal.session.chained, false);
});

test("mintUserSession: GetSessionToken credentials of a user and of the root", async () => {
  const user = await mintUserSession(context, {
    subject: {
      kind: "user",
      userName: "alice",
      userId: "AIDAEXAMPLEEXAMPLE12",
      arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    },
    durationSeconds: 43200,
  });
  const root = await mintUserSession(context, { subject: { kind: "root" }, durationSeconds: 3600 });
  const open = resolver();
  const u = await open({ accessKeyId: user.accessKeyId, sessionToken: user.sessionToken });
  const r = await open({ accessKeyId: root.accessKeyId, sessionToken: root.sessionToken });
  assert.equal(u?.principal.kind, "user");
  assert.equal(u?.principal.arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
  assert.equal(r?.principal.arn, `arn:aws:iam::${ACCOUNT}:root`);
  assert.equal(r?.expiresAt?.toISOString(), "2026-01-01T01:00:00.000Z");
});

test("session policies and tags that do not pack are PackedPolicyTooLarge", async () => {
  const tags = Array.from({ length: 50 }, (_, i) => ({
    key: `k${i}-${randomBytes(40).toString("hex")}`,
    value: randomBytes(100).toString("base64"),
  }));
  await assert.rejects(
    mintRoleSession(context, { role: ROLE, sessionName: "s", durationSeconds: 900, tags, issuer: "x" }),
    (error: unknown) =>
      error instanceof AnchorageError &&
      error.code === "PackedPolicyTooLarge" &&
      /^Packed policy consumes \d+% of allotted space/.test(error.message),
  );
});

test("contract violations are programming errors (TypeError)", async () => {
  await assert.rejects(
    mintRoleSession(context, { role: ROLE, sessionName: "s", durationSeconds: 0, issuer: "x" }),
    TypeError,
  );
  await assert.rejects(
    mintRoleSession(context, {
      role: ROLE,
      sessionName: "s",
      durationSeconds: 900,
      transitiveTagKeys: ["nope"],
      issuer: "x",
    }),
    /transitive tag key nope is not a session tag/,
  );
});

const INVALID = {
  name: "AnchorageError",
  code: "InvalidClientTokenId",
  message: "The security token included in the request is invalid.",
};

test("tokens that do not open are InvalidClientTokenId: tampered, other key id, other account, unknown sealing key", async () => {
  const minted = await mintRoleSession(context, {
    role: ROLE,
    sessionName: "s",
    durationSeconds: 900,
    issuer: "x",
  });
  const open = resolver();
  const bytes = Buffer.from(minted.sessionToken, "base64url");
  bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 0xff;
  await assert.rejects(
    open({ accessKeyId: minted.accessKeyId, sessionToken: bytes.toString("base64url") }),
    INVALID,
  );
  await assert.rejects(
    open({ accessKeyId: "ASIAAAAAAAAAAAAAAAAA", sessionToken: minted.sessionToken }),
    INVALID,
  );
  await assert.rejects(open({ accessKeyId: minted.accessKeyId, sessionToken: "not-a-token" }), INVALID);
  const foreign = sessionResolver({
    keyring: sealingKeyringFor(store, { random: randomBytes, clock: () => now }),
    accountId: "999999999999",
  });
  await assert.rejects(
    foreign({ accessKeyId: minted.accessKeyId, sessionToken: minted.sessionToken }),
    INVALID,
  );
  const unknownKey = Buffer.from(minted.sessionToken, "base64url");
  unknownKey[3] = 0x7a; // a key id character: names a key that does not exist
  await assert.rejects(
    open({ accessKeyId: minted.accessKeyId, sessionToken: unknownKey.toString("base64url") }),
    INVALID,
  );
});
