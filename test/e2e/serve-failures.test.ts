// `anchorage serve` when things go wrong: the CreateSession endpoint goes down during a refresh
// (still-valid credentials keep being served; once they expire, 503 — never empty or expired
// credentials), the certificate and key are rotated on disk (picked up without a restart: the
// endpoint sees the new serial), bad flags, and IPv6.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "./client-harness.js";
import { eventually } from "./eventually.js";
import {
  ARN_ARGS,
  RSA_MATERIAL,
  imdsCredentials,
  imdsToken,
  pki,
  rawRequest,
  startMintingEndpoint,
  startServe,
} from "./serve-harness.js";
import type { MintingEndpoint, ServeProcess } from "./serve-harness.js";

const cleanups: (() => Promise<unknown> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});
const tmp = mkdtempSync(join(tmpdir(), "anchorage-serve-failures-"));
cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

async function serveWith(
  endpoint: MintingEndpoint,
  material: readonly string[],
  extra: string[] = [],
): Promise<ServeProcess> {
  const serve = await startServe([
    ...material,
    ...ARN_ARGS,
    "--endpoint",
    endpoint.url,
    "--port",
    "0",
    ...extra,
  ]);
  cleanups.push(() => serve.stop());
  return serve;
}

test("server down during refresh: still-valid credentials are served; after they expire 503, never expired ones; back up, new ones", async () => {
  const endpoint = await startMintingEndpoint(6000);
  cleanups.push(() => endpoint.close());
  const serve = await serveWith(endpoint, RSA_MATERIAL);
  const token = await imdsToken(serve.port);
  const first = await imdsCredentials(serve.port, token);
  assert.equal(first.status, "HTTP/1.1 200 OK");
  const firstKey = first.json!.AccessKeyId!;

  await endpoint.down();
  // Ask every 250 ms until 1.5 s after the first refusal (a refresh that landed before down() moves
  // the expiry; 30 s at most). `at` is taken before asking: serve judged the credentials after it.
  const seen: { status: string; key?: string; expiration?: string; at: number }[] = [];
  let firstRefusal: number | undefined;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    if (firstRefusal !== undefined && Date.now() > firstRefusal + 1500) break;
    const at = Date.now();
    const r = await imdsCredentials(serve.port, token);
    seen.push({ status: r.status, key: r.json?.AccessKeyId, expiration: r.json?.Expiration, at });
    if (r.status !== "HTTP/1.1 200 OK") firstRefusal ??= at;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const served = seen.filter((s) => s.status === "HTTP/1.1 200 OK");
  const refused = seen.filter((s) => s.status !== "HTTP/1.1 200 OK");
  assert.ok(served.length > 0 && refused.length > 0, JSON.stringify(seen));
  assert.ok(seen.at(-1)!.status !== "HTTP/1.1 200 OK", "once expired, not served again while down");
  for (const s of served) {
    assert.ok(s.key !== undefined && s.key !== "", "never empty credentials");
    assert.ok(Date.parse(s.expiration!) > s.at, "never expired credentials");
  }
  assert.ok(served.every((s) => s.key === firstKey || endpoint.minted.some((m) => m.accessKeyId === s.key)));
  for (const s of refused) assert.equal(s.status, "HTTP/1.1 503 Service Unavailable");
  const body = (await imdsCredentials(serve.port, token)).body;
  assert.match(
    body,
    /^no valid credentials: the last refresh failed \(cannot connect to http:\/\/127\.0\.0\.1:\d+: .*\) and the previous credentials expired at /,
  );
  assert.match(
    serve.stderr(),
    /refresh failed \(attempt \d+\): cannot connect .*; still serving the credentials that expire at /,
  );
  assert.match(serve.stderr(), /answering 503: no valid credentials/);

  endpoint.lifetimeMs = 3_600_000;
  await endpoint.up();
  await eventually(
    async () => (await imdsCredentials(serve.port, token)).status === "HTTP/1.1 200 OK",
    20_000,
    "credentials again",
  );
  const back = await imdsCredentials(serve.port, token);
  assert.notEqual(back.json!.AccessKeyId, firstKey);
  assert.ok(Date.parse(back.json!.Expiration!) > Date.now() + 3_000_000);
});

