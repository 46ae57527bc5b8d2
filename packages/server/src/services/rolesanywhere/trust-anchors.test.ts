import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ACCOUNT, BACKENDS, REGION, startHarness, type Harness } from "./harness.fixture.js";
import { bundle, pkiFixtures } from "./pki.fixture.js";
import { QUOTAS } from "./quotas.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UNKNOWN_ID = "0b7d0c6e-1111-4222-8333-444455556666";

const createAnchor = async (h: Harness, name = "anchor", enabled?: boolean) => {
  const { rootPem } = await pkiFixtures();
  const out = await h.ok("CreateTrustAnchor", {
    name,
    source: bundle(rootPem),
    ...(enabled === undefined ? {} : { enabled }),
  });
  return out.trustAnchor;
};

for (const { name: backend, skip } of BACKENDS) {
  describe(`trust anchors (${backend})`, { skip }, () => {
    test("CreateTrustAnchor: 201, a v4 UUID, AWS's ARN, the clock's times, disabled, default notifications", async (t) => {
      const h = await startHarness(t, { backend });
      const { rootPem } = await pkiFixtures();
      const before = h.now();
      const reply = await h.op("CreateTrustAnchor", { name: "Root CA 1", source: bundle(rootPem) });
      assert.equal(reply.status, 201);
      const { trustAnchor } = JSON.parse(reply.body) as { trustAnchor: Record<string, unknown> };
      const id = String(trustAnchor.trustAnchorId);
      assert.match(id, UUID_V4);
      assert.equal(
        trustAnchor.trustAnchorArn,
        `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/${id}`,
      );
      assert.equal(trustAnchor.name, "Root CA 1");
      assert.equal(trustAnchor.enabled, false);
      assert.deepEqual(trustAnchor.source, bundle(rootPem), "the bundle is stored exactly as sent");
      const createdAt = Date.parse(String(trustAnchor.createdAt));
      assert.ok(
        createdAt > before.getTime() && createdAt < h.now().getTime(),
        "createdAt comes from the server clock",
      );
      assert.equal(trustAnchor.updatedAt, trustAnchor.createdAt);
      assert.deepEqual(trustAnchor.notificationSettings, [
        {
          enabled: true,
          event: "CA_CERTIFICATE_EXPIRY",
          threshold: 45,
          channel: "ALL",
          configuredBy: "rolesanywhere.amazonaws.com",
        },
        {
          enabled: true,
          event: "END_ENTITY_CERTIFICATE_EXPIRY",
          threshold: 45,
          channel: "ALL",
          configuredBy: "rolesanywhere.amazonaws.com",
        },
      ]);
      const got = await h.ok("GetTrustAnchor", { trustAnchorId: id });
      assert.deepEqual(got.trustAnchor, trustAnchor);
    });

    test("enabled: true is kept; Enable and Disable flip it and move updatedAt", async (t) => {
      const h = await startHarness(t, { backend });
      const anchor = await createAnchor(h, "on", true);
      assert.equal(anchor.enabled, true);
      const disabled = await h.ok("DisableTrustAnchor", { trustAnchorId: anchor.trustAnchorId ?? "" });
      assert.equal(disabled.trustAnchor.enabled, false);
      assert.ok((disabled.trustAnchor.updatedAt ?? "") > (anchor.updatedAt ?? ""));
      const enabled = await h.ok("EnableTrustAnchor", { trustAnchorId: anchor.trustAnchorId ?? "" });
      assert.equal(enabled.trustAnchor.enabled, true);
      assert.equal(enabled.trustAnchor.createdAt, anchor.createdAt);
    });

    test("UpdateTrustAnchor changes the name and the bundle (checked again), never `enabled`", async (t) => {
      const h = await startHarness(t, { backend });
      const { rootPem, otherRootPem, leafPem } = await pkiFixtures();
      const anchor = await createAnchor(h, "before", true);
      const id = anchor.trustAnchorId ?? "";
      const twoCerts = rootPem + otherRootPem;
      const updated = await h.raw({
        method: "PATCH",
        path: `/trustanchor/${id}`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "after", source: bundle(twoCerts), enabled: false }),
      });
      assert.equal(updated.status, 200, updated.body);
      const detail = (JSON.parse(updated.body) as { trustAnchor: Record<string, unknown> }).trustAnchor;
      assert.equal(detail.name, "after");
      assert.equal(detail.enabled, true, "Update has no `enabled` member: it is ignored");
      assert.deepEqual(detail.source, bundle(twoCerts));
      const refused = await h.fail("UpdateTrustAnchor", { trustAnchorId: id, source: bundle(leafPem) });
      assert.equal(refused.type, "ValidationException");
      assert.match(refused.message, /source\.sourceData\.x509CertificateData/);
      const unchanged = await h.ok("GetTrustAnchor", { trustAnchorId: id });
      assert.deepEqual(unchanged.trustAnchor.source, bundle(twoCerts), "nothing was written");
    });

    test("DeleteTrustAnchor returns the deleted anchor; it is gone with its tags and its CRLs", async (t) => {
      const h = await startHarness(t, { backend });
      const { rootPem, crlPem } = await pkiFixtures();
      const anchor = (
        await h.ok("CreateTrustAnchor", {
          name: "doomed",
          source: bundle(rootPem),
          tags: [{ key: "team", value: "a" }],
        })
      ).trustAnchor;
      const crl = await h.ok("ImportCrl", {
        name: "crl",
        crlData: crlPem,
        trustAnchorArn: anchor.trustAnchorArn ?? "",
        tags: [{ key: "k", value: "v" }],
      });
      const deleted = await h.ok("DeleteTrustAnchor", { trustAnchorId: anchor.trustAnchorId ?? "" });
      assert.deepEqual(deleted.trustAnchor, anchor);
      const gone = await h.fail("GetTrustAnchor", { trustAnchorId: anchor.trustAnchorId ?? "" });
      assert.deepEqual([gone.status, gone.type], [404, "ResourceNotFoundException"]);
      assert.equal((await h.fail("GetCrl", { crlId: crl.crl.crlId ?? "" })).status, 404);
      assert.deepEqual(await h.store.tags.list(anchor.trustAnchorArn ?? ""), []);
      assert.deepEqual(await h.store.tags.list(crl.crl.crlArn ?? ""), []);
      assert.equal(await h.store.crls.count(), 0);
    });

    test("ListTrustAnchors lists in creation order", async (t) => {
      const h = await startHarness(t, { backend });
      const names = ["a", "b", "c"];
      for (const name of names) await createAnchor(h, name);
      const list = await h.ok("ListTrustAnchors", {});
      assert.deepEqual(
        list.trustAnchors?.map((a) => a.name),
        names,
      );
      assert.equal(list.nextToken, undefined);
    });

    test("unknown ids are ResourceNotFoundException (404); malformed ones ValidationException (400)", async (t) => {
      const h = await startHarness(t, { backend });
      const operations = [
        "GetTrustAnchor",
        "UpdateTrustAnchor",
        "DeleteTrustAnchor",
        "EnableTrustAnchor",
        "DisableTrustAnchor",
      ] as const;
      for (const operation of operations) {
        const missing = await h.fail(operation, { trustAnchorId: UNKNOWN_ID });
        assert.deepEqual([missing.status, missing.type], [404, "ResourceNotFoundException"], operation);
        assert.match(missing.message, new RegExp(`trust anchor with id ${UNKNOWN_ID}`));
        const malformed = await h.fail(operation, { trustAnchorId: "not-a-uuid" });
        assert.deepEqual([malformed.status, malformed.type], [400, "ValidationException"], operation);
        assert.match(malformed.message, /'trustAnchorId'/);
      }
      assert.equal(operations.length, 5);
    });

    const sourceCases = [
      {
        name: "a certificate that is not a CA",
        source: async () => bundle((await pkiFixtures()).leafPem),
        message: /x509CertificateData.*not usable.*(CA|cA)/s,
      },
      {
        name: "garbage instead of PEM",
        source: async () => bundle("this is not a certificate"),
        message: /x509CertificateData.*CERTIFICATE/,
      },
      {
        name: "three certificates",
        source: async () => {
          const f = await pkiFixtures();
          return bundle(f.rootPem + f.otherRootPem + f.thirdRootPem);
        },
        message: new RegExp(
          `holds 3 distinct certificates; a trust anchor can hold at most ${QUOTAS.certificatesPerTrustAnchor}`,
        ),
      },
      {
        name: "an AWS Private CA source",
        source: async () => ({
          sourceType: "AWS_ACM_PCA" as const,
          sourceData: { acmPcaArn: "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x" },
        }),
        message: /self-hosted Anchorage server cannot use AWS_ACM_PCA/,
      },
      {
        name: "a SELF_SIGNED_REPOSITORY source",
        source: async () => ({
          sourceType: "SELF_SIGNED_REPOSITORY" as const,
          sourceData: { x509CertificateData: "x" },
        }),
        message: /cannot use SELF_SIGNED_REPOSITORY/,
      },
      {
        name: "no sourceType",
        source: async () => ({ sourceData: { x509CertificateData: (await pkiFixtures()).rootPem } }),
        message: /Value null at 'source\.sourceType'/,
      },
      {
        name: "no sourceData",
        source: async () => ({ sourceType: "CERTIFICATE_BUNDLE" as const }),
        message: /Value null at 'source\.sourceData'/,
      },
      {
        name: "a bundle source carrying an ACM PCA ARN",
        source: async () => ({
          sourceType: "CERTIFICATE_BUNDLE" as const,
          sourceData: { acmPcaArn: "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x" },
        }),
        message: /CERTIFICATE_BUNDLE trust anchor needs source\.sourceData\.x509CertificateData/,
      },
    ];
    test("refused sources are ValidationException with the reason, and nothing is written", async (t) => {
      const h = await startHarness(t, { backend });
      for (const c of sourceCases) {
        const failure = await h.fail("CreateTrustAnchor", { name: "x", source: await c.source() });
        assert.deepEqual([failure.status, failure.type], [400, "ValidationException"], c.name);
        assert.match(failure.message, c.message, c.name);
        assert.equal(await h.store.trustAnchors.count(), 0, c.name);
      }
      assert.equal(sourceCases.length, 8);
    });

    test(`at most ${QUOTAS.trustAnchors} trust anchors: the next is a ValidationException naming the quota`, async (t) => {
      const h = await startHarness(t, { backend });
      for (let i = 0; i < QUOTAS.trustAnchors; i++) await createAnchor(h, `anchor ${i}`);
      const failure = await h.fail("CreateTrustAnchor", {
        name: "one too many",
        source: bundle((await pkiFixtures()).rootPem),
        tags: [{ key: "k", value: "v" }],
      });
      assert.deepEqual([failure.status, failure.type], [400, "ValidationException"]);
      assert.match(failure.message, /at most 50 trust anchors/);
      assert.equal(await h.store.trustAnchors.count(), QUOTAS.trustAnchors);
    });
  });
}
