import assert from "node:assert/strict";
import { test } from "node:test";
import { formatLintJson, formatLintTable, lintReport, type LintedCertificate } from "./lint-report.js";

const CLEAN: LintedCertificate = {
  index: 0,
  subject: "CN=app",
  serial: "4F",
  role: "leaf",
  roleFrom: "basicConstraints",
  findings: [],
};
const BAD: LintedCertificate = {
  index: 1,
  subject: "CN=old",
  serial: "02",
  role: "anchor",
  roleFrom: "flag",
  findings: [
    { id: "ski-missing", severity: "warning", message: "no SKI", fix: "add it" },
    { id: "validity-expired", severity: "error", message: "expired", fix: "renew" },
  ],
};

test("a clean certificate is one line", () => {
  assert.equal(
    formatLintTable(lintReport("leaf.pem", [CLEAN])),
    'leaf.pem: "CN=app" (serial 4F) as a leaf (signing certificate), from basicConstraints: no findings, meets the Roles Anywhere requirements\n',
  );
});

test("findings are a table, errors first, each with its fix; a bundle gets a total", () => {
  const text = formatLintTable(lintReport("b.pem", [CLEAN, BAD]));
  assert.deepEqual(text.split("\n"), [
    'b.pem #1: "CN=app" (serial 4F) as a leaf (signing certificate), from basicConstraints: no findings, meets the Roles Anywhere requirements',
    'b.pem #2: "CN=old" (serial 02) as a trust anchor / CA: 1 error, 1 warning',
    "  SEVERITY RULE             FINDING",
    "  error    validity-expired expired",
    "                            fix: renew",
    "  warning  ski-missing      no SKI",
    "                            fix: add it",
    "b.pem: 1 error, 1 warning in 2 certificates",
    "",
  ]);
});

test("the JSON carries every finding and the counts", () => {
  const json = JSON.parse(formatLintJson(lintReport("b.pem", [CLEAN, BAD]))) as Record<string, unknown>;
  assert.equal(json.errors, 1);
  assert.equal(json.warnings, 1);
  assert.deepEqual((json.certificates as LintedCertificate[])[1], BAD);
});
