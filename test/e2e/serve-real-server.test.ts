// REAL PEERS, REAL SERVER: `anchorage server` (CreateSession, STS) seeded through its own control
// plane; the AWS CLI and the SDK's credential providers get credentials from `anchorage serve`
// (IMDSv2 and ECS), from `anchorage update` (the shared credentials file) and from
// `credential-process --cache`, and the server's STS answers get-caller-identity with them. A
// rotated certificate reaches the server without restarting serve. (Expiry and an endpoint going
// down need credentials that live seconds: serve-failures.test.ts uses the verifying test endpoint.)
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromContainerMetadata, fromHttp, fromInstanceMetadata } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { AWS_CLI_MISSING, runAwsCli } from "./aws-cli.fixture.js";
import { runCli } from "./client-harness.js";
import { eventually } from "./eventually.js";
import { RSA_MATERIAL, pki, rawRequest, startAnchorageServer, startServe } from "./serve-harness.js";
import type { RealServer, ServeProcess } from "./serve-harness.js";

let server: RealServer;
let home: string;
const cleanups: (() => unknown)[] = [];
before(async () => {
  server = await startAnchorageServer();
  home = mkdtempSync(join(tmpdir(), "anchorage-real-peers-"));
});
after(async () => {
  for (const c of cleanups.reverse()) await c();
  await server?.stop();
  rmSync(home, { recursive: true, force: true });
});

const sessionArn = (serial: string) =>
  new RegExp(`^arn:aws:sts::${server.account}:assumed-role/test-role/${serial}$`);

