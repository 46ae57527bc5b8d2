// Benchmark (not a test): `npm run bench:authorize`. Prints figures; asserts nothing about time.
//
// 1. Authorizer decisions per second on one core: PolicyEngine.decide for a role session whose
//    role has ten statements with conditions and a managed session policy (compiled policies
//    cached, context keys built per decision) — what every Anchorage API call and every decision
//    API call pays on top of the policy evaluation itself (`npm run bench:policy`).
// 2. The decision API's request rate as a ratio of the server's trivial route (GET /-/health):
//    a real server (SQLite in a temporary directory) on 127.0.0.1, and a load generator in a child
//    process with keep-alive connections. Each POST /v1/authorize is SigV4-verified (the caller),
//    authorized (anchorage:Authorize), parsed, the downstream request SigV4-verified with the
//    session's secret (the sealed token opened, then cached), and decided.
//
// BENCH_SECONDS (default 5) per measurement; BENCH_CONCURRENCY (default 32) connections.
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "@anchorage/sigv4-x509";
import { createServer } from "../src/compose.ts";
import { mintRoleSession } from "../src/credentials/mint.ts";
import type { AssumedRolePrincipal } from "../src/principal.ts";
import { sessionResolver } from "../src/credentials/session-resolver.ts";
import { sealingKeyringFor } from "../src/credentials/sealing-keyring.ts";

const SECONDS = Number(process.env["BENCH_SECONDS"] ?? "5");
const CONCURRENCY = Number(process.env["BENCH_CONCURRENCY"] ?? "32");
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** The role of `bench:policy`: ten statements, Allow and Deny, wildcards, conditions, one variable. */
const ROLE_POLICY = doc(
  {
    Sid: "ReadOwnPrefix",
    Effect: "Allow",
    Action: ["s3:Get*", "s3:List*"],
    Resource: "arn:aws:s3:::data/${aws:PrincipalTag/team}/*",
  },
  {
    Sid: "WriteFromOffice",
    Effect: "Allow",
    Action: "s3:PutObject",
    Resource: "arn:aws:s3:::data/*",
    Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } },
  },
  {
    Sid: "DenyInsecure",
    Effect: "Deny",
    Action: "s3:*",
    Resource: "*",
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  },
  {
    Sid: "DenyAfterExpiry",
    Effect: "Deny",
    Action: "*",
    Resource: "*",
    Condition: { DateGreaterThan: { "aws:CurrentTime": "2099-01-01T00:00:00Z" } },
  },
  {
    Sid: "QueueAccess",
    Effect: "Allow",
    Action: ["sqs:SendMessage", "sqs:ReceiveMessage"],
    Resource: "arn:aws:sqs:*:*:app-*",
    Condition: { StringEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] } },
  },
  {
    Sid: "TablesBeforeDeadline",
    Effect: "Allow",
    Action: "dynamodb:*Item",
    Resource: "arn:aws:dynamodb:*:*:table/app-*",
    Condition: { DateLessThan: { "aws:CurrentTime": "2099-01-01T00:00:00Z" } },
  },
  {
    Sid: "DenyProdDeletes",
    Effect: "Deny",
    Action: ["s3:Delete*", "dynamodb:DeleteItem"],
    Resource: "*",
    Condition: { StringLike: { "aws:ResourceTag/env": "prod*" } },
  },
  {
    Sid: "LogsForTeam",
    Effect: "Allow",
    Action: "logs:*",
    Resource: "arn:aws:logs:*:*:log-group:/app/*",
    Condition: { StringEquals: { "aws:PrincipalTag/team": ["blue", "green"] } },
  },
  {
    Sid: "KmsViaS3",
    Effect: "Allow",
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
  },
  {
    Sid: "DenyOutsideNetwork",
    Effect: "Deny",
    NotAction: ["sts:GetCallerIdentity"],
    Resource: "*",
    Condition: { NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24", "2001:db8::/32"] } },
  },
);

interface Load {
  readonly requests: number;
  readonly errors: number;
  readonly statuses: Record<string, number>;
  readonly seconds: number;
}

function load(url: string, method: string, headers: Record<string, string>, body: string): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = fork(
      fileURLToPath(new URL("./load-client.mjs", import.meta.url)),
      [url, method, JSON.stringify(headers), body, String(CONCURRENCY), String(SECONDS)],
      { stdio: ["ignore", "pipe", "inherit", "ipc"], execArgv: [] },
    );
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("error", reject);
    child.on("close", () => resolve(JSON.parse(out) as Load));
  });
}

const rate = (l: Load) => l.requests / l.seconds;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

