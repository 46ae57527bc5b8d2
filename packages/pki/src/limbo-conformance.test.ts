// x509-limbo conformance gate: validatePath over the shared corpus (never copied into the repo),
// both profiles. Skips with a message when ../shared is not present (a user's clone).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  LIMBO_THRESHOLDS,
  defaultLimboDir,
  formatLimboReport,
  limboAvailable,
  runLimbo,
} from "./limbo-corpus.js";

const SKIP = limboAvailable()
  ? false
  : `x509-limbo corpus not found at ${defaultLimboDir()}; conformance not run`;
const CONFORMANCE_MD = readFileSync(new URL("../CONFORMANCE.md", import.meta.url), "utf8");
// Scored cases per profile with the corpus's own selection rules (SCHEMA.md: 147 and 152).
const SCORED = { rfc5280: 147, "roles-anywhere": 152 } as const;

for (const profile of ["rfc5280", "roles-anywhere"] as const)
  test(
    `x509-limbo, ${profile} profile: at least ${LIMBO_THRESHOLDS[profile]}/${SCORED[profile]}`,
    { skip: SKIP, timeout: 60_000 },
    async () => {
      // Composition root of this test: cases without a validation time use the current clock.
      const report = await runLimbo({ profile, now: new Date(), timeoutMs: 5_000 });
      const text = formatLimboReport(report);
      assert.equal(report.scored, SCORED[profile], text);
      assert.deepEqual(
        report.results
          .filter((r) => r.got === "ERROR" || r.got === "TIMEOUT")
          .map((r) => `${r.id}: ${r.reason}`),
        [],
        "no case crashed or timed out",
      );
      assert.ok(report.pass >= LIMBO_THRESHOLDS[profile], text);
      const undocumented = report.results
        .filter((r) => !r.pass && !CONFORMANCE_MD.includes(`\`${r.id}\``))
        .map((r) => r.id);
      assert.deepEqual(undocumented, [], "every failure is listed in CONFORMANCE.md with its reason");
    },
  );
