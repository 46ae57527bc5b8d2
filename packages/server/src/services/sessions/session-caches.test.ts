// The caches through a real store: what is loaded, that it is kept, and that a generation change
// (written by any store instance: another replica) drops it on the next poll — not before.
import assert from "node:assert/strict";
import { test, type TestContext } from "node:test";
import { loadIssuance, PkiCache } from "@anchorage/pki";
import { openStore } from "../../store/open-store.js";
import type { Store } from "../../store/store.js";
import { temporarySqliteDatabase } from "../../store/test-databases.js";
import { DEFAULT_ATTRIBUTE_MAPPINGS } from "../rolesanywhere/attribute-mappings.js";
import { SessionCaches } from "./session-caches.js";
import {
  ACCOUNT,
  ANCHOR_ARN,
  ANCHOR_ID,
  ISSUED,
  PROFILE_ARN,
  PROFILE_ID,
  REGION,
  ROLE_ARN,
  testPki,
} from "./sessions.fixture.js";

async function stores(t: TestContext): Promise<{ mine: Store; other: Store; caches: SessionCaches }> {
  const db = await temporarySqliteDatabase();
  const mine = await openStore(db.url, { clock: () => ISSUED });
  const other = await openStore(db.url, { clock: () => ISSUED });
  const caches = new SessionCaches({
    store: mine,
    pki: new PkiCache(),
    log: { warn: () => undefined },
    watchIntervalMs: false,
  });
  await caches.start();
  t.after(async () => {
    caches.stop();
    await mine.close();
    await other.close();
    await db.dispose();
  });
  return { mine, other, caches };
}

const crlArn = (id: string) => `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:crl/${id}`;

test("a trust anchor: parsed bundle, enabled CRLs only, kept until its generations move", async (t) => {
  const { other, caches } = await stores(t);
  const pki = await testPki();
  assert.deepEqual(
    await caches.trustAnchor(ANCHOR_ID),
    { found: false },
    "unknown ids are answered (and kept)",
  );
  await other.trustAnchors.create({
    id: ANCHOR_ID,
    arn: ANCHOR_ARN,
    name: "a",
    enabled: true,
    source: {
      sourceType: "CERTIFICATE_BUNDLE",
      sourceData: { x509CertificateData: pki.root.certPem + pki.issuing.certPem },
    },
    notificationSettings: [],
  });
  assert.deepEqual(await caches.trustAnchor(ANCHOR_ID), { found: false }, "kept until the next poll");
  await caches.refresh();
  const loaded = await caches.trustAnchor(ANCHOR_ID);
  assert.ok(loaded.found);
  assert.equal(loaded.anchors?.size, 2);
  assert.equal(loaded.revocation.size, 0);
  assert.equal(await caches.trustAnchor(ANCHOR_ID), loaded, "the same object while nothing changes");

  const { createCrl } = await loadIssuance();
  const crl = await createCrl({
    ca: pki.issuing,
    entries: [{ serialHex: pki.client.serialHex, revokedAt: ISSUED }],
    thisUpdate: ISSUED,
    nextUpdate: new Date(ISSUED.getTime() + 86_400_000),
    crlNumber: 1,
  });
  const base = { trustAnchorArn: ANCHOR_ARN, crlData: Buffer.from(crl.pem) };
  await other.crls.create({
    ...base,
    id: "c0000000-0000-4000-8000-000000000001",
    arn: crlArn("c1"),
    name: "on",
    enabled: true,
  });
  await other.crls.create({
    ...base,
    id: "c0000000-0000-4000-8000-000000000002",
    arn: crlArn("c2"),
    name: "off",
    enabled: false,
  });
  await other.crls.create({
    id: "c0000000-0000-4000-8000-000000000003",
    arn: crlArn("c3"),
    name: "garbage",
    enabled: true,
    trustAnchorArn: ANCHOR_ARN,
    crlData: Buffer.from("not a CRL"),
  });
  await caches.refresh();
  const withCrls = await caches.trustAnchor(ANCHOR_ID);
  assert.ok(withCrls.found);
  assert.equal(withCrls.revocation.size, 1, "only the enabled, parsable CRL is in the index");
  assert.equal(withCrls.crlProblems.length, 1);
  assert.match(withCrls.crlProblems[0] ?? "", /CRL garbage .* is not used/);
});

test("a trust anchor whose stored bundle cannot anchor a path says why", async (t) => {
  const { other, caches } = await stores(t);
  const pki = await testPki();
  await other.trustAnchors.create({
    id: ANCHOR_ID,
    arn: ANCHOR_ARN,
    name: "leafy",
    enabled: true,
    source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: pki.client.certPem } },
    notificationSettings: [],
  });
  const state = await caches.trustAnchor(ANCHOR_ID);
  assert.ok(state.found);
  assert.equal(state.anchors, undefined);
  assert.match(state.problem ?? "", /cannot anchor a path/);
});

test("a profile: role ARNs, compiled mappings, session policy size; refreshed when profile:<id> moves", async (t) => {
  const { other, caches } = await stores(t);
  await other.profiles.create({
    id: PROFILE_ID,
    arn: PROFILE_ARN,
    name: "p",
    enabled: true,
    roleArns: [ROLE_ARN],
    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    sessionPolicy: '{ "Version": "2012-10-17", "Statement": [] }',
    durationSeconds: 3600,
    requireInstanceProperties: false,
    acceptRoleSessionName: false,
    attributeMappings: DEFAULT_ATTRIBUTE_MAPPINGS.map((m) => ({ ...m })),
  });
  const state = await caches.profile(PROFILE_ID);
  assert.ok(state.found);
  assert.deepEqual([...state.roleArns], [ROLE_ARN]);
  assert.equal(state.mappings.subject, "all");
  assert.equal(state.sessionPolicyPlaintext, '{"Version":"2012-10-17","Statement":[]}'.length + 46);
  await other.profiles.update(PROFILE_ID, { enabled: false });
  assert.equal((await caches.profile(PROFILE_ID)) === state, true, "until the poll");
  await caches.refresh();
  const after = await caches.profile(PROFILE_ID);
  assert.ok(after.found && !after.record.enabled);
});
