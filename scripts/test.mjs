// Runs the whole test suite with node's built-in test runner: every `*.test.ts` beside the
// sources (packages/*/src) and the end-to-end tests in test/. TypeScript is loaded through tsx,
// and workspace packages resolve to their sources via the "@anchorage/source" export condition.
//
//   node scripts/test.mjs                 # everything
//   node scripts/test.mjs packages/policy # only test files under the given paths
//
// PostgreSQL: unless every selected file is in a package that never touches a database, the run
// first provides PostgreSQL through scripts/postgres.mjs (ANCHORAGE_TEST_PG_URL when set, else a
// throwaway cluster, installing the Debian package when needed), passes its URL to the tests as
// ANCHORAGE_TEST_PG_URL, and stops it afterwards, also when the tests fail or are interrupted.
// When PostgreSQL cannot be provided, the run fails with the reason: the PostgreSQL suites never
// skip silently under `npm test`. Likewise SoftHSM2 (scripts/softhsm.mjs) for the PKCS#11 tests.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { ensurePostgres, PG_URL_VARIABLE } from "./postgres.mjs";
import { ensureSoftHsm, SOFTHSM_MODULE_VARIABLE } from "./softhsm.mjs";
import { runCommand } from "./system.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const SKIP_DIRS = new Set(["node_modules", "dist", "fixtures", ".git", ".tmp"]);
/** Packages whose tests never need a database: running only these starts no PostgreSQL. */
const DATABASE_FREE = [
  "packages/sigv4-x509/",
  "packages/policy/",
  "packages/pki/",
  "packages/credential-provider/",
];

/** Whether CI is set the way CI services set it (any value but empty, "0" or "false"). */
function isCi(environment) {
  const value = environment.CI;
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

/** The peer commands (`aws`, `openssl`) that do not run here (missing, or `--version` fails), by name. */
function missingPeers() {
  return [
    ...(runCommand("aws", ["--version"]).ok ? [] : ["the AWS CLI (aws)"]),
    ...(runCommand("openssl", ["version"]).ok ? [] : ["openssl"]),
  ];
}

function collect(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) collect(join(dir, entry.name), out);
    } else if (entry.name.endsWith(".test.ts")) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

const requested = process.argv.slice(2).map((p) => resolve(p));
const roots = requested.length > 0 ? requested : [join(root, "packages"), join(root, "test")];
const files = roots
  .flatMap((p) => (statSync(p).isDirectory() ? collect(p, []) : [p]))
  .sort()
  .map((f) => relative(root, f));
if (files.length === 0) {
  console.error(`no *.test.ts files under ${roots.map((r) => relative(root, r) || ".").join(", ")}`);
  process.exit(1);
}

const args = [
  "--conditions=@anchorage/source",
  "--import",
  "tsx",
  "--test",
  `--test-concurrency=${Math.max(2, availableParallelism())}`,
  ...files,
];
let postgres;
let child;
let interrupted;
const finish = (code) => {
  try {
    postgres?.stop();
  } finally {
    process.exit(code);
  }
};
const onSignal = (signal) => {
  interrupted = signal;
  if (child !== undefined) child.kill(signal);
  // Before the tests start, the start-up below notices `interrupted` and cleans up.
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

// Peers found on the machine, not installed: the AWS CLI (Debian's awscli package is older than the
// Roles Anywhere operations and the `endpoint_url` setting the tests use) and openssl. The tests that
// need one skip with a message when it is missing; under CI (CI set) the run fails instead, so CI
// never passes with those tests skipped.
const needsServices = !files.every((f) => DATABASE_FREE.some((dir) => f.startsWith(dir)));
if (needsServices) {
  const missing = missingPeers();
  if (missing.length > 0) {
    const list = missing.join(" and ");
    if (isCi(process.env)) {
      console.error(
        `${list}: not found or not working here; CI runs the tests that use them and never skips them.`,
      );
      console.error("Install them on the CI machine (a current AWS CLI, v1 or v2) and run again.");
      finish(1);
    }
    console.error(
      `[peers] ${list}: not found or not working here; the tests that use them will skip, saying so`,
    );
  }
}

const env = { ...process.env };
if (needsServices) {
  try {
    postgres = await ensurePostgres();
  } catch (error) {
    console.error(`PostgreSQL is required by the tests and could not be provided: ${error.message}`);
    console.error(`Install PostgreSQL (Debian: apt-get install postgresql) or set ${PG_URL_VARIABLE}.`);
    process.exit(1);
  }
  env[PG_URL_VARIABLE] = postgres.url;
  console.error(`[postgres] tests use ${postgres.url} (${postgres.source})`);
  if (interrupted !== undefined) finish(1);
}

// PKCS#11: the tests that use a token (their file names say pkcs11) need SoftHSM2; provide it (the
// Debian packages softhsm2 and opensc, installed when missing) or fail: they never skip.
if (files.some((f) => f.includes("pkcs11"))) {
  try {
    env[SOFTHSM_MODULE_VARIABLE] = ensureSoftHsm().module;
  } catch (error) {
    console.error(`SoftHSM2 is required by the PKCS#11 tests and could not be provided: ${error.message}`);
    console.error("Install it (Debian: apt-get install softhsm2 opensc) and run the tests again.");
    finish(1);
  }
  console.error(`[softhsm] tests use ${env[SOFTHSM_MODULE_VARIABLE]}`);
}

child = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env });
child.on("exit", (code, signal) => finish(signal ? 1 : (code ?? 1)));
