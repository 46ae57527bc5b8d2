// Every failure recorded with AWS's helper v1.4 (errors.json), reproduced in Anchorage's form through
// the REAL CLI binary: exit code 1 and ONE stderr line naming the failed step (and, for server
// errors, the type and message the server returned). Then the bad inputs of issue 3.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { helperCases, PINNED, REPO, runCli, startEndpoint, withEndpoint } from "./client-harness.js";
import type { CliRun, Endpoint, HelperCase } from "./client-harness.js";

const cases = Object.fromEntries(helperCases("errors.json").map((c) => [c.id, c]));
const PREFIX = "anchorage credential-process: ";
const OWN_FIXTURES = join(REPO, "packages/credential-provider/src/fixtures");

let endpoint: Endpoint;
let current: HelperCase | undefined;
let scratch: string;
before(async () => {
  endpoint = await startEndpoint(() => {
    const r = current!.requests[0]!.mockResponse;
    return { status: r.status, headers: r.headers, body: r.body };
  });
  scratch = mkdtempSync(join(tmpdir(), "anchorage-client-errors-"));
});
after(async () => {
  await endpoint.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Exit 1, nothing on stdout, exactly one stderr line, no stack trace. */
function assertOneLineFailure(run: CliRun, line: string | RegExp): void {
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.stdout.length, 0);
  assert.ok(run.stderr.endsWith("\n"), JSON.stringify(run.stderr));
  assert.equal(run.stderr.split("\n").length, 2, `one line: ${JSON.stringify(run.stderr)}`);
  assert.ok(!/\n\s+at /.test(run.stderr));
  if (typeof line === "string") assert.equal(run.stderr, `${PREFIX}${line}\n`);
  else assert.match(run.stderr.slice(0, -1), line);
}

/** Runs a recorded case's argv against the test endpoint (the refused case keeps its port 1). */
async function runCase(id: string): Promise<{ run: CliRun; requests: number }> {
  current = cases[id];
  assert.ok(current, id);
  const before = endpoint.received.length;
  const target = current.argv.includes("http://127.0.0.1:1") ? "http://127.0.0.1:1" : endpoint.url;
  const run = await runCli(withEndpoint(current.argv, target), { env: { ANCHORAGE_FAKE_NOW: PINNED } });
  return { run, requests: endpoint.received.length - before };
}

test("errors.json holds the 11 recorded failures", () => {
  assert.equal(Object.keys(cases).length, 11);
});

const serverErrors: [string, string, number][] = [
  [
    "err-403-access-denied",
    "CreateSession failed: AccessDeniedException: Untrusted signing certificate (HTTP 403)",
    1,
  ],
  ["err-400-validation", "CreateSession failed: ValidationException: Invalid session duration (HTTP 400)", 1],
  [
    "err-500-internal",
    "CreateSession failed: InternalServerException: Internal failure (HTTP 500, after 4 attempts)",
    4,
  ],
  [
    "err-empty-credential-set",
    "CreateSession returned an unusable response: no credentials were issued (credentialSet is empty); check the profile and role on the server",
    1,
  ],
];
for (const [id, line, attempts] of serverErrors) {
  test(`${id}: ${attempts} request(s), as the helper made, then one line with the server's answer`, async () => {
    const { run, requests } = await runCase(id);
    assertOneLineFailure(run, line);
    assert.equal(requests, attempts);
    assert.equal(requests, cases[id]!.requests.length);
  });
}

test("err-500-internal: the 4 attempts are re-signed with the (frozen) clock and sent identical, with backoff between them", async () => {
  const before = endpoint.received.length;
  await runCase("err-500-internal");
  const got = endpoint.received.slice(before);
  assert.equal(got.length, 4);
  for (const r of got)
    assert.deepEqual(r.raw, got[0]!.raw, "identical requests under a frozen clock, as the helper's");
  const gaps = got.slice(1).map((r, i) => r.at - got[i]!.at);
  // The backoff is at least 30, 60 and 120 ms; allow for scheduling jitter on a busy machine.
  for (const [i, gap] of gaps.entries()) {
    assert.ok(
      gap >= 30 * 2 ** i - 15,
      `backoff between attempts (saw ${gaps.map(Math.round).join(", ")} ms)`,
    );
  }
});

test("err-connection-refused: retried like the helper (4 attempts), then one line naming the endpoint", async () => {
  const { run } = await runCase("err-connection-refused");
  assertOneLineFailure(
    run,
    "cannot connect to http://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1 (after 4 attempts)",
  );
});

const localFailures: [string, string][] = [
  [
    "err-session-duration-too-small",
    "invalid configuration: --session-duration 899 is out of range; give whole seconds from 900 to 43200",
  ],
  [
    "err-region-mismatch",
    "invalid configuration: the regions of --trust-anchor-arn (eu-west-1) and --profile-arn (us-east-1) differ; a trust anchor and a profile are used together in one region",
  ],
  [
    "err-bad-trust-anchor-arn",
    'invalid configuration: --trust-anchor-arn "not-an-arn" is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>); expected arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>',
  ],
  [
    "err-missing-cert-file",
    "cannot load the signing material: certificate file pki/does-not-exist.pem does not exist; check the --certificate path",
  ],
  [
    "err-encrypted-pkcs8-key",
    "cannot load the signing material: pki/client-rsa.key.enc-pkcs8.pem is an encrypted PKCS#8 key; pass --pkcs8-password, --passphrase-file or set ANCHORAGE_PASSPHRASE",
  ],
];
for (const [id, line] of localFailures) {
  test(`${id}: fails locally, no request sent, one line`, async () => {
    const { run, requests } = await runCase(id);
    assertOneLineFailure(run, line);
    assert.equal(requests, 0);
    assert.equal(cases[id]!.requests.length, 0, "the helper sent none either");
  });
}

test("err-key-cert-mismatch: detected locally before any request (better than the helper, which sent a request that cannot verify)", async () => {
  const { run, requests } = await runCase("err-key-cert-mismatch");
  assertOneLineFailure(
    run,
    /^anchorage credential-process: cannot load the signing material: private key pki\/client-rsa-root\.key\.pem does not match certificate pki\/client-rsa\.cert\.pem \(.*\); pass the key the certificate was issued for$/,
  );
  assert.equal(requests, 0);
  assert.equal(cases["err-key-cert-mismatch"]!.requests.length, 1, "the helper did send one");
});

test("err-encrypted-pkcs8-key with --pkcs8-password (v1.4 cannot read this key at all): credentials", async () => {
  current = helperCases("vectors.json")[0];
  const args = withEndpoint(cases["err-encrypted-pkcs8-key"]!.argv, endpoint.url);
  const run = await runCli([...args, "--pkcs8-password", "test-password"], {
    env: { ANCHORAGE_FAKE_NOW: PINNED },
  });
  assert.equal(run.stderr, "");
  assert.equal(run.status, 0);
  assert.match(run.stdout.toString(), /^\{"Version":1,"AccessKeyId":"ASIAEXAMPLEACCESSKEY",/);
});

// Bad inputs: one stderr line each, naming the file; nothing sent.
const ARNS = [
  "--trust-anchor-arn",
  "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
  "--profile-arn",
  "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
  "--role-arn",
  "arn:aws:iam::123456789012:role/test-role",
];

test("7 bad inputs: one line each naming the file, no request", async () => {
  const garbage = join(scratch, "garbage.pem");
  writeFileSync(garbage, "this is not a certificate\n");
  const passwordFile = join(scratch, "wrong-password.txt");
  writeFileSync(passwordFile, "not-the-password\n");
  const table: [string, string[], RegExp][] = [
    [
      "missing key file",
      ["--certificate", "pki/client-rsa.cert.pem", "--private-key", "pki/nope.key.pem"],
      /private key file pki\/nope\.key\.pem does not exist; check the --private-key path$/,
    ],
    [
      "missing intermediates file",
      [
        "--certificate",
        "pki/client-rsa.cert.pem",
        "--private-key",
        "pki/client-rsa.key.pem",
        "--intermediates",
        "pki/nope.pem",
      ],
      /intermediates bundle file pki\/nope\.pem does not exist; check the --intermediates path$/,
    ],
    [
      "unreadable file (a directory)",
      ["--certificate", "pki", "--private-key", "pki/client-rsa.key.pem"],
      /certificate pki is a directory; pass a file to --certificate$/,
    ],
    [
      "garbage certificate",
      ["--certificate", garbage, "--private-key", "pki/client-rsa.key.pem"],
      new RegExp(
        `${garbage.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} .*; pass a PEM or DER certificate to --certificate$`,
      ),
    ],
    [
      "wrong passphrase",
      [
        "--certificate",
        "pki/client-rsa.cert.pem",
        "--private-key",
        "pki/client-rsa.key.enc-pkcs8.pem",
        "--passphrase-file",
        passwordFile,
      ],
      /the passphrase from --passphrase-file .*wrong-password\.txt does not decrypt private key pki\/client-rsa\.key\.enc-pkcs8\.pem; check the passphrase$/,
    ],
    [
      "unsupported key type (Ed25519)",
      [
        "--certificate",
        join(OWN_FIXTURES, "ed25519.cert.pem"),
        "--private-key",
        join(OWN_FIXTURES, "ed25519.key.pem"),
      ],
      /ed25519\.cert\.pem has a public key IAM Roles Anywhere cannot use \(Ed25519\)/,
    ],
    [
      "key of another certificate",
      ["--certificate", "pki/client-ec-p256.cert.pem", "--private-key", "pki/client-rsa.key.pem"],
      /private key pki\/client-rsa\.key\.pem does not match certificate pki\/client-ec-p256\.cert\.pem/,
    ],
  ];
  for (const [name, args, line] of table) {
    const before = endpoint.received.length;
    const run = await runCli(["credential-process", ...args, ...ARNS, "--endpoint", endpoint.url]);
    assertOneLineFailure(run, new RegExp(`^${PREFIX}cannot load the signing material: .*${line.source}`));
    assert.equal(endpoint.received.length, before, `${name}: nothing sent`);
    for (const secret of ["not-the-password", "PRIVATE KEY"]) assert.ok(!run.stderr.includes(secret), name);
  }
  assert.equal(table.length, 7);
});

test("AWS's helper flags for system stores and TPM keys: exit 1, one line saying why and what to use instead", async () => {
  const table: [string, string[], RegExp][] = [
    [
      "credential-process",
      ["--cert-selector", "Key=x509Subject,Value=CN=host"],
      /Windows certificate store or the macOS Keychain/,
    ],
    ["credential-process", ["--tpm-key-password=secret"], /TPM 2\.0 \(TSS2\) keys/],
    ["sign-string", ["--system-store-name", "MY"], /Windows certificate store/],
    ["read-certificate-data", ["--use-latest-expiring-certificate"], /macOS Keychain/],
    ["serve", ["--no-tpm-key-password"], /tpm2-pkcs11/],
    ["update", ["--cert-selector", "Key=x509Serial,Value=01"], /--certificate, --private-key/],
  ];
  for (const [command, flags, why] of table) {
    const run = await runCli([command, ...flags, ...ARNS]);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout.length, 0);
    assert.equal(run.stderr.split("\n").length, 2, `one line: ${JSON.stringify(run.stderr)}`);
    const flag = flags[0]!.split("=")[0]!;
    assert.ok(run.stderr.startsWith(`anchorage ${command}: ${flag} `), run.stderr);
    assert.match(run.stderr, why);
    assert.ok(!run.stderr.includes("secret"), "the TPM password is not echoed");
  }
});

test("usage errors are one line too: an unknown flag, a duration that is not a number, a missing ARN", async () => {
  assertOneLineFailure(
    await runCli(["credential-process", "--certificat", "x"]),
    /^anchorage credential-process: Unknown option '--certificat'; run anchorage credential-process --help$/,
  );
  assertOneLineFailure(
    await runCli(["credential-process", ...ARNS, "--session-duration", "1h"]),
    'invalid configuration: --session-duration "1h" is not a whole number of seconds',
  );
  assertOneLineFailure(
    await runCli(["credential-process", "--certificate", "pki/client-rsa.cert.pem", ...ARNS.slice(2)]),
    "invalid configuration: --trust-anchor-arn is required (arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>)",
  );
  assertOneLineFailure(
    await runCli(["credential-process", ...ARNS, "--private-key", "pki/client-rsa.key.pem"]),
    "cannot load the signing material: no certificate given; pass --certificate",
  );
});
