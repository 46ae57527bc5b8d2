// Benchmark (not a test): `npm run bench:sessions`. Prints figures; asserts nothing about time.
//
// CreateSession per second against a real server (SQLite in a temporary directory, the default log
// level writing JSON lines to /dev/null) on 127.0.0.1, driven by a load generator in a child
// process (load-client.mjs: keep-alive connections sending one signed request back to back), next
// to the server's trivial route GET /-/health measured in the same run, and the ratio, with the server
// process's CPU time per request (all its threads; the load generator is another process). Two chains:
// RSA-2048 leaf + RSA-2048 intermediate + RSA-2048 root, and the same with P-256. Each request is
// the same signed bytes (valid for the 5-minute skew window), so the server verifies the signature,
// validates the path, evaluates the trust policy and mints every time; the client spends nothing on
// signing. Then one profiled run (node:inspector, the server's thread) says where the time goes,
// grouped by component; the raw .cpuprofile is written for Chrome DevTools / speedscope.
//
// BENCH_SECONDS (default 5) per measurement; BENCH_CONCURRENCY (default 32) connections;
// BENCH_PROFILE=0 skips the profiled run.
import { createPrivateKey, X509Certificate } from "node:crypto";
import { openSync, closeSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { Session, type Profiler } from "node:inspector";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loadIssuance, parseCertificatePems } from "@anchorage/pki";
import { buildCreateSessionRequest, signX509Request } from "@anchorage/sigv4-x509";
import { pino } from "pino";
import { createServer } from "../src/compose.ts";
import { sessionsRuntime } from "../src/services/sessions/plugin.ts";
import { formatRate } from "../../policy/bench/measure-rate.ts";
import { requestRate, runLoad } from "./run-load.ts";

const SECONDS = Number(process.env["BENCH_SECONDS"] ?? "5");
const CONCURRENCY = Number(process.env["BENCH_CONCURRENCY"] ?? "32");
const PROFILE = process.env["BENCH_PROFILE"] !== "0";

