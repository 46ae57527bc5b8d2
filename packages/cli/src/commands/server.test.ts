import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { resolveServerConfig, UsageError, type ServerFlags } from "./server.js";

const dir = mkdtempSync(join(tmpdir(), "anchorage-server-flags-"));
const CERT = join(dir, "cert.pem");
const KEY = join(dir, "key.pem");
writeFileSync(CERT, "cert");
writeFileSync(KEY, "key");

test("flags win over ANCHORAGE_* variables, which win over the server's defaults", () => {
  const env = {
    ANCHORAGE_PORT: "9000",
    ANCHORAGE_REGION: "eu-west-1",
    ANCHORAGE_DATABASE: "postgres://db/anchorage",
    ANCHORAGE_EXPLAIN_ERRORS: "true",
    ANCHORAGE_LOG_LEVEL: "warn",
  };
  assert.deepEqual(resolveServerConfig({ port: "8443", dataDir: "/srv/a" }, env), {
    dataDir: "/srv/a",
    port: 8443,
    database: "postgres://db/anchorage",
    region: "eu-west-1",
    explainErrors: true,
    logLevel: "warn",
  });
  assert.deepEqual(resolveServerConfig({}, {}), { explainErrors: false, logLevel: "info" });
  assert.deepEqual(
    resolveServerConfig({ explainErrors: true, accountId: "123456789012", tlsCert: CERT, tlsKey: KEY }, {}),
    {
      accountId: "123456789012",
      tlsCertFile: CERT,
      tlsKeyFile: KEY,
      explainErrors: true,
      logLevel: "info",
    },
  );
  assert.equal(resolveServerConfig({}, { ANCHORAGE_PORT: "0" }).port, 0);
});

const BAD: { flags: ServerFlags; env?: NodeJS.ProcessEnv; message: RegExp }[] = [
  { flags: { port: "65536" }, message: /^--port must be a port number from 0 to 65535/ },
  { flags: { port: "-1" }, message: /^--port must be a port number/ },
  { flags: { port: "80x" }, message: /^--port must be a port number/ },
  { flags: {}, env: { ANCHORAGE_PORT: "http" }, message: /^ANCHORAGE_PORT must be a port number/ },
  { flags: { accountId: "12345" }, message: /^--account-id must be 12 digits, got "12345"/ },
  {
    flags: {},
    env: { ANCHORAGE_ACCOUNT_ID: "12345678901a" },
    message: /^ANCHORAGE_ACCOUNT_ID must be 12 digits/,
  },
  { flags: { region: "Mars" }, message: /^--region must be an AWS region name/ },
  { flags: { logLevel: "loud" }, message: /^--log-level must be one of fatal, error, warn, info/ },
  { flags: { tlsCert: CERT }, message: /^--tls-cert needs --tls-key/ },
  { flags: {}, env: { ANCHORAGE_TLS_KEY: KEY }, message: /^ANCHORAGE_TLS_KEY needs --tls-cert/ },
  {
    flags: { tlsCert: join(dir, "missing.pem"), tlsKey: KEY },
    message: /^--tls-cert: cannot read .*missing\.pem \(ENOENT\)/,
  },
  {
    flags: {},
    env: { ANCHORAGE_EXPLAIN_ERRORS: "maybe" },
    message: /^ANCHORAGE_EXPLAIN_ERRORS must be true or false/,
  },
  { flags: { host: " " }, message: /^--host must not be empty/ },
];
for (const c of BAD) {
  test(`refuses ${JSON.stringify(c.flags)} ${JSON.stringify(c.env ?? {})} with a usage error`, () =>
    assert.throws(
      () => resolveServerConfig(c.flags, c.env ?? {}),
      (e: unknown) => e instanceof UsageError && c.message.test(e.message),
    ));
}
test("the table of refusals has every case", () => assert.equal(BAD.length, 13));
