// Benchmark (not a test): `npm run bench:authorize`. Prints figures; asserts nothing about time.
//
// 1. Authorizer decisions per second on one core: PolicyEngine.decide for a role session whose
//    role has `bench:policy`'s ten statements with conditions (policy/bench/worker-workload.ts) and a
//    managed session policy (compiled policies cached, context keys built per decision) — what every Anchorage API call and every decision
//    API call pays on top of the policy evaluation itself (`npm run bench:policy`).
// 2. The decision API's request rate as a ratio of the server's trivial route (GET /-/health):
//    a real server (SQLite in a temporary directory) on 127.0.0.1, and a load generator in a child
//    process with keep-alive connections (run-load.ts). Each POST /v1/authorize is SigV4-verified (the caller),
//    authorized (anchorage:Authorize), parsed, the downstream request SigV4-verified with the
//    session's secret (the sealed token opened, then cached), and decided.
//
// BENCH_SECONDS (default 5) per measurement; BENCH_CONCURRENCY (default 32) connections.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "@anchorage/sigv4-x509";
import { createServer } from "../src/compose.ts";
import { mintRoleSession } from "../src/credentials/mint.ts";
import type { AssumedRolePrincipal } from "../src/principal.ts";
import { sessionResolver } from "../src/credentials/session-resolver.ts";
import { sealingKeyringFor } from "../src/credentials/sealing-keyring.ts";
import { formatRate, measureRate, tallyOutcomes } from "../../policy/bench/measure-rate.ts";
import {
  WORKER_REQUEST,
  WORKER_ROLE,
  workerQuestions,
  workerRolePolicy,
} from "../../policy/bench/worker-workload.ts";
import { requestRate, runLoad, type LoadRequest } from "./run-load.ts";

const SECONDS = Number(process.env["BENCH_SECONDS"] ?? "5");
const CONCURRENCY = Number(process.env["BENCH_CONCURRENCY"] ?? "32");
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const load = (request: LoadRequest) => runLoad(request, { concurrency: CONCURRENCY, seconds: SECONDS });
const rate = requestRate;
const fmt = formatRate;

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
    ...WORKER_ROLE,
    arn: `arn:aws:iam::${account}:role${WORKER_ROLE.path}${WORKER_ROLE.name}`,
    assumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS: account }, Action: "sts:AssumeRole" }),
    maxSessionDuration: 3600,
  });
  await store.rolePolicies.put(WORKER_ROLE.name, "WorkerPolicy", workerRolePolicy(account));
  const minted = await mintRoleSession(context, {
    role,
    sessionName: "host-1",
    durationSeconds: 3600,
    sessionPolicies: { managedArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
    tags: [{ key: "team", value: WORKER_REQUEST.team }],
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
  const { sourceIp, secureTransport, requestedRegion } = WORKER_REQUEST;
  const facts = { sourceIp, secureTransport, requestedRegion };
  // The questions that need no context keys beyond the request's facts.
  const questions = workerQuestions(account)
    .filter((q) => q.context === undefined)
    .map((q) => ({ ...q, caller, request: facts }));
  const outcomes: string[] = [];
  for (const q of questions) outcomes.push((await server.policies.decide(q)).decision);
  const decisions = await measureRate(
    async () => {
      for (let i = 0; i < 1000; i++) await server.policies.decide(questions[i % questions.length]!);
      return 1000;
    },
    { seconds: SECONDS },
  );

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
  const health = await load({ url: `${base}/-/health`, method: "GET", headers: {}, body: "" });
  const authorize = await load({ url: target.href, method: "POST", headers: callHeaders, body });

  console.log(`@anchorage/server decision benchmark, node ${process.version}, ${SECONDS} s per measurement`);
  console.log(
    `authorizer (PolicyEngine.decide, role with ${10} statements + session policy, one core): ` +
      `${fmt(decisions.perSecond)} decisions/s (${tallyOutcomes(outcomes)})`,
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
