// `npm run bench:quickstart`: how long the README's first command takes on this machine, from one
// run (it bundles the CLI first). `anchorage quickstart --dir <fresh folder>` runs `--runs` times
// from an empty folder (CA, keys, server start, trust anchor, role, profile, certificate, the
// credential_process line and, when the AWS CLI is on PATH, `aws sts get-caller-identity`), then
// as often again in a folder it already set up (everything reused). Printed: the median times and
// the cold one ÷ the 15 s goal of issue 7 (goal ≤ 1), and ÷ `anchorage version` (a bare CLI start).
//
//   npm run bench:quickstart [-- --runs 3]
//
// Times are printed, never asserted: they depend on the machine and its load.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`--runs must be a whole number ≥ 1 (got ${values.runs})`);
  process.exit(2);
}
const GOAL_MS = 15_000;
const BIN = fileURLToPath(new URL("../bin/anchorage.js", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "anchorage-bench-quickstart-"));
// As a user on a fresh machine: no AWS_* or ANCHORAGE_* settings, a HOME of its own.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AWS_|ANCHORAGE_)/.test(k)));
env.HOME = join(root, "home");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Wall time (ms) of `anchorage …args`; exits the bench when the command fails. */
function timed(args) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", timeout: 120_000 });
  const ms = performance.now() - started;
  if (run.status !== 0) {
    console.error(
      `anchorage ${args.join(" ")} failed (exit ${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`,
    );
    rmSync(root, { recursive: true, force: true });
    process.exit(1);
  }
  return ms;
}

try {
  timed(["version"]); // warm the disk cache and the V8 code cache
  const bare = median(Array.from({ length: 5 }, () => timed(["version"])));
  const cold = [];
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = join(root, `run-${i}`);
    cold.push(timed(["quickstart", "--dir", dir]));
    warm.push(timed(["quickstart", "--dir", dir]));
    process.stderr.write(
      `run ${i + 1}/${RUNS}: ${(cold.at(-1) / 1000).toFixed(2)} s from empty, ${(warm.at(-1) / 1000).toFixed(2)} s again\n`,
    );
  }
  const c = median(cold);
  const w = median(warm);
  console.log(`quickstart from an empty folder: ${(c / 1000).toFixed(2)} s (median of ${RUNS})`);
  console.log(`quickstart again, everything reused: ${(w / 1000).toFixed(2)} s`);
  console.log(`anchorage version: ${bare.toFixed(1)} ms`);
  console.log(`ratio from-empty ÷ 15 s goal: ${(c / GOAL_MS).toFixed(2)} (goal ≤ 1)`);
  console.log(`ratio from-empty ÷ version: ${(c / bare).toFixed(1)}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