test("a rotated certificate and key are picked up without a restart: the endpoint sees the new serial", async () => {
  const endpoint = await startMintingEndpoint();
  cleanups.push(() => endpoint.close());
  const dir = join(tmp, "rotation");
  rmSync(dir, { recursive: true, force: true });
  const { mkdirSync } = await import("node:fs");
  mkdirSync(dir);
  copyFileSync(pki("client-rsa.cert.pem"), join(dir, "client.pem"));
  copyFileSync(pki("client-rsa.key.pem"), join(dir, "client.key"));
  const serve = await serveWith(endpoint, [
    "--certificate",
    join(dir, "client.pem"),
    "--private-key",
    join(dir, "client.key"),
    "--intermediates",
    pki("chain-intermediate.pem"),
  ]);
  const token = await imdsToken(serve.port);
  const before = await imdsCredentials(serve.port, token);
  assert.deepEqual(
    endpoint.minted.map((m) => m.serial),
    ["4098"],
  );

  // Rotate as certbot or cert-manager does: write beside, then rename over (key first, then certificate).
  copyFileSync(pki("client-ec-p256.key.pem"), join(dir, ".client.key.new"));
  copyFileSync(pki("client-ec-p256.cert.pem"), join(dir, ".client.pem.new"));
  renameSync(join(dir, ".client.key.new"), join(dir, "client.key"));
  renameSync(join(dir, ".client.pem.new"), join(dir, "client.pem"));

  await eventually(
    () => endpoint.minted.some((m) => m.serial === "4099"),
    10_000,
    "a CreateSession with the new certificate",
  );
  const after = await imdsCredentials(serve.port, token);
  assert.equal(after.json!.AccessKeyId, endpoint.minted.at(-1)!.accessKeyId);
  assert.notEqual(after.json!.AccessKeyId, before.json!.AccessKeyId);
  assert.match(serve.stderr(), /refreshing credentials: .*client\.(pem|key).* changed on disk/);
  assert.equal(serve.child.exitCode, null, "still the same process");
});

test("--host ::1 serves over IPv6 and prints a bracketed endpoint; --bind is the same flag", async () => {
  const endpoint = await startMintingEndpoint();
  cleanups.push(() => endpoint.close());
  const serve = await serveWith(endpoint, RSA_MATERIAL, ["--bind", "::1"]);
  assert.match(
    serve.stderr(),
    new RegExp(`export AWS_EC2_METADATA_SERVICE_ENDPOINT=http://\\[::1\\]:${serve.port}/`),
  );
  const token = await imdsToken(serve.port, "60", "::1");
  const r = await rawRequest(
    serve.port,
    "GET",
    "/latest/meta-data/iam/security-credentials/",
    [["X-aws-ec2-metadata-token", token]],
    "::1",
  );
  assert.equal(r.body, "test-role");
  await assert.rejects(rawRequest(serve.port, "GET", "/", [], "127.0.0.1"), /ECONNREFUSED/, "not on IPv4");
});

const BAD_FLAGS: readonly [string[], RegExp][] = [
  [["--port", "70000"], /--port "70000" must be a whole number from 0 to 65535/],
  [["--host", "localhost"], /--host "localhost" is not an IPv4 or IPv6 address/],
  [["--hop-limit", "0"], /--hop-limit "0" must be a whole number from 1 to 255/],
  [["--host", "127.0.0.1", "--bind", "::1"], /--host and --bind name the same setting/],
  [["--session-duration", "899"], /--session-duration 899 is out of range/],
];

test("bad flags fail before listening: one line, exit 1", async () => {
  let n = 0;
  for (const [flags, message] of BAD_FLAGS) {
    const run = await runCli([
      "serve",
      ...RSA_MATERIAL,
      ...ARN_ARGS,
      "--endpoint",
      "http://127.0.0.1:9",
      ...flags,
    ]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, message);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    n++;
  }
  assert.equal(n, BAD_FLAGS.length);
});
