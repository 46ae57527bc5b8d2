// `npm run conformance`: the public conformance corpora through the real CLI.
//
//   1. AWS's SigV4 test suite: the suite test files of @anchorage/sigv4-x509 (canonical request,
//      string to sign, signature) and of the server's SigV4 authentication.
//   2. x509-limbo: every applicable case (the corpus's own selection, run-limbo.mjs `classify`) is
//      written to a temporary folder and checked with `anchorage cert verify` (exit 0 = accept,
//      1 = reject, anything else = an error, which always fails); scores per category as in
//      RESULTS.md, every failure with the CLI's reason. The same cases then run in-process
//      (`npm run conformance:x509`) and every verdict must be the same: the CLI adds nothing
//      and loses nothing on the way to validatePath.
//
// Loading, selecting and scoring the limbo cases, and the per-category lines, are
// packages/pki/src/limbo-corpus.ts's (loaded through tsx), the same as the in-process run's.
//
// The corpora live beside the repository (../shared/conformance, never copied in); without them
// this says so and exits 0. Options:
//   --profile rfc5280|roles-anywhere   (default both)     --concurrency N (default CPUs, at least 2)
//   --only sigv4|limbo                 --no-build (use the existing CLI bundle)
//   --json FILE (per-case results)     --timeout-ms N (per CLI run, default 20000)
//   --filter REGEX (only limbo ids matching it)   --shared DIR (default ../shared/conformance)
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "packages", "cli", "bin", "anchorage.js");
const PROFILES = ["rfc5280", "roles-anywhere"];
const SIGV4_TESTS = [
  "packages/sigv4-x509/src/sigv4-conformance.test.ts",
  "packages/server/src/auth/sigv4-conformance.test.ts",
];

const { values: opts } = parseArgs({
  options: {
    profile: { type: "string" },
    only: { type: "string" },
    concurrency: { type: "string" },
    "timeout-ms": { type: "string", default: "20000" },
    json: { type: "string" },
    "no-build": { type: "boolean", default: false },
    filter: { type: "string" },
    shared: { type: "string" },
  },
});
const SHARED = resolve(opts.shared ?? join(ROOT, "..", "shared", "conformance"));
const LIMBO = join(SHARED, "x509-limbo");
const SIGV4 = join(SHARED, "sigv4-suite", "v4");
const filter = opts.filter === undefined ? undefined : new RegExp(opts.filter);
const die = (message) => {
  console.error(`conformance: ${message}`);
  process.exit(2);
};
if (opts.profile !== undefined && !PROFILES.includes(opts.profile))
  die(`--profile must be ${PROFILES.join(" or ")}`);
if (opts.only !== undefined && !["sigv4", "limbo"].includes(opts.only)) die("--only must be sigv4 or limbo");
const concurrency = Math.max(1, Number(opts.concurrency ?? Math.max(2, availableParallelism())));
const timeoutMs = Number(opts["timeout-ms"]);

if (!existsSync(SHARED)) {
  console.log(
    `not available: ${opts.shared ?? "../shared/conformance"} is missing (looked in ${SHARED}); nothing to run`,
  );
  process.exit(0);
}

/** Runs a command; resolves { code, signal, stdout, stderr, timedOut }. */
function run(cmd, args, { timeout = 0, cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    let timedOut = false;
    const timer =
      timeout > 0
        ? setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
          }, timeout)
        : undefined;
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

let failed = false;