const load = (
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string,
  seconds = SECONDS,
) => runLoad({ url, method, headers, body }, { concurrency: CONCURRENCY, seconds });
const rate = requestRate;
const fmt = formatRate;
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const dir = await mkdtemp(join(tmpdir(), "anchorage-bench-sessions-"));
const devNull = openSync("/dev/null", "w");
const server = await createServer({
  database: `sqlite:${join(dir, "anchorage.db")}`,
  region: "us-east-1",
  log: pino({ level: "info" }, pino.destination({ fd: devNull, sync: false })),
});
try {
  await server.app.listen({ host: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  const { store } = server;
  const account = server.bootstrap.accountId;
  const now = new Date();
  const { createCa, issueCertificate } = await loadIssuance();

  /** A root, an intermediate and a leaf of one key type; the anchor holds the root. */
  async function chain(keyType: "rsa2048" | "p256") {
    const root = await createCa({ keyType, subject: { CN: `Bench Root ${keyType}` }, validityDays: 30, now });
    const intermediate = await createCa({
      keyType,
      subject: { CN: `Bench Issuing ${keyType}` },
      validityDays: 20,
      now,
      pathLength: 0,
      issuer: { certPem: root.certPem, keyPem: root.keyPem },
    });
    const leaf = await issueCertificate({
      ca: { certPem: intermediate.certPem, keyPem: intermediate.keyPem },
      subject: { CN: `bench-client-${keyType}`, O: "Anchorage", OU: "bench" },
      sans: { dns: [`bench-${keyType}.example.com`] },
      keyType,
      validityDays: 10,
      now,
    });
    return { root, intermediate, leaf };
  }

  const roleArn = `arn:aws:iam::${account}:role/bench`;
  await store.roles.create({
    id: "AROABENCHSESSIONS001",
    name: "bench",
    path: "/",
    arn: roleArn,
    assumeRolePolicyDocument: doc({
      Effect: "Allow",
      Principal: { Service: "rolesanywhere.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
      Condition: {
        StringLike: { "aws:PrincipalTag/x509Subject/CN": "bench-client-*" },
        ArnLike: { "aws:SourceArn": `arn:aws:rolesanywhere:us-east-1:${account}:trust-anchor/*` },
      },
    }),
    maxSessionDuration: 3600,
  });
  const profileArn = `arn:aws:rolesanywhere:us-east-1:${account}:profile/00000000-0000-4000-8000-00000000bead`;
  await store.profiles.create({
    id: "00000000-0000-4000-8000-00000000bead",
    arn: profileArn,
    name: "bench",
    enabled: true,
    roleArns: [roleArn],
    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    durationSeconds: 3600,
    requireInstanceProperties: false,
    acceptRoleSessionName: false,
    attributeMappings: [
      { certificateField: "x509Issuer", mappingRules: [{ specifier: "*" }] },
      {
        certificateField: "x509SAN",
        mappingRules: [{ specifier: "DNS" }, { specifier: "URI" }, { specifier: "Name/*" }],
      },
      { certificateField: "x509Subject", mappingRules: [{ specifier: "*" }] },
    ],
  });

  /** A signed CreateSession for a chain, as the helper sends it (ARNs in the query, chain header). */
  async function signedRequest(keyType: "rsa2048" | "p256", n: number) {
    const c = await chain(keyType);
    const anchorId = `00000000-0000-4000-8000-00000000000${n}`;
    const trustAnchorArn = `arn:aws:rolesanywhere:us-east-1:${account}:trust-anchor/${anchorId}`;
    await store.trustAnchors.create({
      id: anchorId,
      arn: trustAnchorArn,
      name: `bench-${keyType}`,
      enabled: true,
      source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: c.root.certPem } },
      notificationSettings: [],
    });
    const request = buildCreateSessionRequest({
      endpoint: base,
      trustAnchorArn,
      profileArn,
      roleArn,
      durationSeconds: 3600,
    });
    const signed = signX509Request(request, {
      certificate: Buffer.from(new X509Certificate(c.leaf.certPem).raw),
      chain: parseCertificatePems(c.intermediate.certPem),
      privateKey: createPrivateKey(c.leaf.keyPem ?? ""),
      region: "us-east-1",
      now: new Date(),
    });
    const headers = Object.fromEntries(signed.headers.filter(([name]) => name !== "Accept-Encoding"));
    return { url: request.url.href, headers, body: request.body.toString("utf8") };
  }

  const rsa = await signedRequest("rsa2048", 1);
  const p256 = await signedRequest("p256", 2);
  await sessionsRuntime(server.app)?.caches.refresh();
  await server.policies.cache.refresh();
  for (const probe of [rsa, p256]) {
    const res = await fetch(probe.url, { method: "POST", headers: probe.headers, body: probe.body });
    if (res.status !== 201) throw new Error(`CreateSession answered ${res.status}: ${await res.text()}`);
  }

  // The machine is shared: each CreateSession run is bracketed by /-/health runs, and its ratio is
  // to their mean, so a neighbour's load skews both sides alike.
  const healthRun = () => load(`${base}/-/health`, "GET", {}, "");
  const bracket = async (probe: { url: string; headers: Record<string, string>; body: string }) => {
    const before = await healthRun();
    const run = await load(probe.url, "POST", probe.headers, probe.body);
    const after = await healthRun();
    return {
      run,
      health: (rate(before) + rate(after)) / 2,
      healthMicros: (before.cpuMicros + after.cpuMicros) / 2,
      errors: before.errors + after.errors,
    };
  };
  // Warm-up (JIT, caches), not counted.
  for (const probe of [rsa, p256]) await load(probe.url, "POST", probe.headers, probe.body, 2);
  await load(`${base}/-/health`, "GET", {}, "", 2);
  const rsaRun = await bracket(rsa);
  const p256Run = await bracket(p256);

  console.log(
    `@anchorage/server CreateSession benchmark, node ${process.version}, ${SECONDS} s per measurement, ${CONCURRENCY} keep-alive connections, load generator in its own process; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} on ${cpus().length} cores`,
  );
  for (const [name, r] of [
    ["RSA-2048 leaf + RSA-2048 intermediate", rsaRun],
    ["P-256 leaf + P-256 intermediate", p256Run],
  ] as const) {
    console.log(
      `POST /sessions, ${name.padEnd(38)}: ${fmt(rate(r.run))} requests/s (statuses ${JSON.stringify(r.run.statuses)}, errors ${r.run.errors}); GET /-/health around it ${fmt(r.health)} requests/s; ratio ${(rate(r.run) / r.health).toFixed(2)}; server CPU per request ${fmt(r.run.cpuMicros)} µs (health ${fmt(r.healthMicros)} µs)`,
    );
  }

  if (PROFILE) {
    const session = new Session();
    session.connect();
    const post = <T>(method: string, params?: object) =>
      new Promise<T>((resolve, reject) =>
        session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
      );
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 200 });
    await post("Profiler.start");
    const profiled = await load(rsa.url, "POST", rsa.headers, rsa.body);
    const { profile } = await post<{ profile: Profiler.Profile }>("Profiler.stop");
    session.disconnect();
    const file = join(tmpdir(), `anchorage-sessions-${process.pid}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.log(
      `\nwhere the server's time goes (RSA run under the profiler: ${fmt(rate(profiled))} requests/s; self time by component; ${file}):`,
    );
    for (const [component, share] of breakdown(profile)) {
      console.log(`  ${component.padEnd(48)} ${(share * 100).toFixed(1).padStart(5)} %`);
    }
  }
} finally {
  await server.close();
  closeSync(devNull);
  await rm(dir, { recursive: true, force: true });
}

