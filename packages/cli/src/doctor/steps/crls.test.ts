import assert from "node:assert/strict";
import { test } from "node:test";
import { loadIssuance } from "@anchorage/pki";
import type { CrlDetail } from "../api/roles-anywhere-api.js";
import { crlsStep } from "./crls.js";
import {
  ANCHOR_ARN,
  anchorsOf,
  factsFor,
  fakeApi,
  NOW,
  testContext,
  testPki,
  trustAnchor,
  type Issued,
} from "./steps.fixture.js";

const DAY = 86_400_000;

async function crlOf(ca: Issued, serials: string[], enabled = true): Promise<CrlDetail> {
  const { createCrl } = await loadIssuance();
  const crl = await createCrl({
    ca: { certPem: ca.certPem, keyPem: ca.keyPem },
    entries: serials.map((serialHex) => ({ serialHex, revokedAt: NOW, reason: "keyCompromise" as const })),
    thisUpdate: new Date(NOW.getTime() - DAY),
    nextUpdate: new Date(NOW.getTime() + 7 * DAY),
    crlNumber: 1,
  });
  return {
    crlId: "c1",
    crlArn: "arn:aws:rolesanywhere:us-east-1:123456789012:crl/c1",
    name: "test crl",
    enabled,
    trustAnchorArn: ANCHOR_ARN,
    crlData: Buffer.from(crl.pem).toString("base64"),
  };
}

async function run(crls: CrlDetail[], leaf: Issued) {
  const pki = await testPki();
  const context = testContext({
    files: {},
    api: fakeApi({ anchor: trustAnchor(pki.root.certPem), crls }),
    facts: { ...(await factsFor(leaf)), anchors: anchorsOf(pki.root.certPem), pathValid: true },
  });
  return crlsStep.run(context);
}

test("no CRL: nothing is revoked", async () => {
  const pki = await testPki();
  const outcome = await run([], pki.leaf);
  assert.deepEqual(
    [outcome.status, outcome.message],
    ["pass", "no enabled CRL for this trust anchor: nothing is revoked"],
  );
});

test("an enabled CRL listing the leaf: revoked, with the reason", async () => {
  const pki = await testPki();
  const outcome = await run([await crlOf(pki.root, [pki.leaf.serialHex])], pki.leaf);
  assert.equal(outcome.status, "fail");
  assert.match(
    outcome.message,
    new RegExp(`serial ${pki.leaf.serialHex}.*revoked|revoked.*${pki.leaf.serialHex}`, "i"),
  );
  assert.match(outcome.fix ?? "", /issue a new one/);
});

test("the same CRL disabled revokes nothing; another serial on an enabled CRL neither", async () => {
  const pki = await testPki();
  const disabled = await run([await crlOf(pki.root, [pki.leaf.serialHex], false)], pki.leaf);
  assert.deepEqual(
    [disabled.status, disabled.message],
    ["pass", "no enabled CRL for this trust anchor: nothing is revoked (1 disabled CRL(s) not consulted)"],
  );
  const other = await run([await crlOf(pki.root, ["01"])], pki.leaf);
  assert.deepEqual(
    [other.status, other.message],
    ["pass", "1 enabled CRL(s) of this trust anchor; neither the leaf nor an intermediate is revoked"],
  );
});

test("CRLs of other trust anchors are not this anchor's", async () => {
  const pki = await testPki();
  const foreign = { ...(await crlOf(pki.root, [pki.leaf.serialHex])), trustAnchorArn: `${ANCHOR_ARN}0` };
  assert.equal((await run([foreign], pki.leaf)).status, "pass");
});
