// `anchorage credential-process` must start fast: it may load node built-ins and its own bundle
// (sigv4-x509, key loading, the CreateSession client), nothing heavy. A `--import` hook makes any
// load of a forbidden package throw, through both loaders (ES module resolve hook and CommonJS
// Module._load), and lists every file loaded.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  argValue,
  BIN,
  helperCases,
  PINNED,
  REPO,
  runCli,
  startEndpoint,
  withEndpoint,
} from "./client-harness.js";
import type { Endpoint } from "./client-harness.js";

/**
 * Never on the credential-process path (commander included: the fast path parses with util.parseArgs;
 * pkcs11js, the native PKCS#11 binding, only for pkcs11: URIs: see pkcs11-cli.test.ts).
 */
const FORBIDDEN =
  "^(fastify|kysely|pg|better-sqlite3|pino|@peculiar/.*|commander|@smithy/.*|@aws-sdk/.*|pkcs11js)(/|$)";

const RESOLVE_HOOK = `
const forbidden = new RegExp(${JSON.stringify(FORBIDDEN)});
export async function resolve(specifier, context, next) {
  if (forbidden.test(specifier)) throw new Error("forbidden module on the credential-process path: " + specifier);
  return next(specifier, context);
}`;

const HOOK = `
import { register, createRequire } from "node:module";
import { appendFileSync } from "node:fs";
const forbidden = new RegExp(${JSON.stringify(FORBIDDEN)});
const log = process.env.ANCHORAGE_TEST_LOAD_LOG;
register("data:text/javascript," + encodeURIComponent(${JSON.stringify(RESOLVE_HOOK)}));
const Module = createRequire(import.meta.url)("node:module");
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (forbidden.test(request)) throw new Error("forbidden module on the credential-process path: " + request);
  const loaded = load.apply(this, arguments);
  if (log) appendFileSync(log, (Module.isBuiltin(request) ? "builtin " : "file ") + (Module.isBuiltin(request) ? request : Module._resolveFilename(request, parent, isMain)) + "\\n");
  return loaded;
};
if (log) process.on("exit", () => appendFileSync(log, process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => "native " + m.slice(13) + "\\n").join("")));
`;

let dir: string;
let hookArgs: string[];
let endpoint: Endpoint;
const vector = helperCases("vectors.json").find((c) => c.id === "rsa-with-intermediate")!;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "anchorage-hot-path-"));
  const hook = join(dir, "forbid-heavy-modules.mjs");
  writeFileSync(hook, HOOK);
  hookArgs = ["--import", pathToFileURL(hook).href];
  endpoint = await startEndpoint(() => {
    const r = vector.requests[0]!.mockResponse;
    return { status: r.status, headers: r.headers, body: r.body };
  });
});
after(async () => {
  await endpoint.close();
  rmSync(dir, { recursive: true, force: true });
});

test("credential-process against a local endpoint loads no forbidden module, only the launcher, its CommonJS bundle and node built-ins", async () => {
  const log = join(dir, "loads.txt");
  const run = await runCli(withEndpoint(vector.argv, endpoint.url), {
    nodeArgs: hookArgs,
    env: { ANCHORAGE_FAKE_NOW: PINNED, ANCHORAGE_TEST_LOAD_LOG: log },
  });
  assert.equal(run.stderr, "");
  assert.equal(run.status, 0);
  assert.deepEqual(run.stdout, Buffer.from(vector.result.stdoutBase64, "base64"));
  const loads = readFileSync(log, "utf8").trim().split("\n");
  const files = loads.filter((l) => l.startsWith("file ")).map((l) => l.slice(5).replace(REPO, ""));
  // The launcher is the only file node's module loader loads: it compiles the CommonJS bundle itself
  // (with a V8 code cache beside it), and the bundle requires nothing but node built-ins.
  assert.deepEqual(files, ["packages/cli/bin/anchorage.js"], "the launcher, nothing else through require()");
  const bundleDir = join(REPO, "packages/cli/dist/bundle");
  assert.ok(
    readdirSync(bundleDir).some((f) => /^credential-process\.cjs\.[0-9a-f]{24}\.v8cache$/.test(f)),
    "a code cache was written beside the bundle",
  );
  const natives = new Set(loads.filter((l) => l.startsWith("native ")).map((l) => l.slice(7)));
  assert.ok(natives.has("crypto") && natives.has("http"), [...natives].join(", "));
  for (const lazy of ["https", "tls", "zlib", "child_process", "fs/promises"]) {
    assert.ok(!natives.has(lazy), `node:${lazy} is not loaded for a plain-http, uncompressed exchange`);
  }
});

test("the hook does bite: a PKCS#12 bundle (whose reader uses @peculiar/*) fails under it", async () => {
  const args = [
    "credential-process",
    "--certificate",
    join(REPO, "packages/credential-provider/src/fixtures/client-rsa.p12"),
    "--pkcs8-password",
    "test-password",
    ...["--trust-anchor-arn", "--profile-arn", "--role-arn"].flatMap((f) => [
      f,
      argValue(vector.argv, f.slice(2))!,
    ]),
    "--endpoint",
    endpoint.url,
  ];
  const run = await runCli(args, { nodeArgs: hookArgs, env: { ANCHORAGE_FAKE_NOW: PINNED } });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /forbidden module on the credential-process path: @peculiar\//);
  const plain = await runCli(["version"], { nodeArgs: hookArgs });
  assert.equal(plain.status, 1, "the commander path is refused too");
  assert.match(plain.stderr, /forbidden module on the credential-process path: commander/);
});

test("the launcher is the file the package's bins point at", () => {
  const pkg = JSON.parse(readFileSync(join(REPO, "packages/cli/package.json"), "utf8")) as {
    bin: Record<string, string>;
  };
  assert.deepEqual(pkg.bin, { anchorage: "bin/anchorage.js", aws_signing_helper: "bin/anchorage.js" });
  assert.equal(BIN, join(REPO, "packages/cli/bin/anchorage.js"));
});

test("a damaged code cache is rejected by V8 and rewritten; the run is unaffected", async () => {
  const bundleDir = join(REPO, "packages/cli/dist/bundle");
  const warm = await runCli(withEndpoint(vector.argv, endpoint.url), { env: { ANCHORAGE_FAKE_NOW: PINNED } });
  assert.equal(warm.status, 0, warm.stderr);
  const cache = readdirSync(bundleDir).find((f) => f.endsWith(".v8cache"));
  assert.ok(cache !== undefined);
  const path = join(bundleDir, cache);
  writeFileSync(path, Buffer.alloc(4096, 0x5a));
  const run = await runCli(withEndpoint(vector.argv, endpoint.url), { env: { ANCHORAGE_FAKE_NOW: PINNED } });
  assert.equal(run.stderr, "");
  assert.equal(run.status, 0);
  assert.deepEqual(run.stdout, Buffer.from(vector.result.stdoutBase64, "base64"));
  assert.notDeepEqual(readFileSync(path), Buffer.alloc(4096, 0x5a), "rewritten");
});
