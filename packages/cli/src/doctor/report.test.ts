import assert from "node:assert/strict";
import { test } from "node:test";
import { doctorReport, exitCodeOf, formatJsonReport, formatStepLine, formatSummary } from "./report.js";
import type { StepResult } from "./step.js";

const r = (id: string, status: StepResult["status"], fix?: string): StepResult => ({
  id,
  title: id,
  status,
  message: `${id} said so`,
  ...(fix === undefined ? {} : { fix }),
  ms: 1.4,
});

test("one line per step: symbol, id, what was found, how to fix it", () => {
  assert.deepEqual(
    [
      r("files", "pass"),
      r("profile", "fail", "enable it"),
      r("lint", "warn", "renew"),
      r("crls", "skip"),
    ].map((x) => formatStepLine(x)),
    [
      "✓ files           files said so",
      "✗ profile         profile said so — fix: enable it",
      "! lint            lint said so — fix: renew",
      "– crls            crls said so",
    ],
  );
});

test("exit code and summary: 0 only when nothing failed", () => {
  const good = [r("files", "pass"), r("lint", "warn", "x"), r("crls", "skip"), r("create-session", "pass")];
  const bad = [r("files", "pass"), r("profile", "fail", "x"), r("create-session", "fail", "y")];
  assert.deepEqual([exitCodeOf(good), exitCodeOf(bad)], [0, 1]);
  assert.equal(
    formatSummary(good),
    "doctor: all 3 checks passed (1 warning, 1 skipped); these credentials work",
  );
  assert.equal(formatSummary(bad), "doctor: 2 checks failed (profile, create-session); see the fixes above");
});

test("the JSON report: ok, exitCode, steps with id, status, message, fix; the session", () => {
  const session = {
    assumedRoleArn: "arn:aws:sts::1:assumed-role/r/s",
    expiration: "2026-01-01T00:00:00Z",
    sourceIdentity: "CN=a",
  };
  const report = JSON.parse(
    formatJsonReport(doctorReport([r("files", "pass"), r("key", "fail", "fix")], session)),
  );
  assert.deepEqual(report, {
    ok: false,
    exitCode: 1,
    steps: [
      { id: "files", title: "files", status: "pass", message: "files said so", fix: null, ms: 1 },
      { id: "key", title: "key", status: "fail", message: "key said so", fix: "fix", ms: 1 },
    ],
    session,
  });
});
