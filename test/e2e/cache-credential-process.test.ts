// `credential-process --cache`: a fleet of short-lived processes shares one CreateSession through the
// per-user cache; entries are per inputs, corrupt ones are replaced, the hot path stays built-ins only.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { FIXTURES, runCli } from "./client-harness.js";
import { ACCOUNT, ROLE_ARN, startPeerEndpoint } from "./client-peer-endpoint.js";
import type { PeerEndpoint } from "./client-peer-endpoint.js";

let endpoint: PeerEndpoint;
let home: string;
before(async () => {
  endpoint = await startPeerEndpoint();
  home = mkdtempSync(join(tmpdir(), "anchorage-cache-e2e-"));
});
after(async () => {
  await endpoint?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

const pki = (name: string) => join(FIXTURES, "pki", name);
const args = (extra: string[] = [], cert = "client-rsa") => [
  "credential-process",
  "--certificate",
  pki(`${cert}.cert.pem`),
  "--private-key",
  pki(`${cert}.key.pem`),
  "--intermediates",
  pki("chain-intermediate.pem"),
  "--trust-anchor-arn",
  `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/TA`,
  "--profile-arn",
  `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/PR`,
  "--role-arn",
  ROLE_ARN,
  "--endpoint",
  endpoint.url,
  ...extra,
];
const sessions = () => endpoint.received.filter((r) => r.url.startsWith("/sessions")).length;

test("50 sequential runs with --cache make 1 CreateSession and print the same credentials", async () => {
  const cacheHome = join(home, "fleet");
  const before = sessions();
  const outputs = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const run = await runCli(args(["--cache"]), { env: { HOME: home, XDG_CACHE_HOME: cacheHome } });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
    outputs.add(run.stdout.toString());
  }
  assert.equal(sessions() - before, 1);
  assert.equal(outputs.size, 1);
  const out = JSON.parse([...outputs][0]!) as { AccessKeyId: string; SecretAccessKey: string };
  assert.ok(endpoint.minted.has(out.AccessKeyId));
  const dir = join(cacheHome, "anchorage");
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  const files = readdirSync(dir);
  assert.equal(files.length, 1);
  assert.match(files[0]!, /^[0-9a-f]{64}\.json$/);
  assert.equal(statSync(join(dir, files[0]!)).mode & 0o777, 0o600);
  // Without --cache every run calls CreateSession.
  const plain = await runCli(args(), { env: { HOME: home, XDG_CACHE_HOME: cacheHome } });
  assert.equal(plain.status, 0);
  assert.equal(sessions() - before, 2);
});

test("~/.cache/anchorage without XDG_CACHE_HOME; another role or certificate gets an entry of its own", async () => {
  const before = sessions();
  const env = { HOME: join(home, "h2") };
  for (let i = 0; i < 3; i++) assert.equal((await runCli(args(["--cache"]), { env })).status, 0);
  const ec = await runCli(args(["--cache"], "client-ec-p256"), { env });
  assert.equal(ec.status, 0, ec.stderr);
  const otherDuration = await runCli(args(["--cache", "--session-duration", "900"]), { env });
  assert.equal(otherDuration.status, 0);
  assert.equal(sessions() - before, 3);
  assert.equal(readdirSync(join(home, "h2", ".cache", "anchorage")).length, 3);
});

test("10 concurrent runs on an empty cache make 1 CreateSession; the rest wait for its entry", async () => {
  const env = { HOME: home, XDG_CACHE_HOME: join(home, "burst") };
  const before = sessions();
  const runs = await Promise.all(Array.from({ length: 10 }, () => runCli(args(["--cache"]), { env })));
  for (const run of runs) assert.equal(run.status, 0, run.stderr);
  assert.equal(new Set(runs.map((r) => r.stdout.toString())).size, 1);
  assert.equal(sessions() - before, 1);
  assert.deepEqual(
    readdirSync(join(home, "burst", "anchorage")).filter((f) => !f.endsWith(".json")),
    [],
  );
});

test("a corrupt entry is ignored and replaced; --debug names the file, never its content", async () => {
  const env = { HOME: home, XDG_CACHE_HOME: join(home, "corrupt") };
  assert.equal((await runCli(args(["--cache"]), { env })).status, 0);
  const dir = join(home, "corrupt", "anchorage");
  const file = join(dir, readdirSync(dir)[0]!);
  writeFileSync(file, '{"version":1,"key":"trunc');
  const before = sessions();
  const run = await runCli(args(["--cache", "--debug"]), { env });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(sessions() - before, 1);
  assert.match(run.stderr, /cache: .*\.json not used: the entry is corrupt \(not JSON\)/);
  assert.match(run.stderr, /cache: stored /);
  const stored = JSON.parse(readFileSync(file, "utf8")) as { secretAccessKey: string; sessionToken: string };
  assert.ok(!run.stderr.includes(stored.secretAccessKey) && !run.stderr.includes(stored.sessionToken));
  const hit = await runCli(args(["--cache", "--debug"]), { env });
  assert.match(hit.stderr, /cache: using .*\.json \(expires [^)]+\); no CreateSession call/);
  assert.equal(sessions() - before, 1);
});
