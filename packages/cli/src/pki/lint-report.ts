// `cert lint` output: a findings table for people, JSON for machines. A parse/format pair is not
// needed here (the JSON is output only), but both renderings come from one report structure.
import type { LintFinding, LintRole } from "@anchorage/pki";

export interface LintedCertificate {
  /** Position in the file (0-based). */
  readonly index: number;
  /** RFC 4514 subject, or undefined when the certificate cannot be parsed. */
  readonly subject: string | undefined;
  readonly serial: string | undefined;
  readonly role: LintRole;
  /** Whether --role gave the role or basicConstraints suggested it. */
  readonly roleFrom: "flag" | "basicConstraints";
  readonly findings: readonly LintFinding[];
}

export interface LintReport {
  readonly file: string;
  readonly certificates: readonly LintedCertificate[];
  readonly errors: number;
  readonly warnings: number;
}

export function lintReport(file: string, certificates: readonly LintedCertificate[]): LintReport {
  const all = certificates.flatMap((c) => c.findings);
  return {
    file,
    certificates,
    errors: all.filter((f) => f.severity === "error").length,
    warnings: all.filter((f) => f.severity === "warning").length,
  };
}

export const formatLintJson = (report: LintReport): string => `${JSON.stringify(report, null, 2)}\n`;

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One heading per certificate, then one row per finding: severity, rule id, message, and the fix. */
export function formatLintTable(report: LintReport): string {
  const lines: string[] = [];
  const many = report.certificates.length > 1;
  const idWidth = Math.max(4, ...report.certificates.flatMap((c) => c.findings.map((f) => f.id.length)));
  for (const c of report.certificates) {
    const name = `${report.file}${many ? ` #${c.index + 1}` : ""}`;
    const who =
      c.subject === undefined
        ? "(unparseable certificate)"
        : `"${c.subject || "<empty subject>"}" (serial ${c.serial})`;
    const as = `as ${c.role === "anchor" ? "a trust anchor / CA" : "a leaf (signing certificate)"}${c.roleFrom === "basicConstraints" ? ", from basicConstraints" : ""}`;
    const errors = c.findings.filter((f) => f.severity === "error").length;
    const warnings = c.findings.length - errors;
    if (c.findings.length === 0) {
      lines.push(`${name}: ${who} ${as}: no findings, meets the Roles Anywhere requirements`);
      continue;
    }
    lines.push(`${name}: ${who} ${as}: ${count(errors, "error")}, ${count(warnings, "warning")}`);
    lines.push(`  ${"SEVERITY".padEnd(8)} ${"RULE".padEnd(idWidth)} FINDING`);
    for (const f of sortFindings(c.findings)) {
      lines.push(`  ${f.severity.padEnd(8)} ${f.id.padEnd(idWidth)} ${f.message}`);
      lines.push(`  ${"".padEnd(8)} ${"".padEnd(idWidth)} fix: ${f.fix}`);
    }
  }
  if (many)
    lines.push(
      `${report.file}: ${count(report.errors, "error")}, ${count(report.warnings, "warning")} in ${report.certificates.length} certificates`,
    );
  return `${lines.join("\n")}\n`;
}

const sortFindings = (findings: readonly LintFinding[]): LintFinding[] =>
  [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
