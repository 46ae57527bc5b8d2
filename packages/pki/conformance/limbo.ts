// x509-limbo conformance for @anchorage/pki: runs validatePath in-process over the shared corpus
// (../shared/conformance/x509-limbo relative to the repository root; never copied here) for the
// rfc5280 and roles-anywhere profiles, prints the score per category and every failure with its
// reason, and exits 1 when a score drops below its threshold (LIMBO_THRESHOLDS).
//
//   npm run conformance:x509 [-- --profile rfc5280|roles-anywhere] [--limbo DIR] [--timeout-ms N] [--json FILE]
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  LIMBO_THRESHOLDS,
  defaultLimboDir,
  formatLimboReport,
  limboAvailable,
  runLimbo,
  type LimboReport,
} from "../src/limbo-corpus.js";
import type { ValidationProfile } from "../src/validate-path.js";

const { values } = parseArgs({
  options: {
    profile: { type: "string" },
    limbo: { type: "string" },
    "timeout-ms": { type: "string", default: "5000" },
    json: { type: "string" },
  },
});
const dir = values.limbo ?? defaultLimboDir();
if (!limboAvailable(dir)) {
  console.error(
    `x509-limbo corpus not found in ${dir} (expected limbo.json.gz and run-limbo.mjs); nothing to run`,
  );
  process.exit(2);
}
const profiles: ValidationProfile[] =
  values.profile === undefined ? ["rfc5280", "roles-anywhere"] : [values.profile as ValidationProfile];
for (const p of profiles)
  if (!(p in LIMBO_THRESHOLDS)) {
    console.error(`--profile must be rfc5280 or roles-anywhere, got ${p}`);
    process.exit(2);
  }

// Composition root: the clock for testcases without a validation time is read here.
const now = new Date();
let failed = false;
const reports: LimboReport[] = [];
for (const profile of profiles) {
  const report = await runLimbo({ profile, dir, now, timeoutMs: Number(values["timeout-ms"]) });
  reports.push(report);
  console.log(formatLimboReport(report));
  const threshold = LIMBO_THRESHOLDS[profile];
  if (report.pass < threshold) {
    console.error(`REGRESSION: ${profile} scored ${report.pass}, below the threshold ${threshold}`);
    failed = true;
  }
  if (report.errors > 0) {
    console.error(`${report.errors} case(s) crashed or timed out`);
    failed = true;
  }
  console.log("");
}
if (values.json) writeFileSync(values.json, JSON.stringify(reports, null, 1));
process.exit(failed ? 1 : 0);
