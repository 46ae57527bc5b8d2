// Every successful run recorded with AWS's helper v1.4 (test/fixtures/createsession/vectors.json),
// replayed as its exact socket bytes (chunked body, Host 127.0.0.1:18443 — what was signed, not
// where this server listens) to a real server whose clock stands at the request's X-Amz-Date, with
// the account the recordings name: 123456789012, trust anchor `TA` (the fixture root and
// intermediate CAs: `rsa-no-chain` sends no chain), profile `PR`, role `test-role`. Each must be
// answered 201 with credentials for the role, in AWS's body.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parseCreateSessionResponse } from "@anchorage/server";
import {
  ACCOUNT,
  ROLE_ARN,
  fixturePem,
  fromAmzDate,
  loadVectorCases,
  seedVectorAccount,
  sendRaw,
  startSessionServer,
  type SessionServer,
} from "./sessions-harness.fixture.js";

const cases = loadVectorCases();
const BUNDLE = fixturePem("root-ca.cert.pem") + fixturePem("intermediate-ca.cert.pem");
/** Source identity and default session name (serial, upper-case hex) of each fixture leaf. */
const LEAVES: Record<string, { cn: string; serialHex: string }> = {
  "client-rsa.cert.pem": { cn: "test-client", serialHex: "1002" },
  "client-ec-p256.cert.pem": { cn: "test-client-ec-p256", serialHex: "1003" },
  "client-ec-p384.cert.pem": { cn: "test-client-ec-p384", serialHex: "1004" },
  "client-rsa-root.cert.pem": { cn: "test-client-root-issued", serialHex: "1005" },
  "client-rsa-bigserial.cert.pem": {
    cn: "test-client-bigserial",
    serialHex: "5C0A1B2C3D4E5F60718293A4B5C6D7E8F9010203",
  },
};

const argOf = (argv: readonly string[], flag: string): string | undefined => {
  const i = argv.indexOf(flag);
  return i < 0 ? undefined : argv[i + 1];
};

test("vectors.json holds 14 successful helper runs", () => assert.equal(cases.length, 14));

const servers = new Map<string, SessionServer>();
async function serverFor(
  t: Parameters<typeof startSessionServer>[0],
  region: string,
): Promise<SessionServer> {
  let s = servers.get(region);
  if (s === undefined) {
    const dir = await mkdtemp(join(tmpdir(), "anchorage-vectors-"));
    t.after(() => rm(dir, { recursive: true, force: true }));
    s = await startSessionServer(t, { region, database: `sqlite:${join(dir, "a.db")}`, now: new Date() });
    await seedVectorAccount(s, region, { bundlePem: BUNDLE, acceptRoleSessionName: true });
    servers.set(region, s);
  }
  return s;
}

test("every recorded request is accepted when replayed at its time", async (t) => {
  let replayed = 0;
  for (const c of cases) {
    await t.test(c.id, async () => {
      const request = c.requests[0];
      assert.ok(request !== undefined);
      const header = (name: string) => request.rawHeaders.find(([n]) => n === name)?.[1] ?? "";
      const region = /\/\d{8}\/([a-z0-9-]+)\/rolesanywhere\//.exec(header("Authorization"))?.[1] ?? "";
      const signedAt = fromAmzDate(header("X-Amz-Date"));
      const s = await serverFor(t, region);
      s.setNow(signedAt);
      const reply = await sendRaw(s.port, Buffer.from(request.rawRequestBase64, "base64"));
      assert.equal(reply.status, 201, reply.body);
      assert.equal(reply.headers["content-type"], "application/json");

      const leaf = LEAVES[(argOf(c.argv, "--certificate") ?? "").replace("pki/", "")];
      assert.ok(leaf !== undefined, `a known leaf for ${c.id}`);
      const sessionName = argOf(c.argv, "--role-session-name") ?? leaf.serialHex;
      const duration = Number(JSON.parse(request.bodyUtf8).durationSeconds ?? 3600);
      const body = parseCreateSessionResponse(reply.body);
      assert.equal(body.credentialSet.length, 1);
      const [entry] = body.credentialSet;
      assert.ok(entry !== undefined);
      assert.equal(
        entry.assumedRoleUser.arn,
        `arn:aws:sts::${ACCOUNT}:assumed-role/test-role/${sessionName}`,
      );
      assert.equal(entry.assumedRoleUser.assumedRoleId, `AROAANCHORAGETESTROLE:${sessionName}`);
      assert.equal(entry.roleArn, ROLE_ARN);
      assert.equal(entry.sourceIdentity, `CN=${leaf.cn}`);
      assert.match(entry.credentials.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
      assert.equal(
        entry.credentials.expiration,
        new Date(signedAt.getTime() + duration * 1000).toISOString().replace(".000", ""),
      );
      assert.match(
        body.subjectArn,
        new RegExp(`^arn:aws:rolesanywhere:${region}:${ACCOUNT}:subject/[0-9a-f-]{36}$`),
      );
      // AWS's member order, byte for byte.
      assert.match(
        reply.body,
        /^\{"credentialSet":\[\{"assumedRoleUser":\{"arn":"[^"]+","assumedRoleId":"[^"]+"\},"credentials":\{"accessKeyId":"ASIA\w+","expiration":"[^"]+","secretAccessKey":"[^"]+","sessionToken":"[^"]+"\},"packedPolicySize":\d+,"roleArn":"[^"]+","sourceIdentity":"[^"]+"\}\],"subjectArn":"[^"]+"\}$/,
      );
      replayed++;
    });
  }
  assert.equal(replayed, 14);
});
