// Step `path`: the leaf validates to the trust anchor's bundle through the intermediates, with the
// validator CreateSession runs (pki's validatePath, Roles Anywhere profile) at this moment — the
// precise reason when it does not (e.g. the issuer DN that is missing). CRLs: the next step.
import { validatePath } from "@anchorage/pki";
import type { DoctorContext } from "../context.js";
import { PATH_FIXES } from "../path-fixes.js";
import { fail, pass, skip, warn, type DoctorStep, type StepOutcome } from "../step.js";

export const pathStep: DoctorStep<DoctorContext> = {
  id: "path",
  title: "certificate path to the trust anchor",
  async run(context): Promise<StepOutcome> {
    const leaf = context.facts.leaf;
    const anchors = context.facts.anchors;
    if (leaf === undefined) return skip("needs the certificate (see files)");
    if (context.facts.chain === undefined) return skip("needs the intermediates (see chain)");
    if (anchors === undefined) return skip("needs the trust anchor's certificates (see trust-anchor)");
    const result = validatePath({
      leaf: leaf.loaded.der,
      intermediates: context.facts.chain,
      anchors,
      time: context.now,
    });
    context.facts.pathValid = result.ok;
    if (!result.ok) return fail(result.reason, PATH_FIXES[result.code]);
    const text = result.path.map((c) => `"${c.subject.text}"`).join(" → ");
    if (result.warnings.length > 0)
      return warn(`${text}: valid, but ${result.warnings.join("; ")}`, "see the warning");
    return pass(`${text} (the trust anchor): valid`);
  },
};
