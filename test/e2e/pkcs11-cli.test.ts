// PKCS#11 keys through the CLI (a SoftHSM2 token): `credential-process` with pkcs11: URIs sends the
// helper vector's exact request, the AWS CLI signs with credentials from a token-backed
// credential_process, `serve` serves them; PIN errors; the native binding is loaded only for pkcs11:
// URIs (a load hook forbidding pkcs11js stops such a run, and only such a run).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import type { SoftHsmToken } from "../../scripts/softhsm.mjs";
import { AWS_CLI_MISSING, runAwsCli } from "./aws-cli.fixture.js";
import { BIN, helperCases, PINNED, runCli, startEndpoint } from "./client-harness.js";
import type { Endpoint } from "./client-harness.js";
import { startPeerEndpoint } from "./client-peer-endpoint.js";
import type { PeerEndpoint } from "./client-peer-endpoint.js";
import { makeToken, pki, uri } from "./pkcs11-harness.js";
import {
  ARN_ARGS,
  imdsCredentials,
  imdsToken,
  RSA_MATERIAL,
  startAnchorageServer,
  startServe,
} from "./serve-harness.js";

const vector = helperCases("vectors.json").find((c) => c.id === "rsa-with-intermediate")!;

let token: SoftHsmToken;
let mock: Endpoint;
let peer: PeerEndpoint;
let home: string;
before(async () => {
  token = makeToken();
  home = mkdtempSync(join(tmpdir(), "anchorage-pkcs11-cli-"));
  const answer = vector.requests[0]!.mockResponse;
  mock = await startEndpoint(
    () => ({ status: answer.status, headers: answer.headers, body: answer.body }),
    18443,
  );
  peer = await startPeerEndpoint();
});
after(async () => {
  await mock?.close();
  await peer?.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(token.dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({ ...token.env, ...extra });
const tokenArgs = (endpoint: string, extra: string[] = []) => [
  "credential-process",
  "--certificate",
  uri("01", "cert"),
  "--private-key",
  uri("01", "private"),
  "--intermediates",
  pki("chain-intermediate.pem"),
  "--pkcs11-lib",
  token.module,
  ...ARN_ARGS,
  "--endpoint",
  endpoint,
  "--region",
  "us-east-1",
  ...extra,
];

test("credential-process with the key on the token sends what it sends with the key file, byte for byte", async () => {
  const pinned = env({ ANCHORAGE_FAKE_NOW: PINNED, ANCHORAGE_PKCS11_PIN: "1234" });
  const before = mock.received.length;
  const onToken = await runCli(tokenArgs(mock.url), { env: pinned });
  assert.equal(onToken.stderr, "");
  assert.equal(onToken.status, 0);
  const withFiles = await runCli(
    tokenArgs(mock.url).map((a) =>
      a === uri("01", "cert")
        ? pki("client-rsa.cert.pem")
        : a === uri("01", "private")
          ? pki("client-rsa.key.pem")
          : a,
    ),
    { env: pinned },
  );
  assert.equal(withFiles.status, 0, withFiles.stderr);
  assert.deepEqual(onToken.stdout, Buffer.from(vector.result.stdoutBase64, "base64"), "the helper's stdout");
  assert.deepEqual(onToken.stdout, withFiles.stdout);
  const [token, files] = mock.received.slice(before);
  assert.deepEqual(token!.raw, files!.raw, "the same request bytes, the RSA signature included");
  if (mock.port === 18443) {
    // On the recorded port the signature is the recorded one too.
    const authorization = token!.rawHeaders.find(([n]) => n === "Authorization")![1];
    assert.equal(authorization, vector.expect!.authorizationHeader);
  }
});

test(
  "the AWS CLI signs sts get-caller-identity at anchorage server with a token-backed credential_process",
  { skip: AWS_CLI_MISSING },
  async () => {
    const real = await startAnchorageServer();
    try {
      const args = tokenArgs(real.url).map((a) => (a.startsWith("pkcs11:") ? `"${a}"` : a));
      args.splice(args.indexOf("--trust-anchor-arn"), 6, ...real.arnArgs);
      writeFileSync(
        join(home, "config"),
        `[profile hsm]\nregion = us-east-1\ncredential_process = ${[process.execPath, BIN, ...args].join(" ")}\n`,
      );
      const run = await runAwsCli(
        ["sts", "get-caller-identity", "--endpoint-url", real.url, "--output", "json"],
        {
          HOME: home,
          AWS_CONFIG_FILE: join(home, "config"),
          AWS_SHARED_CREDENTIALS_FILE: join(home, "none"),
          AWS_PROFILE: "hsm",
          AWS_EC2_METADATA_DISABLED: "true",
          ANCHORAGE_PKCS11_PIN: "1234",
          ...token.env,
        },
      );
      assert.equal(run.code, 0, run.stderr);
      assert.equal(
        (JSON.parse(run.stdout) as { Arn: string }).Arn,
        `arn:aws:sts::${real.account}:assumed-role/test-role/1002`,
      );
      assert.equal(real.sessionsCreated(), 1);
    } finally {
      await real.stop();
    }
  },
);

test("PIN errors: none available (no terminal) and a wrong one; one line each, no PIN shown", async () => {
  const none = await runCli(tokenArgs(peer.url), { env: env() });
  assert.equal(none.status, 1);
  assert.equal(
    none.stderr,
    "anchorage credential-process: cannot load the signing material: PKCS#11 token anchorage-test needs its user PIN; put pin-value or pin-source in the URI, or set ANCHORAGE_PKCS11_PIN\n",
  );
  const wrong = await runCli(tokenArgs(peer.url), { env: env({ ANCHORAGE_PKCS11_PIN: "9999" }) });
  assert.equal(wrong.status, 1);
  assert.match(
    wrong.stderr,
    /the PIN from ANCHORAGE_PKCS11_PIN is wrong for PKCS#11 token anchorage-test \(CKR_PIN_INCORRECT\)/,
  );
  assert.ok(!wrong.stderr.includes("9999"));
  const pinFile = join(home, "pin");
  writeFileSync(pinFile, "1234\n", { mode: 0o600 });
  const fromFile = await runCli(
    tokenArgs(peer.url).map((a) =>
      a === uri("01", "private") ? uri("01", "private", `pin-source=file:${pinFile}`) : a,
    ),
    { env: env() },
  );
  assert.equal(fromFile.status, 0, fromFile.stderr);
});

test("serve with the key on the token answers IMDS with credentials", async () => {
  const serve = await startServe(
    [...tokenArgs(peer.url).slice(1), "--port", "0"],
    env({ ANCHORAGE_PKCS11_PIN: "1234" }),
  );
  try {
    const creds = await imdsCredentials(serve.port, await imdsToken(serve.port));
    assert.equal(creds.status, "HTTP/1.1 200 OK");
    assert.ok(peer.minted.has(creds.json!.AccessKeyId!));
  } finally {
    assert.equal(await serve.stop(), 0);
  }
});

test("a load hook forbidding pkcs11js stops a pkcs11: run and only that one", async () => {
  const hook = join(home, "forbid-pkcs11js.mjs");
  writeFileSync(
    hook,
    `import { createRequire } from "node:module";
const Module = createRequire(import.meta.url)("node:module");
const load = Module._load;
Module._load = function (request) {
  if (/^pkcs11js(\\/|$)/.test(request)) throw new Error("forbidden module: " + request);
  return load.apply(this, arguments);
};`,
  );
  const nodeArgs = ["--import", pathToFileURL(hook).href];
  const files = await runCli(["credential-process", ...RSA_MATERIAL, ...ARN_ARGS, "--endpoint", peer.url], {
    nodeArgs,
  });
  assert.equal(files.status, 0, files.stderr);
  const onToken = await runCli(tokenArgs(peer.url), { nodeArgs, env: env({ ANCHORAGE_PKCS11_PIN: "1234" }) });
  assert.equal(onToken.status, 1);
  assert.match(onToken.stderr, /PKCS#11 support needs the npm package pkcs11js .*forbidden module: pkcs11js/);
});