/** Self time of the profile grouped by component, largest first. */
function breakdown(profile: Profiler.Profile): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const counts = new Map<number, number>();
  for (const s of profile.samples ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
  const total = profile.samples?.length ?? 1;
  const totals = new Map<string, number>();
  for (const [id, count] of counts) totals.set(component(id), (totals.get(component(id)) ?? 0) + count);
  return [...totals]
    .map(([k, v]): [string, number] => [k, v / total])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 16);

  /** The component a sample belongs to: its own frame's, or (for native frames) its caller's. */
  function component(id: number): string {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame === undefined) break;
      const { url, functionName } = frame;
      if (functionName === "(garbage collector)") return "garbage collection";
      if (functionName === "(idle)") return "idle (waiting for the network)";
      if (functionName === "(program)") return "V8 / native (program)";
      const label = classify(url, functionName);
      if (label !== undefined) return label;
    }
    return "other";
  }
}

/** The component of a frame, or undefined to attribute it to its caller (natives, node internals). */
function classify(url: string, fn: string): string | undefined {
  const rules: [RegExp, string][] = [
    [/sigv4-x509\/src\/verify\.ts/, "signature verification (node:crypto verify)"],
    [/sigv4-x509\/src\/create-session-request\.ts/, "CreateSession parameters (sigv4-x509)"],
    [/sigv4-x509\//, "request parsing, canonical request (sigv4-x509)"],
    [/\/pki\/src\//, "path validation (pki, cached)"],
    [/\/policy\/src\//, "trust policy (policy)"],
    [/server\/src\/credentials\//, "minting (claims, deflate, AES-GCM, HKDF, random)"],
    [/server\/src\/services\/sessions\//, "CreateSession pipeline (sessions/)"],
    [/server\/src\/(http|auth)\//, "http core (hooks, request ids, metrics)"],
    [/server\/src\/(store|authorization)\//, "store, policy cache"],
    [/node_modules\/(fastify|find-my-way|avvio|light-my-request|@fastify)\//, "fastify"],
    [/node_modules\/(pino|sonic-boom|@pinojs|fast-redact)/, "logging (pino)"],
    [/node_modules\/prom-client\//, "metrics (prom-client)"],
    [/node_modules\/(kysely|better-sqlite3)\//, "store, policy cache"],
    [
      /^node:(_http|net|internal\/stream|stream|internal\/http|events|internal\/streams)/,
      "node http, sockets, streams",
    ],
  ];
  for (const [pattern, label] of rules) if (pattern.test(url)) return label;
  if (fn === "writev" || fn === "writeUtf8String" || fn === "writeBuffer")
    return "node http, sockets, streams";
  return undefined;
}