// ---------------------------------------------------------------- SigV4 suite
async function sigv4() {
  if (!existsSync(SIGV4)) {
    console.log(`sigv4-suite: not available (${SIGV4} is missing)`);
    return;
  }
  console.log("AWS SigV4 test suite");
  for (const file of SIGV4_TESTS) {
    const r = await run(process.execPath, [
      "--conditions=@anchorage/source",
      "--import",
      "tsx",
      "--test",
      "--test-reporter=tap",
      file,
    ]);
    const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(r.stdout)?.[1] ?? NaN);
    const [tests, pass, fail, skipped] = [count("tests"), count("pass"), count("fail"), count("skipped")];
    const ok = r.code === 0 && fail === 0 && tests > 0;
    console.log(
      `  ${file}: ${pass}/${tests} passed${skipped ? `, ${skipped} skipped` : ""}${ok ? "" : `  FAILED (exit ${r.code})`}`,
    );
    if (!ok) {
      failed = true;
      for (const line of r.stdout.split("\n").filter((l) => /^\s*not ok /.test(l)))
        console.log(`    ${line.trim()}`);
      if (Number.isNaN(tests)) console.log(r.stderr.trim().split("\n").slice(-5).join("\n"));
    }
  }
  console.log("");
}

// ---------------------------------------------------------------- x509-limbo through the CLI
async function limboThroughCli(corpus, profile, rules, testcases, now, scratch) {
  const opts = { profile };
  const { selected, skipped } = corpus.selectLimboCases(
    rules,
    testcases,
    profile,
    (tc) => filter === undefined || filter.test(tc.id),
  );
  const t0 = Date.now();
  let done = 0;
  const results = await pool(selected, concurrency, async (tc, i) => {
    const dir = join(scratch, `${profile}-${String(i).padStart(4, "0")}`);
    mkdirSync(dir);
    const file = (name, text) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const args = [CLI, "cert", "verify", "--profile", profile];
    args.push("--anchor", file("anchors.pem", tc.trusted_certs.join("")));
    if (tc.untrusted_intermediates.length > 0)
      args.push("--chain", file("chain.pem", tc.untrusted_intermediates.join("")));
    if ((tc.crls ?? []).length > 0) args.push("--crl", file("crls.pem", tc.crls.join("")));
    if (tc.max_chain_depth != null) args.push("--max-depth", String(tc.max_chain_depth));
    args.push("--at", tc.validation_time ?? now.toISOString());
    args.push(file("leaf.pem", tc.peer_certificate));
    const start = Date.now();
    const r = await run(process.execPath, args, { timeout: timeoutMs, cwd: dir });
    const got = r.timedOut ? "TIMEOUT" : r.code === 0 ? "SUCCESS" : r.code === 1 ? "FAILURE" : "ERROR";
    const expected = rules.expectedFor(tc, opts);
    done++;
    if (process.stderr.isTTY && (done % 10 === 0 || done === selected.length))
      process.stderr.write(`  ${profile}: ${done}/${selected.length}\r`);
    // The reason: the CLI's one-line verdict on stderr (invalid (Code): …) or its error.
    const lines = r.stderr.trim().split("\n").filter(Boolean);
    const reason = lines.find((l) => l.startsWith("invalid (")) ?? lines.at(-1);
    return {
      id: tc.id,
      category: rules.category(tc.id),
      expected,
      got,
      pass: got === expected,
      exit: r.code,
      ms: Date.now() - start,
      reason: got === "SUCCESS" ? undefined : reason,
    };
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  return {
    profile,
    results,
    skipped,
    ...corpus.scoreLimbo(results, skipped, (id) => rules.category(id)),
    seconds: (Date.now() - t0) / 1000,
  };
}

function printLimbo(corpus, report) {
  console.log(
    `x509-limbo through \`anchorage cert verify\`, profile ${report.profile} (${report.scored} cases, concurrency ${concurrency}, ${report.seconds.toFixed(1)} s)`,
  );
  for (const line of corpus.formatCategoryScores(report.byCategory)) console.log(line);
  const failures = report.results.filter((r) => !r.pass);
  if (failures.length > 0) {
    console.log(`  failures (${failures.length}):`);
    for (const f of failures)
      console.log(`    ${f.id}: expected ${f.expected}, got ${f.got}${f.reason ? ` — ${f.reason}` : ""}`);
    console.log(
      "  why each remaining failure is deliberate: packages/pki/CONFORMANCE.md (Remaining failures)",
    );
  }
  console.log(
    `  limbo via CLI: ${report.pass}/${report.scored} (${corpus.percent(report.pass, report.scored)}%)`,
  );
}

/** The in-process run (npm run conformance:x509) of the same profile, for the verdict comparison. */
async function inProcess(profile, scratch) {
  const json = join(scratch, `in-process-${profile}.json`);
  const r = await run(process.execPath, [
    "--conditions=@anchorage/source",
    "--import",
    "tsx",
    "packages/pki/conformance/limbo.ts",
    "--profile",
    profile,
    "--json",
    json,
  ]);
  if (!existsSync(json)) throw new Error(`the in-process run failed (exit ${r.code}): ${r.stderr.trim()}`);
  return { report: JSON.parse(readFileSync(json, "utf8"))[0], code: r.code, stderr: r.stderr };
}

async function limbo() {
  if (!existsSync(join(LIMBO, "limbo.json.gz")) || !existsSync(join(LIMBO, "run-limbo.mjs"))) {
    console.log(`x509-limbo: not available (${LIMBO} lacks limbo.json.gz or run-limbo.mjs)`);
    return;
  }
  if (!opts["no-build"]) {
    const b = await run(process.execPath, ["scripts/bundle.mjs"]);
    if (b.code !== 0) die(`bundling the CLI failed: ${b.stderr.trim()}`);
  } else if (!existsSync(join(ROOT, "packages", "cli", "dist", "bundle", "anchorage.js"))) {
    die("the CLI is not built; run without --no-build (or npm run build)");
  }
  const { tsImport } = await import("tsx/esm/api");
  const corpus = await tsImport("../packages/pki/src/limbo-corpus.ts", import.meta.url);
  const { rules, testcases } = await corpus.loadLimbo(LIMBO);
  // Composition root: the time for cases without validation_time (certificates are valid 1970-2969).
  const now = new Date();
  const scratch = mkdtempSync(join(tmpdir(), "anchorage-conformance-"));
  const reports = [];
  try {
    for (const profile of opts.profile ? [opts.profile] : PROFILES) {
      const report = await limboThroughCli(corpus, profile, rules, testcases, now, scratch);
      reports.push(report);
      printLimbo(corpus, report);
      if (report.errors > 0) {
        console.log(`  ${report.errors} case(s) ended in an error or timeout (exit code other than 0/1)`);
        failed = true;
      }
      const ip = await inProcess(profile, scratch);
      const inProcessResults = ip.report.results.filter((r) => filter === undefined || filter.test(r.id));
      const theirs = new Map(inProcessResults.map((r) => [r.id, r]));
      const differ = report.results.filter((r) => theirs.get(r.id)?.got !== r.got);
      const missing = inProcessResults.length !== report.results.length;
      const theirPass = inProcessResults.filter((r) => r.pass).length;
      if (differ.length === 0 && !missing) {
        console.log(
          `  in-process (validatePath): ${theirPass}/${inProcessResults.length}; every verdict is the same through the CLI`,
        );
      } else {
        failed = true;
        console.log(
          `  in-process (validatePath): ${theirPass}/${inProcessResults.length}; ${differ.length} verdict(s) differ${missing ? `, and the case counts differ (${inProcessResults.length} vs ${report.results.length})` : ""}:`,
        );
        for (const d of differ) {
          const t = theirs.get(d.id);
          console.log(
            `    ${d.id}: CLI ${d.got}${d.reason ? ` (${d.reason})` : ""}; in-process ${t?.got ?? "absent"}${t?.reason ? ` (${t.reason})` : ""}`,
          );
        }
      }
      if (ip.code !== 0 && filter === undefined) {
        failed = true;
        console.log(`  the in-process run reports a regression: ${ip.stderr.trim()}`);
      }
      console.log("");
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (opts.json) writeFileSync(opts.json, JSON.stringify(reports, null, 1));
}

if (opts.only !== "limbo") await sigv4();
if (opts.only !== "sigv4") await limbo();
console.log(failed ? "conformance: FAILED" : "conformance: passed");
process.exit(failed ? 1 : 0);
