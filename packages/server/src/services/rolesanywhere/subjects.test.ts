import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatArn } from "./arns.js";
import { ACCOUNT, BACKENDS, REGION, startHarness, type Harness } from "./harness.fixture.js";
import { pkiFixtures } from "./pki.fixture.js";

const SCOPE = { partition: "aws", region: REGION, accountId: ACCOUNT };
const ids = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"];

/** What CreateSession will record; here written straight to the store. */
async function seed(h: Harness) {
  const { leafPem } = await pkiFixtures();
  for (const [i, id] of ids.entries()) {
    await h.store.subjects.recordAuthentication({
      x509Subject: `CN=client-${i},O=Anchorage tests`,
      newSubject: { id, arn: formatArn(SCOPE, "subject", id) },
      seenAt: new Date(`2024-05-01T10:0${i}:00.000Z`),
      failed: i === 1,
      certificate: {
        serialNumber: `0${i}AB`,
        issuer: "CN=Test Root CA,O=Anchorage tests",
        x509CertificateData: leafPem,
      },
      instanceProperties: { host: `h${i}` },
    });
  }
}

for (const { name: backend, skip } of BACKENDS) {
  describe(`subjects (${backend})`, { skip }, () => {
    test("GetSubject returns the detail with credentials and instance properties", async (t) => {
      const h = await startHarness(t, { backend });
      await seed(h);
      const { leafPem } = await pkiFixtures();
      const { subject } = await h.ok("GetSubject", { subjectId: ids[1] ?? "" });
      assert.equal(subject?.subjectArn, `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:subject/${ids[1]}`);
      assert.equal(subject?.x509Subject, "CN=client-1,O=Anchorage tests");
      assert.equal(subject?.lastSeenAt, "2024-05-01T10:01:00Z");
      assert.deepEqual(subject?.credentials, [
        {
          seenAt: "2024-05-01T10:01:00Z",
          serialNumber: "01AB",
          issuer: "CN=Test Root CA,O=Anchorage tests",
          enabled: true,
          x509CertificateData: leafPem,
          failed: true,
        },
      ]);
      assert.deepEqual(subject?.instanceProperties, [
        { seenAt: "2024-05-01T10:01:00Z", properties: { host: "h1" }, failed: true },
      ]);
    });

    test("ListSubjects pages through the summaries (no credentials there)", async (t) => {
      const h = await startHarness(t, { backend });
      await seed(h);
      const first = await h.ok("ListSubjects", { pageSize: 1 });
      assert.equal(first.subjects?.length, 1);
      assert.equal(first.subjects?.[0]?.subjectId, ids[0]);
      assert.equal((first.subjects?.[0] as Record<string, unknown> | undefined)?.credentials, undefined);
      const second = await h.ok("ListSubjects", { pageSize: 1, nextToken: first.nextToken ?? "" });
      assert.deepEqual(
        second.subjects?.map((s) => s.subjectId),
        [ids[1]],
      );
      assert.equal(second.nextToken, undefined);
    });

    test("an unknown subject is ResourceNotFoundException", async (t) => {
      const h = await startHarness(t, { backend });
      const failure = await h.fail("GetSubject", { subjectId: ids[0] ?? "" });
      assert.deepEqual([failure.status, failure.type], [404, "ResourceNotFoundException"]);
      assert.match(failure.message, /no subject with id/);
    });
  });
}
