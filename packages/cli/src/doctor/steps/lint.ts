// Step `lint`: the Roles Anywhere certificate requirements (pki's lintCertificate) on the leaf and
// each intermediate; errors fail, warnings warn. Validity findings are the `validity` step's.
import { lintCertificate, type LintFinding } from "@anchorage/pki";
import type { DoctorContext } from "../context.js";
import { fail, pass, skip, warn, type DoctorStep, type StepOutcome } from "../step.js";

interface Linted {
  readonly who: string;
  readonly findings: readonly LintFinding[];
}

const VALIDITY = /^validity-(expired|not-yet-valid|expiring)$/;

export const lintStep: DoctorStep<DoctorContext> = {
  id: "lint",
  title: "certificate requirements",
  async run(context): Promise<StepOutcome> {
    const leaf = context.facts.leaf;
    if (leaf === undefined) return skip("needs the certificate (see files)");
    const now = context.now;
    const linted: Linted[] = [
      {
        who: `leaf "${leaf.parsed.subject.text}"`,
        findings: lintCertificate(leaf.loaded.der, "leaf", { now }),
      },
      ...(context.facts.chainParsed ?? []).map((c) => ({
        who: `intermediate "${c.subject.text}"`,
        findings: lintCertificate(c.raw, "anchor", { now }),
      })),
    ].map((l) => ({ ...l, findings: l.findings.filter((f) => !VALIDITY.test(f.id)) }));
    const of = (severity: LintFinding["severity"]) =>
      linted.flatMap((l) =>
        l.findings.filter((f) => f.severity === severity).map((f) => ({ who: l.who, f })),
      );
    const errors = of("error");
    const warnings = of("warning");
    const list = (items: typeof errors) =>
      items.map(({ who, f }) => `${who}: ${f.id}: ${f.message}`).join("; ");
    const checked = `${linted.length} certificate${linted.length === 1 ? "" : "s"}`;
    const meet = linted.length === 1 ? "meets" : "meet";
    if (errors.length > 0)
      return fail(
        `${errors.length} error${errors.length === 1 ? "" : "s"} in ${checked}: ${list(errors)}${warnings.length > 0 ? ` (and ${warnings.length} warning(s))` : ""}`,
        [...new Set(errors.map(({ f }) => f.fix))].join("; "),
      );
    if (warnings.length > 0)
      return warn(
        `${checked} ${meet} the requirements, with ${warnings.length} warning(s): ${list(warnings)}`,
        [...new Set(warnings.map(({ f }) => f.fix))].join("; "),
      );
    return pass(`${checked} ${meet} the Roles Anywhere requirements (anchorage cert lint finds nothing)`);
  },
};
