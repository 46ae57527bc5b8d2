// REAL PEER: the AWS CLI runs `anchorage credential-process` (and the `aws_signing_helper` alias) from
// a temporary AWS_CONFIG_FILE, then signs `sts get-caller-identity` with the credentials; the test
// endpoint verifies both the X.509 signature of CreateSession and the CLI's SigV4 signature.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { AWS_CLI_MISSING as skip, runAwsCli, type AwsCliRun } from "./aws-cli.fixture.js";
import { ALIAS_BIN, BIN, FIXTURES } from "./client-harness.js";
import { ACCOUNT, ROLE_ARN, startPeerEndpoint } from "./client-peer-endpoint.js";
import type { PeerEndpoint } from "./client-peer-endpoint.js";

let endpoint: PeerEndpoint;
let home: string;
before(async () => {
  endpoint = await startPeerEndpoint();
  home = mkdtempSync(join(tmpdir(), "anchorage-aws-cli-"));
});
after(async () => {
  await endpoint?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

const pki = (name: string) => join(FIXTURES, "pki", name);
const ARNS = [
  "--trust-anchor-arn",
  `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/TA`,
  "--profile-arn",
  `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/PR`,
  "--role-arn",
  ROLE_ARN,
];

/** Writes a config whose profile `ra` runs `command`, and calls `aws sts get-caller-identity` with it. */
async function awsWith(command: string): Promise<AwsCliRun> {
  const config = join(home, "config");
  writeFileSync(config, `[profile ra]\nregion = us-east-1\ncredential_process = ${command}\n`);
  writeFileSync(join(home, "credentials"), "");
  return runAwsCli(["sts", "get-caller-identity", "--endpoint-url", endpoint.url, "--output", "json"], {
    HOME: home,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
    AWS_PROFILE: "ra",
    AWS_EC2_METADATA_DISABLED: "true",
  });
}

const line = (bin: string, key: string, cert: string, extra: string[] = []) =>
  [
    process.execPath,
    bin,
    "credential-process",
    "--certificate",
    pki(cert),
    "--private-key",
    pki(key),
    ...extra,
    ...ARNS,
    "--endpoint",
    endpoint.url,
  ].join(" ");

test(
  "aws sts get-caller-identity with credential_process = node …/anchorage.js credential-process (RSA, with chain)",
  { skip },
  async () => {
    const before = endpoint.log.length;
    const out = await awsWith(
      line(BIN, "client-rsa.key.pem", "client-rsa.cert.pem", [
        "--intermediates",
        pki("chain-intermediate.pem"),
      ]),
    );
    assert.equal(out.code, 0, out.stderr);
    const identity = JSON.parse(out.stdout) as { Arn: string; Account: string; UserId: string };
    assert.deepEqual(identity, {
      UserId: "AROATEST:4098",
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/test-role/4098`,
    });
    assert.deepEqual(
      endpoint.log.slice(before).map((l) => l.replace(/ASIA\w+/, "ASIA…")),
      ["CreateSession: rsa serial 4098 duration 3600", "STS: GetCallerIdentity by ASIA…"],
    );
  },
);

test(
  "the same through the aws_signing_helper alias bin (an existing credential_process line, path changed) with an EC P-384 key",
  { skip },
  async () => {
    const before = endpoint.log.length;
    const out = await awsWith(
      line(ALIAS_BIN, "client-ec-p384.key.pem", "client-ec-p384.cert.pem", [
        "--intermediates",
        pki("chain-intermediate.pem"),
      ]),
    );
    assert.equal(out.code, 0, out.stderr);
    assert.equal(
      (JSON.parse(out.stdout) as { Arn: string }).Arn,
      `arn:aws:sts::${ACCOUNT}:assumed-role/test-role/4100`,
    );
    assert.deepEqual(
      endpoint.log.slice(before).map((l) => l.replace(/ASIA\w+/, "ASIA…")),
      ["CreateSession: ec serial 4100 duration 3600", "STS: GetCallerIdentity by ASIA…"],
    );
  },
);

test("the AWS CLI shows our one-line error when the endpoint refuses the certificate", { skip }, async () => {
  endpoint.failWith({ status: 403, type: "AccessDeniedException", message: "Untrusted signing certificate" });
  try {
    const out = await awsWith(line(BIN, "client-rsa.key.pem", "client-rsa.cert.pem"));
    assert.notEqual(out.code, 0);
    assert.match(
      out.stderr,
      /anchorage credential-process: CreateSession failed: AccessDeniedException: Untrusted signing certificate \(HTTP 403\)/,
    );
    assert.ok(!/\n\s+at /.test(out.stderr), "no stack trace");
  } finally {
    endpoint.failWith(undefined);
  }
});

test(
  "a leaf without its intermediate is refused by the verifying endpoint (the check can fail)",
  { skip },
  async () => {
    const out = await awsWith(line(BIN, "client-rsa.key.pem", "client-rsa.cert.pem"));
    assert.notEqual(out.code, 0);
    assert.match(out.stderr, /AccessDeniedException: Untrusted signing certificate/);
  },
);
