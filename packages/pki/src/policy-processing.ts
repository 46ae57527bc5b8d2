// Certificate policy processing (RFC 5280 §6.1.2 (a)/(d)-(f), §6.1.3 (d)-(f), §6.1.4 (a)-(b),
// (h)-(j), §6.1.5 (a)-(b), (g)) with user-initial-policy-set = {anyPolicy} and
// initial-explicit-policy = false. The valid_policy_tree is reduced to the set of policies a
// child certificate may still match (the union of the leaves' expected_policy_set), which is all
// that decides whether the tree becomes NULL. Policy qualifiers are not evaluated.
import type { ParsedCertificate } from "./certificate.js";
import { ANY_POLICY } from "./oids.js";

type PolicySet = "any" | ReadonlySet<string> | null;

export class PolicyState {
  private explicit: number;
  private mapping: number;
  private inhibitAny: number;
  private valid: PolicySet = "any";
  /** The CA whose policyConstraints last lowered explicit_policy (for messages). */
  private requiredBy: string | undefined;

  /** `n` = number of certificates in the path below the trust anchor. */
  constructor(private readonly n: number) {
    this.explicit = n + 1;
    this.mapping = n + 1;
    this.inhibitAny = n + 1;
  }

  /** The trust anchor's own policyConstraints / inhibitAnyPolicy constrain the path below it. */
  applyAnchor(anchor: ParsedCertificate): void {
    this.applyConstraints(anchor);
  }

  private applyConstraints(c: ParsedCertificate): void {
    const pc = c.policyConstraints;
    if (pc?.requireExplicitPolicy !== undefined && pc.requireExplicitPolicy < this.explicit) {
      this.explicit = pc.requireExplicitPolicy;
      this.requiredBy = c.subject.text;
    }
    if (pc?.inhibitPolicyMapping !== undefined && pc.inhibitPolicyMapping < this.mapping)
      this.mapping = pc.inhibitPolicyMapping;
    if (c.inhibitAnyPolicy !== undefined && c.inhibitAnyPolicy < this.inhibitAny)
      this.inhibitAny = c.inhibitAnyPolicy;
  }

  /**
   * Processes certificate `i` (1-based from the anchor's child; `i === n` is the leaf). Returns a
   * violation message, or undefined.
   */
  process(c: ParsedCertificate, i: number): string | undefined {
    const last = i === this.n;
    const policies = c.certificatePolicies;
    if (policies === undefined) this.valid = null;
    else if (this.valid !== null) {
      const anyAllowed = policies.includes(ANY_POLICY) && (this.inhibitAny > 0 || (!last && c.selfIssued));
      const specific = policies.filter((p) => p !== ANY_POLICY);
      if (this.valid === "any") this.valid = anyAllowed ? "any" : new Set(specific);
      else if (!anyAllowed) {
        const prev: ReadonlySet<string> = this.valid;
        this.valid = new Set(specific.filter((p) => prev.has(p)));
      }
      if (this.valid !== "any" && this.valid.size === 0) this.valid = null;
    }
    if (this.explicit === 0 && this.valid === null) return this.violation(c);
    if (last) {
      if (this.explicit !== 0) this.explicit--;
      if (c.policyConstraints?.requireExplicitPolicy === 0) {
        this.explicit = 0;
        this.requiredBy = c.subject.text;
      }
      return this.explicit === 0 && this.valid === null ? this.violation(c) : undefined;
    }
    const mappings = c.policyMappings ?? [];
    if (mappings.length > 0 && this.valid !== null && this.valid !== "any") {
      const next = new Set(this.valid);
      for (const m of mappings) if (this.valid.has(m.issuerDomain)) next.delete(m.issuerDomain);
      if (this.mapping > 0)
        for (const m of mappings) if (this.valid.has(m.issuerDomain)) next.add(m.subjectDomain);
      this.valid = next.size === 0 ? null : next;
    }
    if (!c.selfIssued) {
      if (this.explicit > 0) this.explicit--;
      if (this.mapping > 0) this.mapping--;
      if (this.inhibitAny > 0) this.inhibitAny--;
    }
    this.applyConstraints(c);
    return undefined;
  }

  private violation(c: ParsedCertificate): string {
    const by = this.requiredBy ? ` (required by the policyConstraints of "${this.requiredBy}")` : "";
    return `an explicit certificate policy is required${by}, but no policy is valid for the path at "${c.subject.text}"`;
  }
}
