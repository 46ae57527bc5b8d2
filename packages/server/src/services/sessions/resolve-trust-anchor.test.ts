import assert from "node:assert/strict";
import { test } from "node:test";
import { CreateSessionRefusal } from "./refusal.js";
import { resolving } from "./resolve.fixture.js";
import { resolveTrustAnchor } from "./resolve-trust-anchor.js";
import { ACCOUNT, ANCHOR_ARN, ANCHOR_ID, REGION, testPki } from "./sessions.fixture.js";

const SCOPE = { partition: "aws", region: REGION, accountId: ACCOUNT };

test("the named anchor must be this server's, exist, be enabled and usable", async (t) => {
  const r = await resolving(t);
  const pki = await testPki();
  const code = async (arn: string) =>
    resolveTrustAnchor(arn, SCOPE, r.caches).then(
      (a) => `ok ${a.record.name}`,
      (e: unknown) => (e instanceof CreateSessionRefusal ? `${e.step}/${e.code}` : String(e)),
    );
  assert.equal(await code(ANCHOR_ARN), "trust-anchor/TrustAnchorNotFound");
  await r.store.trustAnchors.create({
    id: ANCHOR_ID,
    arn: ANCHOR_ARN,
    name: "root",
    enabled: true,
    source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: pki.root.certPem } },
    notificationSettings: [],
  });
  await r.refresh();
  assert.equal(await code(ANCHOR_ARN), "ok root");
  assert.equal(
    await code(ANCHOR_ARN.replace(REGION, "eu-west-1")),
    "trust-anchor/TrustAnchorNotInThisAccount",
  );
  assert.equal(
    await code(ANCHOR_ARN.replace(ACCOUNT, "999999999999")),
    "trust-anchor/TrustAnchorNotInThisAccount",
  );
  assert.equal(
    await code(ANCHOR_ARN.replace("arn:aws:", "arn:aws-cn:")),
    "trust-anchor/TrustAnchorNotInThisAccount",
  );
  assert.equal(
    await code(ANCHOR_ARN.replace("trust-anchor/", "profile/")),
    "trust-anchor/TrustAnchorNotFound",
  );
  await r.store.trustAnchors.update(ANCHOR_ID, { enabled: false });
  await r.refresh();
  assert.equal(await code(ANCHOR_ARN), "trust-anchor/TrustAnchorDisabled");
  await r.store.trustAnchors.update(ANCHOR_ID, {
    enabled: true,
    source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: pki.client.certPem } },
  });
  await r.refresh();
  assert.equal(await code(ANCHOR_ARN), "trust-anchor/TrustAnchorUnusable");
});
