// REAL PEERS for `anchorage serve`: the AWS CLI finds the IMDSv2 endpoint through
// AWS_EC2_METADATA_SERVICE_ENDPOINT and the ECS endpoint through AWS_CONTAINER_CREDENTIALS_FULL_URI +
// AWS_CONTAINER_AUTHORIZATION_TOKEN, then signs `sts get-caller-identity`; @aws-sdk/credential-providers'
// fromInstanceMetadata(), fromContainerMetadata() and fromHttp() do the same in process. The test
// endpoint verifies CreateSession's X.509 signature and the STS call's SigV4 signature.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromContainerMetadata, fromHttp, fromInstanceMetadata } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { ACCOUNT, ROLE_ARN, startPeerEndpoint } from "./client-peer-endpoint.js";
import type { PeerEndpoint } from "./client-peer-endpoint.js";
import { ARN_ARGS, eventually, pki, rawRequest, startServe } from "./serve-harness.js";
import type { ServeProcess } from "./serve-harness.js";

const AWS = spawnSync("aws", ["--version"], { encoding: "utf8" });
const noAwsCli = AWS.status === 0 ? false : "the AWS CLI (aws) is not installed";

let endpoint: PeerEndpoint;
let serve: ServeProcess;
let home: string;
let ecs: { uri: string; token: string };
before(async () => {
  endpoint = await startPeerEndpoint();
  home = mkdtempSync(join(tmpdir(), "anchorage-serve-peers-"));
  serve = await startServe([
    "--certificate",
    pki("client-rsa.cert.pem"),
    "--private-key",
    pki("client-rsa.key.pem"),
    "--intermediates",
    pki("chain-intermediate.pem"),
    ...ARN_ARGS,
    "--endpoint",
    endpoint.url,
    "--port",
    "0",
    "--ecs",
  ]);
  await eventually(
    () => serve.stdout().includes("AWS_CONTAINER_AUTHORIZATION_TOKEN="),
    5000,
    "the ECS lines",
  );
  const uri = /^export AWS_CONTAINER_CREDENTIALS_FULL_URI=(\S+)$/m.exec(serve.stdout())?.[1];
  const token = /^export AWS_CONTAINER_AUTHORIZATION_TOKEN=(\S+)$/m.exec(serve.stdout())?.[1];
  assert.ok(uri !== undefined && token !== undefined, serve.stdout());
  ecs = { uri, token };
});
after(async () => {
  await serve?.stop();
  await endpoint?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

const EXPECTED_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/test-role/4098`;

async function aws(
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  writeFileSync(join(home, "config"), "[default]\nregion = us-east-1\n");
  writeFileSync(join(home, "credentials"), "");
  const child = spawn(
    "aws",
    ["sts", "get-caller-identity", "--endpoint-url", endpoint.url, "--output", "json"],
    {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: home,
        AWS_CONFIG_FILE: join(home, "config"),
        AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
        ...(process.env.PYENV_ROOT ? { PYENV_ROOT: process.env.PYENV_ROOT } : {}),
        ...env,
      },
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const [status] = (await once(child, "close")) as [number | null];
  return { status, stdout, stderr };
}

test(
  "the AWS CLI gets credentials from the IMDSv2 endpoint (AWS_EC2_METADATA_SERVICE_ENDPOINT)",
  { skip: noAwsCli },
  async () => {
    const from = endpoint.log.length;
    const run = await aws({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `${serve.origin}/` });
    assert.equal(run.status, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { Arn: string }).Arn, EXPECTED_ARN);
    assert.deepEqual(
      endpoint.log.slice(from).map((l) => l.replace(/ASIA\w+/, "ASIA…")),
      ["STS: GetCallerIdentity by ASIA…"],
    );
  },
);

test(
  "the AWS CLI gets credentials from the ECS endpoint (full URI + authorization token)",
  { skip: noAwsCli },
  async () => {
    const run = await aws({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.uri,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: ecs.token,
      AWS_EC2_METADATA_DISABLED: "true",
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { Arn: string }).Arn, EXPECTED_ARN);
    const wrong = await aws({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.uri,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: `${ecs.token}x`,
      AWS_EC2_METADATA_DISABLED: "true",
    });
    assert.notEqual(wrong.status, 0, "a wrong token gets no credentials");
  },
);

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

const callerArn = async (credentials: AwsCredentialIdentityProvider) =>
  (
    await new STSClient({ region: "us-east-1", endpoint: endpoint.url, credentials, maxAttempts: 1 }).send(
      new GetCallerIdentityCommand({}),
    )
  ).Arn;

test("@aws-sdk/credential-providers: fromInstanceMetadata() through AWS_EC2_METADATA_SERVICE_ENDPOINT", async () => {
  const arn = await withEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `${serve.origin}/` }, async () => {
    const provider = fromInstanceMetadata({ maxRetries: 0, timeout: 5000 });
    const credentials = await provider();
    assert.ok(endpoint.minted.has(credentials.accessKeyId));
    assert.ok(credentials.expiration instanceof Date && credentials.expiration.getTime() > Date.now());
    return callerArn(provider);
  });
  assert.equal(arn, EXPECTED_ARN);
});

test("@aws-sdk/credential-providers: fromContainerMetadata() and fromHttp() through the ECS endpoint", async () => {
  const arn = await withEnv(
    { AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.uri, AWS_CONTAINER_AUTHORIZATION_TOKEN: ecs.token },
    async () => callerArn(fromContainerMetadata({ maxRetries: 0, timeout: 5000 })),
  );
  assert.equal(arn, EXPECTED_ARN);
  assert.equal(
    await callerArn(
      fromHttp({ awsContainerCredentialsFullUri: ecs.uri, awsContainerAuthorizationToken: ecs.token }),
    ),
    EXPECTED_ARN,
  );
  await assert.rejects(
    fromHttp({
      awsContainerCredentialsFullUri: ecs.uri,
      awsContainerAuthorizationToken: "wrong",
      maxRetries: 0,
    })(),
    /401|Unauthorized|Authorization/i,
  );
});

test("the ECS endpoint: only GET with the exact token; the document has the SDK's four fields", async () => {
  const path = new URL(ecs.uri).pathname;
  const none = await rawRequest(serve.port, "GET", path);
  assert.equal(none.statusLine, "HTTP/1.1 401 Unauthorized");
  const ok = await rawRequest(serve.port, "GET", path, [["Authorization", ecs.token]]);
  assert.equal(ok.statusLine, "HTTP/1.1 200 OK");
  const doc = JSON.parse(ok.body) as Record<string, string>;
  assert.deepEqual(Object.keys(doc), ["AccessKeyId", "SecretAccessKey", "Token", "Expiration", "RoleArn"]);
  assert.equal(doc.RoleArn, ROLE_ARN);
  assert.equal(
    (await rawRequest(serve.port, "POST", path, [["Authorization", ecs.token]])).statusLine,
    "HTTP/1.1 405 Method Not Allowed",
  );
  assert.doesNotMatch(serve.stderr(), new RegExp(ecs.token), "the token is printed on stdout only");
});
