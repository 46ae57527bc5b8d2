// Step `crls`: the trust anchor's CRLs (ListCrls, those bound to this anchor). Only ENABLED ones
// count, as in CreateSession; the leaf and the intermediates must not be on them (checked by
// validatePath with the revocation index, which also checks the CRLs' signatures). Disabled,
// unusable and stale CRLs are noted.
import { parseCrlBundle, PkiError, RevocationIndex, validatePath, type ParsedCrl } from "@anchorage/pki";
import type { DoctorContext } from "../context.js";
import { fail, pass, skip, warn, type DoctorStep, type StepOutcome } from "../step.js";
import { lookupProblem } from "./api-outcome.js";

export const crlsStep: DoctorStep<DoctorContext> = {
  id: "crls",
  title: "revocation (the anchor's CRLs)",
  async run(context): Promise<StepOutcome> {
    const arn = context.config.session.trustAnchorArn;
    const anchor = await context.lookups.trustAnchor(arn.slice(arn.lastIndexOf("/") + 1));
    if (!anchor.ok) return skip("needs the trust anchor (see trust-anchor)");
    const listed = await context.lookups.crls();
    if (!listed.ok)
      return lookupProblem(listed, "the CRLs", "rolesanywhere:ListCrls") ?? skip("the API has no CRL list");
    const mine = listed.value.filter((c) => c.trustAnchorArn === arn);
    const enabled = mine.filter((c) => c.enabled);
    const disabled = mine.length - enabled.length;
    const notes: string[] = [];
    if (disabled > 0) notes.push(`${disabled} disabled CRL(s) not consulted`);
    const crls: ParsedCrl[] = [];
    for (const c of enabled) {
      try {
        crls.push(...parseCrlBundle(Buffer.from(c.crlData, "base64")));
      } catch (error) {
        if (!(error instanceof PkiError)) throw error;
        notes.push(`CRL "${c.name}" is not used: ${error.message}`);
      }
    }
    if (enabled.length === 0)
      return pass(
        `no enabled CRL for this trust anchor: nothing is revoked${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`,
      );
    const leaf = context.facts.leaf;
    if (leaf === undefined) return skip("needs the certificate (see files)");
    const index = new RevocationIndex(crls);
    const stale = index.stale(context.now);
    if (stale.length > 0) notes.push(`${stale.length} CRL(s) past their nextUpdate (still honoured)`);
    const chain = context.facts.chain ?? [];
    const anchors = context.facts.anchors;
    if (anchors !== undefined && context.facts.pathValid === true) {
      const result = validatePath({
        leaf: leaf.loaded.der,
        intermediates: chain,
        anchors,
        time: context.now,
        revocation: index,
      });
      if (!result.ok)
        return fail(
          result.reason,
          result.code === "Revoked"
            ? "the certificate is revoked: issue a new one (anchorage cert issue), or remove it from the CRL if revoked by mistake"
            : `import a usable CRL for that issuer, or disable the broken one (${context.aws("rolesanywhere", "disable-crl --crl-id ID")})`,
        );
      notes.push(...result.warnings);
    } else {
      // No valid path to check the CRLs' signatures along: look the serials up directly.
      const hits = [leaf.parsed, ...(context.facts.chainParsed ?? [])].flatMap((c) =>
        index.lookup(c).map((hit) => ({ c, hit })),
      );
      if (hits.length > 0) {
        const { c, hit } = hits[0]!;
        return fail(
          `"${c.subject.text}" (serial ${c.serialHex}) is listed on a CRL of the trust anchor (revoked ${hit.entry.revocationDate.toISOString()}${hit.entry.reason === undefined ? "" : `, ${hit.entry.reason}`}; the CRL's signature was not checked: there is no valid path)`,
          "issue a new certificate (anchorage cert issue)",
        );
      }
    }
    const summary = `${enabled.length} enabled CRL(s) of this trust anchor; neither the leaf nor an intermediate is revoked`;
    return notes.length > 0
      ? warn(`${summary}; ${notes.join("; ")}`, "import a current CRL (anchorage crl create --upload)")
      : pass(summary);
  },
};
