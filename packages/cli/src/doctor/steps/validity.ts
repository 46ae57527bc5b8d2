// Step `validity`: the leaf and each intermediate are valid now — not before notBefore, not after
// notAfter — and a warning when one expires within 45 days (Roles Anywhere's notification default).
import { EXPIRY_WARNING_DAYS, type ParsedCertificate } from "@anchorage/pki";
import type { DoctorContext } from "../context.js";
import { fail, pass, skip, warn, type DoctorStep, type StepOutcome } from "../step.js";

const DAY = 86_400_000;
const day = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");
const days = (ms: number): string => {
  const n = Math.floor(Math.abs(ms) / DAY);
  return `${n} day${n === 1 ? "" : "s"}`;
};

export const validityStep: DoctorStep<DoctorContext> = {
  id: "validity",
  title: "validity window",
  async run(context): Promise<StepOutcome> {
    const leaf = context.facts.leaf;
    if (leaf === undefined) return skip("needs the certificate (see files)");
    const now = context.now.getTime();
    const all: [string, ParsedCertificate][] = [
      ["leaf", leaf.parsed],
      ...(context.facts.chainParsed ?? []).map((c): [string, ParsedCertificate] => [
        `intermediate "${c.subject.text}"`,
        c,
      ]),
    ];
    const invalid: string[] = [];
    const expiring: string[] = [];
    for (const [who, c] of all) {
      if (now < c.notBefore.getTime())
        invalid.push(
          `${who} is not valid before ${day(c.notBefore)} (in ${days(c.notBefore.getTime() - now)})`,
        );
      else if (now > c.notAfter.getTime())
        invalid.push(`${who} expired on ${day(c.notAfter)} (${days(now - c.notAfter.getTime())} ago)`);
      else if (c.notAfter.getTime() - now < EXPIRY_WARNING_DAYS * DAY)
        expiring.push(`${who} expires on ${day(c.notAfter)} (in ${days(c.notAfter.getTime() - now)})`);
    }
    if (invalid.length > 0)
      return fail(
        `${invalid.join("; ")} (now is ${day(context.now)})`,
        invalid.some((t) => t.includes("expired"))
          ? "issue a new certificate (e.g. anchorage cert issue --ca-dir DIR --cn NAME) and point --certificate/--private-key at it"
          : "wait until it is valid, or check this machine's clock",
      );
    if (expiring.length > 0)
      return warn(expiring.join("; "), "renew it before it expires (anchorage cert issue)");
    return pass(
      `valid now; the leaf until ${day(leaf.parsed.notAfter)} (${days(leaf.parsed.notAfter.getTime() - now)} left)${all.length > 1 ? `, ${all.length - 1} intermediate(s) too` : ""}`,
    );
  },
};
