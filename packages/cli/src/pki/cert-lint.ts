// `anchorage cert lint CERT`: the Roles Anywhere certificate requirements, each finding with its fix.
import { lintCertificate, parseCertificate, type LintRole } from "@anchorage/pki";
import { readCertificateFile } from "./certificate-file.js";
import { usageError } from "./cli-error.js";
import type { CommandIo } from "./command-io.js";
import { formatLintJson, formatLintTable, lintReport, type LintedCertificate } from "./lint-report.js";
import { parseTimeArg } from "./time-arg.js";

export interface CertLintFlags {
  readonly role?: string;
  readonly json?: boolean;
  readonly at?: string;
}

/** Lints every certificate in `file`; returns the exit code (1 when any finding is an error). */
export async function certLint(file: string, flags: CertLintFlags, io: CommandIo): Promise<number> {
  if (flags.role !== undefined && flags.role !== "anchor" && flags.role !== "leaf")
    throw usageError(`--role must be anchor or leaf, got "${flags.role}"`);
  const now = flags.at === undefined ? io.now() : parseTimeArg(flags.at);
  const ders = await readCertificateFile(file, "certificate");
  const certificates = ders.map((der, index): LintedCertificate => {
    let parsed;
    try {
      parsed = parseCertificate(der);
    } catch {
      parsed = undefined; // lintCertificate reports it as its `parse` finding
    }
    const role: LintRole =
      (flags.role as LintRole | undefined) ?? (parsed?.basicConstraints?.ca === true ? "anchor" : "leaf");
    return {
      index,
      subject: parsed?.subject.text,
      serial: parsed?.serialHex,
      role,
      roleFrom: flags.role === undefined ? "basicConstraints" : "flag",
      findings: lintCertificate(der, role, { now }),
    };
  });
  const report = lintReport(file, certificates);
  io.out(flags.json === true ? formatLintJson(report) : formatLintTable(report));
  return report.errors > 0 ? 1 : 0;
}
