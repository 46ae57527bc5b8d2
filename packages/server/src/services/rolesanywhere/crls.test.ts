import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ACCOUNT, BACKENDS, REGION, startHarness, type Harness } from "./harness.fixture.js";
import { bundle, pkiFixtures } from "./pki.fixture.js";
import { QUOTAS } from "./quotas.js";

const UNKNOWN_ID = "0b7d0c6e-1111-4222-8333-444455556666";

async function anchorArn(h: Harness): Promise<string> {
  const { rootPem } = await pkiFixtures();
  return (
    (await h.ok("CreateTrustAnchor", { name: "root", source: bundle(rootPem) })).trustAnchor.trustAnchorArn ??
    ""
  );
}

for (const { name: backend, skip } of BACKENDS) {
  describe(`CRLs (${backend})`, { skip }, () => {
    test("ImportCrl takes PEM or DER and stores exactly the bytes sent; 201; disabled unless asked", async (t) => {
      const h = await startHarness(t, { backend });
      const { crlPem, crlDer } = await pkiFixtures();
      const trustAnchorArn = await anchorArn(h);
      const reply = await h.op("ImportCrl", { name: "pem", crlData: crlPem, trustAnchorArn });
      assert.equal(reply.status, 201, reply.body);
      const { crl } = JSON.parse(reply.body) as { crl: Record<string, unknown> };
      assert.equal(crl.crlArn, `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:crl/${String(crl.crlId)}`);
      assert.equal(crl.crlData, crlPem.toString("base64"));
      assert.deepEqual([crl.enabled, crl.trustAnchorArn, crl.name], [false, trustAnchorArn, "pem"]);
      const der = await h.ok("ImportCrl", { name: "der", crlData: crlDer, trustAnchorArn, enabled: true });
      assert.equal(der.crl.crlData, crlDer.toString("base64"));
      assert.equal(der.crl.enabled, true);
      assert.deepEqual((await h.store.crls.get(der.crl.crlId ?? ""))?.crlData, crlDer);
      assert.deepEqual((await h.ok("GetCrl", { crlId: String(crl.crlId) })).crl, crl);
    });

    test("what is not a CRL, or not signed by the anchor, is a ValidationException with the reason; nothing is written", async (t) => {
      const h = await startHarness(t, { backend });
      const f = await pkiFixtures();
      const trustAnchorArn = await anchorArn(h);
      const cases = [
        { name: "garbage", data: Buffer.from("definitely not a CRL"), message: /'crlData'.*not a CRL/ },
        {
          name: "a certificate",
          data: Buffer.from(f.rootPem),
          message: /'crlData'.*not a CRL.*CERTIFICATE PEM block/,
        },
        { name: "two CRLs", data: Buffer.concat([f.crlPem, f.crl2Pem]), message: /holds 2 CRLs/ },
        {
          name: "a CRL of another CA",
          data: f.otherCrlPem,
          message: /not signed by a certificate of trust anchor .*Other Root CA/,
        },
      ];
      for (const c of cases) {
        const failure = await h.fail("ImportCrl", { name: "x", crlData: c.data, trustAnchorArn });
        assert.deepEqual([failure.status, failure.type], [400, "ValidationException"], c.name);
        assert.match(failure.message, c.message, c.name);
      }
      assert.equal(cases.length, 4);
      assert.equal(await h.store.crls.count(), 0);
    });

    test("the trust anchor must exist in this account and region", async (t) => {
      const h = await startHarness(t, { backend });
      const { crlPem } = await pkiFixtures();
      const cases = [
        `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/${UNKNOWN_ID}`,
        `arn:aws:rolesanywhere:${REGION}:999999999999:trust-anchor/${UNKNOWN_ID}`,
        `arn:aws:rolesanywhere:eu-west-1:${ACCOUNT}:trust-anchor/${UNKNOWN_ID}`,
      ];
      for (const trustAnchorArn of cases) {
        const failure = await h.fail("ImportCrl", { name: "x", crlData: crlPem, trustAnchorArn });
        assert.deepEqual([failure.status, failure.type], [400, "ValidationException"]);
        assert.match(failure.message, /'trustAnchorArn'.*no such trust anchor/);
      }
      const profileArn = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/${UNKNOWN_ID}`;
      const wrongType = await h.fail("ImportCrl", { name: "x", crlData: crlPem, trustAnchorArn: profileArn });
      assert.match(wrongType.message, /'trustAnchorArn'/);
      assert.equal(await h.store.crls.count(), 0);
    });

    test(`at most ${QUOTAS.crlsPerTrustAnchor} CRLs per trust anchor`, async (t) => {
      const h = await startHarness(t, { backend });
      const { crlPem, crl2Pem } = await pkiFixtures();
      const trustAnchorArn = await anchorArn(h);
      await h.ok("ImportCrl", { name: "one", crlData: crlPem, trustAnchorArn });
      await h.ok("ImportCrl", { name: "two", crlData: crl2Pem, trustAnchorArn });
      const failure = await h.fail("ImportCrl", { name: "three", crlData: crlPem, trustAnchorArn });
      assert.deepEqual([failure.status, failure.type], [400, "ValidationException"]);
      assert.match(failure.message, /at most 2 CRLs/);
      assert.equal(await h.store.crls.count(), 2);
    });

    test("UpdateCrl renames and replaces the data (checked again); Enable, Disable, Delete, List", async (t) => {
      const h = await startHarness(t, { backend });
      const { crlPem, crl2Pem, otherCrlPem } = await pkiFixtures();
      const trustAnchorArn = await anchorArn(h);
      const crlId =
        (await h.ok("ImportCrl", { name: "crl", crlData: crlPem, trustAnchorArn })).crl.crlId ?? "";
      const updated = await h.ok("UpdateCrl", { crlId, name: "renamed", crlData: crl2Pem });
      assert.deepEqual([updated.crl.name, updated.crl.crlData], ["renamed", crl2Pem.toString("base64")]);
      const refused = await h.fail("UpdateCrl", { crlId, crlData: otherCrlPem });
      assert.equal(refused.type, "ValidationException");
      assert.deepEqual((await h.store.crls.get(crlId))?.crlData, crl2Pem, "nothing was written");
      assert.equal((await h.ok("EnableCrl", { crlId })).crl.enabled, true);
      assert.equal((await h.ok("DisableCrl", { crlId })).crl.enabled, false);
      assert.deepEqual(
        (await h.ok("ListCrls", {})).crls?.map((c) => c.crlId),
        [crlId],
      );
      assert.equal((await h.ok("DeleteCrl", { crlId })).crl.name, "renamed");
      assert.deepEqual((await h.ok("ListCrls", {})).crls, []);
    });

    test("unknown ids are ResourceNotFoundException", async (t) => {
      const h = await startHarness(t, { backend });
      const operations = ["GetCrl", "UpdateCrl", "DeleteCrl", "EnableCrl", "DisableCrl"] as const;
      for (const operation of operations) {
        const failure = await h.fail(operation, { crlId: UNKNOWN_ID });
        assert.deepEqual([failure.status, failure.type], [404, "ResourceNotFoundException"], operation);
        assert.match(failure.message, /no CRL with id/);
      }
      const withData = await h.fail("UpdateCrl", {
        crlId: UNKNOWN_ID,
        crlData: (await pkiFixtures()).crlPem,
      });
      assert.equal(withData.status, 404);
      assert.equal(operations.length, 5);
    });

    test("crlData must be base64 (SerializationException) and at most 300000 bytes (ValidationException)", async (t) => {
      const h = await startHarness(t, { backend });
      const trustAnchorArn = await anchorArn(h);
      const notBase64 = await h.raw({
        method: "POST",
        path: "/crls",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "x", crlData: "***", trustAnchorArn }),
      });
      assert.equal(notBase64.status, 400);
      assert.equal(notBase64.headers["x-amzn-errortype"], "SerializationException");
      const tooBig = await h.fail("ImportCrl", {
        name: "x",
        crlData: Buffer.alloc(300_001, 0x30),
        trustAnchorArn,
      });
      assert.deepEqual([tooBig.status, tooBig.type], [400, "ValidationException"]);
      assert.match(tooBig.message, /'crlData'/);
    });
  });
}
