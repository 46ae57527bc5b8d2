// credential-process flag handling through the REAL CLI binary: `--flag=value`, --debug output
// (secrets masked, never the key), passphrase sources.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { FIXTURES, helperCases, PINNED, runCli, startEndpoint, withEndpoint } from "./client-harness.js";
import type { Endpoint } from "./client-harness.js";

const vector = helperCases("vectors.json").find((c) => c.id === "rsa-role-session-name")!;
let endpoint: Endpoint;
let scratch: string;
before(async () => {
  endpoint = await startEndpoint(() => {
    const r = vector.requests[0]!.mockResponse;
    return { status: r.status, headers: r.headers, body: r.body };
  });
  scratch = mkdtempSync(join(tmpdir(), "anchorage-cp-flags-"));
});
after(async () => {
  await endpoint.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** `--a x --b y --switch` → `--a=x --b=y --switch`. */
function equalsForm(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (args[i]!.startsWith("--") && next !== undefined && !next.startsWith("--")) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else {
      out.push(args[i]!);
    }
  }
  return out;
}

test("--flag=value works like --flag value: same stdout, same request bytes", async () => {
  const args = withEndpoint(vector.argv, endpoint.url);
  const spaced = await runCli(args, { env: { ANCHORAGE_FAKE_NOW: PINNED } });
  const equalled = await runCli(equalsForm(args), { env: { ANCHORAGE_FAKE_NOW: PINNED } });
  assert.ok(equalsForm(args).includes(`--role-session-name=my-session-01`));
  assert.equal(spaced.status, 0, spaced.stderr);
  assert.equal(equalled.status, 0, equalled.stderr);
  assert.deepEqual(equalled.stdout, spaced.stdout);
  const [a, b] = endpoint.received.slice(-2);
  assert.deepEqual(b!.raw, a!.raw);
  assert.equal(b!.body.toString(), '{"durationSeconds":3600,"roleSessionName":"my-session-01"}');
});

test("--debug: configuration with secrets masked, canonical request, string to sign, status; never the key or credentials", async () => {
  const passphraseFile = join(scratch, "pw");
  writeFileSync(passphraseFile, "test-password\n");
  const args = withEndpoint(vector.argv, endpoint.url).map((a) =>
    a === "pki/client-rsa.key.pem" ? "pki/client-rsa.key.enc-pkcs8.pem" : a,
  );
  const run = await runCli([...args, "--debug", "--pkcs8-password", "test-password"], {
    env: { ANCHORAGE_FAKE_NOW: PINNED },
  });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(
    run.stdout,
    Buffer.from(vector.result.stdoutBase64, "base64"),
    "stdout unchanged by --debug",
  );
  const lines = run.stderr.trimEnd().split("\n");
  assert.ok(lines.every((l) => l.startsWith("anchorage credential-process: debug: ")));
  const text = run.stderr;
  for (const expected of [
    "debug: certificate: pki/client-rsa.cert.pem (PEM, RSA, serial 4098,",
    "debug: private key: pki/client-rsa.key.enc-pkcs8.pem (encrypted PKCS#8, passphrase from value)",
    "debug: intermediates: pki/chain-intermediate.pem (1 certificate)",
    "debug: --pkcs8-password: ******",
    "debug: region: us-east-1",
    "debug: session duration: 3600 (default, as AWS's helper sends)",
    "debug: role session name: my-session-01",
    "debug: canonical request:",
    `debug:   ${vector.expect!.canonicalRequest.split("\n")[2]}`,
    "debug: string to sign:",
    "debug:   AWS4-X509-RSA-SHA256",
    "debug:   20260115T120000Z",
    "debug: attempt 1: HTTP 201 Created",
  ]) {
    assert.ok(text.includes(expected), `missing ${JSON.stringify(expected)}`);
  }
  const mockBody = JSON.parse(vector.requests[0]!.mockResponse.body) as {
    credentialSet: [{ credentials: Record<string, string> }];
  };
  const key = readFileSync(join(FIXTURES, "pki/client-rsa.key.enc-pkcs8.pem"), "utf8");
  for (const secret of [
    "test-password",
    mockBody.credentialSet[0].credentials.secretAccessKey!,
    mockBody.credentialSet[0].credentials.sessionToken!,
    "PRIVATE KEY",
    key.split("\n")[1]!,
  ]) {
    assert.ok(!text.includes(secret), `--debug must not print ${secret.slice(0, 12)}…`);
  }
});

test("passphrase from --passphrase-file and from ANCHORAGE_PASSPHRASE", async () => {
  const passphraseFile = join(scratch, "pw2");
  writeFileSync(passphraseFile, "test-password\n");
  const args = withEndpoint(vector.argv, endpoint.url).map((a) =>
    a === "pki/client-rsa.key.pem" ? "pki/client-rsa.key.enc-pkcs8.pem" : a,
  );
  const fromFile = await runCli([...args, "--passphrase-file", passphraseFile], {
    env: { ANCHORAGE_FAKE_NOW: PINNED },
  });
  assert.equal(fromFile.status, 0, fromFile.stderr);
  const fromEnv = await runCli(args, {
    env: { ANCHORAGE_FAKE_NOW: PINNED, ANCHORAGE_PASSPHRASE: "test-password" },
  });
  assert.equal(fromEnv.status, 0, fromEnv.stderr);
  assert.deepEqual(fromEnv.stdout, fromFile.stdout);
});

test("an invalid ANCHORAGE_FAKE_NOW (test-only) is one line", async () => {
  const run = await runCli(withEndpoint(vector.argv, endpoint.url), {
    env: { ANCHORAGE_FAKE_NOW: "yesterday" },
  });
  assert.equal(run.status, 1);
  assert.equal(
    run.stderr,
    'anchorage credential-process: ANCHORAGE_FAKE_NOW "yesterday" is not an ISO 8601 time\n',
  );
});

test("credential-process --help lists every flag of AWS's helper v1.4 and ours", async () => {
  const run = await runCli(["credential-process", "--help"]);
  assert.equal(run.status, 0);
  const help = run.stdout.toString();
  const flags = [
    "--certificate",
    "--private-key",
    "--intermediates",
    "--trust-anchor-arn",
    "--profile-arn",
    "--role-arn",
    "--session-duration",
    "--role-session-name",
    "--region",
    "--endpoint",
    "--no-verify-ssl",
    "--with-proxy",
    "--debug",
    "--pkcs8-password",
    "--passphrase-file",
  ];
  for (const flag of flags) assert.match(help, new RegExp(`\\n  ${flag}\\b`), flag);
  assert.equal(flags.length, 15);
});
