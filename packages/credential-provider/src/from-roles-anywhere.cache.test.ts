// fromRolesAnywhere({ cache }): separate providers (as separate processes) share one on-disk entry.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { recordingTransport } from "./create-session.fixture.js";
import { fromRolesAnywhere } from "./from-roles-anywhere.js";
import type { RolesAnywhereInit } from "./from-roles-anywhere.js";
import type { WireResponse } from "./http/http-request.js";
import { pki } from "./material/fixture-files.js";

const T0 = Date.parse("2026-01-15T12:00:00Z");
const ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
  profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
  roleArn: "arn:aws:iam::123456789012:role/test-role",
};
const root = mkdtempSync(join(tmpdir(), "anchorage-provider-cache-"));
after(() => rmSync(root, { recursive: true, force: true }));

const created = (n: number, expiration = "2026-01-15T13:00:00Z"): WireResponse => ({
  status: 201,
  statusText: "Created",
  headers: {},
  body: Buffer.from(
    JSON.stringify({
      credentialSet: [
        {
          assumedRoleUser: {
            arn: "arn:aws:sts::123456789012:assumed-role/test-role/4098",
            assumedRoleId: "A:1",
          },
          credentials: { accessKeyId: `ASIA${n}`, secretAccessKey: "S", sessionToken: `T${n}`, expiration },
        },
      ],
    }),
  ),
});

function provider(
  dir: string,
  answers: WireResponse[],
  clock: { now: number },
  extra: Partial<RolesAnywhereInit> = {},
) {
  const transport = recordingTransport(answers);
  const p = fromRolesAnywhere({
    ...ARNS,
    certificate: pki("client-rsa.cert.pem"),
    privateKey: pki("client-rsa.key.pem"),
    httpRequest: transport.httpRequest,
    now: () => clock.now,
    env: {},
    cache: { dir },
    ...extra,
  });
  return { p, transport };
}

test("a second provider (another process) reuses the first one's credentials from disk", async () => {
  const dir = join(root, "a");
  const clock = { now: T0 };
  const first = provider(dir, [created(1)], clock);
  const second = provider(dir, [created(2)], clock);
  assert.equal((await first.p()).accessKeyId, "ASIA1");
  const reused = await second.p();
  assert.equal(reused.accessKeyId, "ASIA1");
  assert.equal(reused.accountId, "123456789012");
  assert.equal(second.transport.sent.length, 0);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(readdirSync(dir).length, 1);
});

test("within 5 minutes of expiry the cache is bypassed and replaced", async () => {
  const dir = join(root, "b");
  const clock = { now: T0 };
  await provider(dir, [created(1)], clock).p();
  clock.now = Date.parse("2026-01-15T12:56:00Z");
  const later = provider(dir, [created(2, "2026-01-15T14:00:00Z")], clock);
  assert.equal((await later.p()).accessKeyId, "ASIA2");
  assert.equal(later.transport.sent.length, 1);
  assert.equal((await provider(dir, [], clock).p()).accessKeyId, "ASIA2");
});

test("another role or certificate never shares an entry", async () => {
  const dir = join(root, "c");
  const clock = { now: T0 };
  await provider(dir, [created(1)], clock).p();
  const otherRole = provider(dir, [created(2)], clock, { roleArn: "arn:aws:iam::123456789012:role/other" });
  assert.equal((await otherRole.p()).accessKeyId, "ASIA2");
  const otherCert = provider(dir, [created(3)], clock, {
    certificate: pki("client-ec-p256.cert.pem"),
    privateKey: pki("client-ec-p256.key.pem"),
  });
  assert.equal((await otherCert.p()).accessKeyId, "ASIA3");
  assert.equal(readdirSync(dir).length, 3);
});

test("without the option nothing is written", async () => {
  const dir = join(root, "d");
  const clock = { now: T0 };
  await provider(dir, [created(1)], clock, { cache: false }).p();
  assert.throws(() => readdirSync(dir), { code: "ENOENT" });
});