const dir = await mkdtemp(join(tmpdir(), "anchorage-bench-"));
const server = await createServer({
  database: `sqlite:${join(dir, "anchorage.db")}`,
  region: "us-east-1",
  log: { level: "silent" },
});
try {
  await server.app.listen({ host: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  const { store } = server;
  const account = server.bootstrap.accountId;
  const context = { store, clock: () => new Date(), random: randomBytes, accountId: account };

  // The gateway (the downstream service's own credentials) and a role session to decide for.
  await store.users.create({
    id: "AIDABENCHBENCHBENCH1",
    name: "gateway",
    path: "/",
    arn: `arn:aws:iam::${account}:user/gateway`,
  });
  await store.userPolicies.put(
    "gateway",
    "p",
    doc({ Effect: "Allow", Action: "anchorage:Authorize", Resource: "*" }),
  );
  const gate = { accessKeyId: "AKIABENCHBENCHBENCH1", secretAccessKey: randomBytes(30).toString("base64") };
  await store.accessKeys.create({
    id: gate.accessKeyId,
    userName: "gateway",
    secretAccessKey: gate.secretAccessKey,
    status: "Active",
  });
  const role = await store.roles.create({
    id: "AROABENCHBENCHBENCH1",
    name: "Worker",
    path: "/app/",
    arn: `arn:aws:iam::${account}:role/app/Worker`,
    assumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS: account }, Action: "sts:AssumeRole" }),
    maxSessionDuration: 3600,
  });
  await store.rolePolicies.put("Worker", "WorkerPolicy", ROLE_POLICY);
  const minted = await mintRoleSession(context, {
    role,
    sessionName: "host-1",
    durationSeconds: 3600,
    sessionPolicies: { managedArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
    tags: [{ key: "team", value: "blue" }],
    issuer: "bench",
  });

  // 1. In-process decisions.
  const resolved = await sessionResolver({
    keyring: sealingKeyringFor(store, { random: randomBytes, clock: context.clock }),
    accountId: account,
  })({
    accessKeyId: minted.accessKeyId,
    sessionToken: minted.sessionToken,
  });
  const caller = resolved?.principal as AssumedRolePrincipal;
  const facts = { sourceIp: "203.0.113.7", secureTransport: true, requestedRegion: "eu-west-1" };
  const questions = [
    { action: "s3:GetObject", resource: "arn:aws:s3:::data/blue/report.csv" },
    { action: "s3:PutObject", resource: "arn:aws:s3:::data/blue/new.csv" },
    { action: "s3:GetObject", resource: "arn:aws:s3:::data/red/secret.csv" },
    { action: "sqs:SendMessage", resource: `arn:aws:sqs:eu-west-1:${account}:app-jobs` },
  ].map((q) => ({ ...q, caller, request: facts }));
  const outcomes = new Map<string, number>();
  for (const q of questions) {
    const d = (await server.policies.decide(q)).decision;
    outcomes.set(d, (outcomes.get(d) ?? 0) + 1);
  }
  let decisions = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(SECONDS * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    for (let i = 0; i < 1000; i++)
      await server.policies.decide(questions[i % questions.length] ?? questions[0]!);
    decisions += 1000;
  }
  const decisionSeconds = Number(process.hrtime.bigint() - start) / 1e9;

  // 2. The decision API vs GET /-/health, over HTTP.
  const downstream = await new SignatureV4({
    credentials: {
      accessKeyId: minted.accessKeyId,
      secretAccessKey: minted.secretAccessKey,
      sessionToken: minted.sessionToken,
    },
    region: "us-east-1",
    service: "s3",
    sha256: NodeSha256,
  }).sign({
    method: "GET",
    protocol: "http:",
    hostname: "files.internal",
    path: "/data/blue/report.csv",
    headers: { host: "files.internal" },
  });
  const body = JSON.stringify({
    request: {
      method: "GET",
      path: "/data/blue/report.csv",
      headers: downstream.headers,
      payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    },
    action: "s3:GetObject",
    resource: "arn:aws:s3:::data/blue/report.csv",
    context: { "aws:SourceIp": "203.0.113.7", "aws:SecureTransport": "true" },
  });
  const target = new URL("/v1/authorize", base);
  const signedCall = await new SignatureV4({
    credentials: gate,
    region: "us-east-1",
    service: "anchorage",
    sha256: NodeSha256,
  }).sign({
    method: "POST",
    protocol: "http:",
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    headers: { host: target.host, "content-type": "application/json" },
    body,
  });
  const callHeaders = Object.fromEntries(Object.entries(signedCall.headers).map(([k, v]) => [k, String(v)]));
  const probe = await fetch(target, { method: "POST", headers: callHeaders, body });
  const probeBody = (await probe.json()) as { decision?: string };
  if (probe.status !== 200 || probeBody.decision !== "Allow") {
    throw new Error(`the decision API answered ${probe.status} ${JSON.stringify(probeBody)}`);
  }
  const health = await load(`${base}/-/health`, "GET", {}, "");
  const authorize = await load(target.href, "POST", callHeaders, body);

  console.log(`@anchorage/server decision benchmark, node ${process.version}, ${SECONDS} s per measurement`);
  console.log(
    `authorizer (PolicyEngine.decide, role with ${10} statements + session policy, one core): ` +
      `${fmt(decisions / decisionSeconds)} decisions/s (${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")})`,
  );
  console.log(
    `GET /-/health:       ${fmt(rate(health))} requests/s (${CONCURRENCY} keep-alive connections; statuses ${JSON.stringify(health.statuses)}, errors ${health.errors})`,
  );
  console.log(
    `POST /v1/authorize:  ${fmt(rate(authorize))} requests/s (statuses ${JSON.stringify(authorize.statuses)}, errors ${authorize.errors})`,
  );
  console.log(`ratio decision API / trivial route: ${(rate(authorize) / rate(health)).toFixed(2)}`);
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