/** `aws sts get-caller-identity` with `env` (and no config or credentials file); the ARN on success. */
async function aws(env: Record<string, string>): Promise<{ status: number; arn?: string; stderr: string }> {
  const run = await runAwsCli(
    ["sts", "get-caller-identity", "--endpoint-url", server.url, "--region", "us-east-1", "--output", "json"],
    {
      HOME: home,
      AWS_CONFIG_FILE: join(home, "no-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(home, "no-credentials"),
      // botocore gives IMDS 1 s and one attempt by default; a busy machine needs more.
      AWS_METADATA_SERVICE_TIMEOUT: "5",
      AWS_METADATA_SERVICE_NUM_ATTEMPTS: "3",
      ...env,
    },
  );
  return {
    status: run.code,
    stderr: run.stderr,
    ...(run.code === 0 ? { arn: (JSON.parse(run.stdout) as { Arn: string }).Arn } : {}),
  };
}

const callerArn = async (credentials: AwsCredentialIdentityProvider) =>
  (
    await new STSClient({ region: "us-east-1", endpoint: server.url, credentials, maxAttempts: 1 }).send(
      new GetCallerIdentityCommand({}),
    )
  ).Arn;

async function serveOn(material: readonly string[], extra: string[] = []): Promise<ServeProcess> {
  const serve = await startServe([
    ...material,
    ...server.arnArgs,
    "--endpoint",
    server.url,
    "--port",
    "0",
    ...extra,
  ]);
  cleanups.push(() => serve.stop());
  return serve;
}

/** Runs `fn` with process.env changed (the SDK providers read it at call time), then restores it. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test(
  "serve: the AWS CLI (IMDSv2) and fromInstanceMetadata() get credentials the server's STS accepts",
  { skip: AWS_CLI_MISSING },
  async () => {
    const serve = await serveOn(RSA_MATERIAL);
    const run = await aws({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `${serve.origin}/` });
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.arn!,
      sessionArn("1002"),
      "the session name is the certificate's serial (client-rsa: 0x1002)",
    );
    const arn = await withEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `${serve.origin}/` }, () =>
      callerArn(fromInstanceMetadata({ maxRetries: 0, timeout: 5000 })),
    );
    assert.equal(arn, run.arn);
  },
);

test(
  "serve --ecs: the AWS CLI, fromContainerMetadata() and fromHttp() through the container endpoint",
  { skip: AWS_CLI_MISSING },
  async () => {
    const serve = await serveOn(RSA_MATERIAL, ["--ecs"]);
    await eventually(
      () => serve.stdout().includes("AWS_CONTAINER_AUTHORIZATION_TOKEN="),
      5000,
      "the ECS lines",
    );
    const uri = /^export AWS_CONTAINER_CREDENTIALS_FULL_URI=(\S+)$/m.exec(serve.stdout())![1]!;
    const token = /^export AWS_CONTAINER_AUTHORIZATION_TOKEN=(\S+)$/m.exec(serve.stdout())![1]!;
    const run = await aws({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: uri,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
      AWS_EC2_METADATA_DISABLED: "true",
    });
    assert.equal(run.status, 0, run.stderr);
    const viaContainer = await withEnv(
      { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri, AWS_CONTAINER_AUTHORIZATION_TOKEN: token },
      () => callerArn(fromContainerMetadata({ maxRetries: 0, timeout: 5000 })),
    );
    const viaHttp = await callerArn(
      fromHttp({ awsContainerCredentialsFullUri: uri, awsContainerAuthorizationToken: token, timeout: 5000 }),
    );
    assert.deepEqual([viaContainer, viaHttp], [run.arn, run.arn]);
    const wrong = await aws({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: uri,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: `${token}x`,
      AWS_EC2_METADATA_DISABLED: "true",
    });
    assert.notEqual(wrong.status, 0, "a wrong token gets no credentials");
    await assert.rejects(
      fromHttp({
        awsContainerCredentialsFullUri: uri,
        awsContainerAuthorizationToken: "wrong",
        maxRetries: 0,
        timeout: 5000,
      })(),
      /401|Unauthorized|Authorization/i,
    );
    // The document: the SDK's four fields and the role; only GET; the token never in the log.
    const path = new URL(uri).pathname;
    assert.equal((await rawRequest(serve.port, "GET", path)).statusLine, "HTTP/1.1 401 Unauthorized");
    const ok = await rawRequest(serve.port, "GET", path, [["Authorization", token]]);
    assert.deepEqual(Object.keys(JSON.parse(ok.body) as object), [
      "AccessKeyId",
      "SecretAccessKey",
      "Token",
      "Expiration",
      "RoleArn",
    ]);
    assert.equal((JSON.parse(ok.body) as { RoleArn: string }).RoleArn, server.roleArn);
    assert.equal(
      (await rawRequest(serve.port, "POST", path, [["Authorization", token]])).statusLine,
      "HTTP/1.1 405 Method Not Allowed",
    );
    assert.ok(!serve.stderr().includes(token), "the token is printed on stdout only");
  },
);

test("update --once: the AWS CLI signs with the profile it wrote", { skip: AWS_CLI_MISSING }, async () => {
  const file = join(home, "credentials");
  writeFileSync(file, "# mine\n[other]\naws_access_key_id = AKIAOTHER\n", { mode: 0o600 });
  const run = await runCli(
    ["update", ...RSA_MATERIAL, ...server.arnArgs, "--endpoint", server.url, "--once", "--profile", "ra"],
    {
      env: { HOME: home, AWS_SHARED_CREDENTIALS_FILE: file },
    },
  );
  assert.equal(run.status, 0, run.stderr);
  const cli = await aws({
    AWS_SHARED_CREDENTIALS_FILE: file,
    AWS_PROFILE: "ra",
    AWS_EC2_METADATA_DISABLED: "true",
  });
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.arn!, sessionArn("1002"));
});

test("credential-process --cache: 50 runs make 1 CreateSession at the server (its quota is 10 per second)", async () => {
  const before = server.sessionsCreated();
  const env = { HOME: home, XDG_CACHE_HOME: join(home, "cache") };
  const outputs = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const run = await runCli(
      ["credential-process", ...RSA_MATERIAL, ...server.arnArgs, "--endpoint", server.url, "--cache"],
      { env },
    );
    assert.equal(run.status, 0, run.stderr);
    outputs.add(run.stdout.toString());
  }
  await eventually(() => server.sessionsCreated() > before, 5000, "the server's log line");
  assert.equal(server.sessionsCreated() - before, 1);
  assert.equal(outputs.size, 1);
});

test(
  "a rotated certificate reaches the server without restarting serve (the session name is the new serial)",
  { skip: AWS_CLI_MISSING },
  async () => {
    const dir = join(home, "rotating");
    mkdirSync(dir);
    copyFileSync(pki("client-rsa.cert.pem"), join(dir, "c.pem"));
    copyFileSync(pki("client-rsa.key.pem"), join(dir, "c.key"));
    const serve = await serveOn([
      "--certificate",
      join(dir, "c.pem"),
      "--private-key",
      join(dir, "c.key"),
      "--intermediates",
      pki("chain-intermediate.pem"),
    ]);
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: `${serve.origin}/` };
    const first = await aws(env);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.arn!, sessionArn("1002"));
    const before = server.sessionsCreated();
    copyFileSync(pki("client-ec-p256.key.pem"), join(dir, ".c.key.new"));
    copyFileSync(pki("client-ec-p256.cert.pem"), join(dir, ".c.pem.new"));
    renameSync(join(dir, ".c.key.new"), join(dir, "c.key"));
    renameSync(join(dir, ".c.pem.new"), join(dir, "c.pem"));
    await eventually(
      () => server.sessionsCreated() > before,
      10_000,
      "a CreateSession with the new certificate",
    );
    await eventually(
      async () => {
        const run = await aws(env);
        return run.status === 0 && run.arn !== first.arn;
      },
      20_000,
      "the new session",
    );
    const second = await aws(env);
    assert.match(second.arn!, sessionArn("1003"), "the server saw client-ec-p256's serial, 0x1003");
    assert.equal(serve.child.exitCode, null);
  },
);
