// `anchorage server` as an operator runs it: flags, ANCHORAGE_* variables, exit codes, the lines
// it prints, the admin credentials, HTTPS, health, and draining on SIGTERM.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { request as httpsRequest } from "node:https";
import { connect } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { eventually } from "./eventually.js";
import { readCredentials, runCli, startServerProcess, tempDir } from "./server-process.fixture.js";

const NO_STACK = /^\s+at /m;

test("--help lists every flag", async () => {
  const r = await runCli(["server", "--help"]);
  assert.equal(r.code, 0);
  for (const flag of [
    "--data-dir",
    "--host",
    "--port",
    "--database",
    "--region",
    "--account-id",
    "--tls-cert",
    "--tls-key",
    "--explain-errors",
    "--log-level",
  ]) {
    assert.ok(r.stdout.includes(flag), flag);
  }
});

const USAGE = [
  { args: ["--port", "70000"], env: {}, message: /--port must be a port number from 0 to 65535/ },
  { args: [], env: { ANCHORAGE_PORT: "http" }, message: /ANCHORAGE_PORT must be a port number/ },
  { args: ["--account-id", "1234"], env: {}, message: /--account-id must be 12 digits/ },
  { args: ["--tls-cert", "/etc/hostname"], env: {}, message: /--tls-cert needs --tls-key/ },
  { args: ["--log-level", "chatty"], env: {}, message: /--log-level must be one of/ },
  { args: ["--database", "mysql://db/x"], env: {}, message: /--database: unsupported database URL scheme/ },
  { args: ["--no-such-flag"], env: {}, message: /unknown option '--no-such-flag'/ },
];
for (const c of USAGE) {
  test(`bad usage ${JSON.stringify(c.args)} ${JSON.stringify(c.env)}: one clear line, exit 2, no stack trace`, async (t) => {
    const dir = await tempDir(t, "anchorage-cli-");
    const r = await runCli(["server", "--data-dir", dir, ...c.args], c.env);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, c.message);
    assert.doesNotMatch(r.stderr, NO_STACK);
    assert.equal(r.stdout, "");
  });
}
test("the usage table has every case", () => assert.equal(USAGE.length, 7));

test("an unreachable database is one line (password masked) and exit 1", async (t) => {
  const dir = await tempDir(t, "anchorage-cli-");
  const r = await runCli([
    "server",
    "--data-dir",
    dir,
    "--database",
    "postgres://user:hunter2@127.0.0.1:1/db",
  ]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^anchorage server: cannot connect to PostgreSQL/);
  assert.doesNotMatch(r.stderr, /hunter2/);
  assert.doesNotMatch(r.stderr, NO_STACK);
});

test("first start: admin credentials (0600), the aws line to paste, health; flags beat ANCHORAGE_*; a restart keeps the account", async (t) => {
  const dir = await tempDir(t, "anchorage-cli-");
  const dataDir = join(dir, "data");
  const server = await startServerProcess(t, dataDir, ["--region", "us-west-2"], {
    ANCHORAGE_REGION: "eu-west-1",
    ANCHORAGE_LOG_LEVEL: "warn",
    ANCHORAGE_ACCOUNT_ID: "210987654321",
  });
  assert.match(
    server.stderr(),
    /Created account 210987654321; its root credentials are in .*admin-credentials \(mode 0600\)/,
  );
  assert.match(server.stderr(), /region us-west-2/);
  assert.ok(
    server
      .stderr()
      .includes(
        `AWS_SHARED_CREDENTIALS_FILE=${server.credentialsFile} aws rolesanywhere list-trust-anchors --endpoint-url ${server.url} --region us-west-2`,
      ),
  );
  assert.equal((await stat(server.credentialsFile)).mode & 0o777, 0o600);
  const key = await readCredentials(server.credentialsFile);
  assert.match(key.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
  assert.ok(!server.stderr().includes(key.secretAccessKey) && !server.stdout().includes(key.secretAccessKey));
  const health = await fetch(new URL("/-/health", server.url));
  assert.deepEqual([health.status, await health.json()], [200, { status: "ok" }]);
  assert.deepEqual(await server.stop(), { code: 0, signal: null });

  const again = await startServerProcess(t, dataDir, ["--log-level", "warn"]);
  assert.doesNotMatch(again.stderr(), /Created account/);
  assert.match(again.stderr(), /account 210987654321, region us-east-1/);
  const taken = await runCli(["server", "--data-dir", dataDir, "--port", new URL(again.url).port]);
  assert.equal(taken.code, 1, "the port is taken");
  assert.match(taken.stderr, /EADDRINUSE/);
  assert.doesNotMatch(taken.stderr, NO_STACK);
});

test("SIGTERM lets an in-flight request finish, then exits 0", async (t) => {
  const dir = await tempDir(t, "anchorage-cli-");
  const server = await startServerProcess(t, join(dir, "data"), ["--log-level", "warn"]);
  const { hostname, port } = new URL(server.url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  let text = "";
  socket.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  // With "Expect: 100-continue", node answers "100 Continue" in the tick it hands the request to the
  // app: once that arrives, the request is in flight. The body follows only after the server has
  // received SIGTERM and said so.
  socket.write(
    `POST /trustanchors HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n`,
  );
  await eventually(() => text.startsWith("HTTP/1.1 100 Continue\r\n\r\n"), 10_000, "100 Continue");
  server.child.kill("SIGTERM");
  await eventually(() => /Received SIGTERM/.test(server.stderr()), 10_000, "the server to log SIGTERM");
  assert.equal(text, "HTTP/1.1 100 Continue\r\n\r\n", "no answer before the body");
  socket.end("{}");
  await closed;
  const answer = text.slice("HTTP/1.1 100 Continue\r\n\r\n".length);
  assert.match(answer, /^HTTP\/1\.1 403 /, "the request in flight is answered (unsigned: 403), not cut");
  assert.match(text, /x-amzn-errortype: MissingAuthenticationTokenException/i);
  assert.deepEqual(await server.exited, { code: 0, signal: null });
});

test("--tls-cert and --tls-key serve HTTPS", async (t) => {
  const dir = await tempDir(t, "anchorage-cli-");
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { stdio: "ignore" },
    );
  } catch (error) {
    t.skip(`openssl cannot make a test certificate here: ${String(error)}`);
    return;
  }
  const server = await startServerProcess(t, join(dir, "data"), [
    "--tls-cert",
    cert,
    "--tls-key",
    key,
    "--log-level",
    "warn",
  ]);
  assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpsRequest(new URL("/-/health", server.url), { ca: readFileSync(cert) }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
  assert.equal(status, 200);
});
