// Two servers on one database (a SQLite file; a PostgreSQL schema): a change written by one
// replica — a CRL imported and enabled, a trust anchor or profile disabled — is honoured by the
// other through the generation watchers alone (no refresh is called on it), within the poll period
// (500 ms; the test waits for it without asserting a time).
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadIssuance } from "@anchorage/pki";
import { postgresTestSkipReason } from "../../store/test-databases.js";
import {
  ACCOUNT,
  ANCHOR_ARN,
  ANCHOR_ID,
  ISSUED,
  PROFILE_ID,
  REGION,
  createSession,
  startTestServer,
  type TestServer,
} from "./sessions.fixture.js";

/** Polls `probe` until it returns `want` (10 s at most). */
async function eventually(probe: () => Promise<number>, want: number): Promise<number> {
  let last = await probe();
  for (let waited = 0; last !== want && waited < 10_000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

const status = (s: TestServer) => async () => (await createSession(s)).status;

for (const backend of ["sqlite", "postgres"] as const) {
  const skip = backend === "postgres" ? (postgresTestSkipReason() ?? false) : false;
  test(
    `${backend}: a change on one replica is honoured by the other through the generations`,
    { skip },
    async (t) => {
      const a = await startTestServer(t, { backend });
      const b = await startTestServer(t, { replicaOf: a });
      try {
        assert.equal(await status(b)(), 201, "the replica serves the seeded configuration");

        // A CRL revoking the client, imported (enabled) through replica A's store.
        const { createCrl } = await loadIssuance();
        const crl = await createCrl({
          ca: a.pki.issuing,
          entries: [{ serialHex: a.pki.client.serialHex, revokedAt: ISSUED }],
          thisUpdate: ISSUED,
          nextUpdate: new Date(ISSUED.getTime() + 30 * 86_400_000),
          crlNumber: 1,
        });
        const crlId = "c0000000-0000-4000-8000-0000000000aa";
        await a.server.store.crls.create({
          id: crlId,
          arn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:crl/${crlId}`,
          name: "revoked",
          enabled: true,
          crlData: Buffer.from(crl.pem),
          trustAnchorArn: ANCHOR_ARN,
        });
        assert.equal(await eventually(status(b), 403), 403, "the revocation reached replica B");
        await a.server.store.crls.update(crlId, { enabled: false });
        assert.equal(await eventually(status(b), 201), 201, "disabling the CRL reached replica B");

        await a.server.store.trustAnchors.update(ANCHOR_ID, { enabled: false });
        assert.equal(await eventually(status(b), 403), 403, "the disabled anchor reached replica B");
        await a.server.store.trustAnchors.update(ANCHOR_ID, { enabled: true });
        assert.equal(await eventually(status(b), 201), 201);

        await a.server.store.profiles.update(PROFILE_ID, { enabled: false });
        assert.equal(await eventually(status(b), 403), 403, "the disabled profile reached replica B");
        const refused = await createSession(b);
        const line = b
          .logs()
          .find((l) => l.requestId === refused.headers["x-amzn-requestid"] && "createSession" in l);
        assert.equal((line?.createSession as { code?: string } | undefined)?.code, "ProfileDisabled");
      } finally {
        await b.server.close();
      }
    },
  );
}
