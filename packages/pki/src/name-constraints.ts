// Name constraints (RFC 5280 §4.2.1.10, §6.1.3 (b)-(c), §6.1.4 (g)): constraint syntax checks,
// name syntax checks, and the matching state carried down a path. Every comparison is counted
// against a budget so a certificate with thousands of names and constraints cannot stall us.
import { isDnPrefix, type DistinguishedName } from "./distinguished-name.js";
import { describeGeneralName, type GeneralName, type GeneralNameType } from "./general-name.js";
import { ATTR } from "./oids.js";

export interface GeneralSubtree {
  readonly base: GeneralName;
}

export interface NameConstraints {
  readonly permitted: readonly GeneralSubtree[];
  readonly excluded: readonly GeneralSubtree[];
}

// ---------------------------------------------------------------------------------- syntax
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const LABEL_UNDERSCORE = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i;
const IPV4_LIKE = /^\d+(\.\d+){3}$/;

/**
 * RFC 1034 §3.5 "preferred name syntax" as amended by RFC 1123 (letters, digits, hyphens; labels
 * of 1–63 characters; ≤ 253 in total). A leading `*.` label is accepted in SANs (`allowWildcard`).
 */
export function isValidDnsName(
  name: string,
  opts: { allowWildcard: boolean; allowUnderscore?: boolean },
): boolean {
  let n = name;
  if (opts.allowWildcard && n.startsWith("*.")) n = n.slice(2);
  if (n.length === 0 || n.length > 253 || n.endsWith(".")) return false;
  if (IPV4_LIKE.test(n)) return false;
  const label = opts.allowUnderscore ? LABEL_UNDERSCORE : LABEL;
  return n.split(".").every((l) => label.test(l));
}

/** `local@domain` with exactly one unquoted `@`, a non-empty local part and a valid domain. */
export function isValidMailbox(addr: string): boolean {
  const at = addr.indexOf("@");
  if (at <= 0 || at !== addr.lastIndexOf("@")) return false;
  const local = addr.slice(0, at);
  // eslint-disable-next-line no-control-regex -- RFC 5321 forbids controls and spaces here
  if (/[\s\x00-\x1f\x7f]/.test(local)) return false;
  return isValidDnsName(addr.slice(at + 1), { allowWildcard: false });
}

/** Whether a constraint's base is well-formed for its name form; returns the problem otherwise. */
export function constraintSyntaxProblem(base: GeneralName): string | undefined {
  switch (base.type) {
    case "dNSName":
      if (base.value === "") return undefined; // matches every DNS name
      if (base.value.includes("*")) return `DNS constraint "${base.value}" contains a wildcard`;
      if (base.value.startsWith("."))
        return `DNS constraint "${base.value}" has a leading period (RFC 5280 §4.2.1.10)`;
      return isValidDnsName(base.value, { allowWildcard: false, allowUnderscore: true })
        ? undefined
        : `DNS constraint "${base.value}" is not a valid domain name`;
    case "rfc822Name": {
      const v = base.value;
      if (v.includes("@"))
        return isValidMailbox(v) ? undefined : `email constraint "${v}" is not a valid mailbox`;
      const host = v.startsWith(".") ? v.slice(1) : v;
      return isValidDnsName(host, { allowWildcard: false })
        ? undefined
        : `email constraint "${v}" is not a valid host or domain`;
    }
    case "iPAddress": {
      const b = base.bytes;
      if (b.length !== 8 && b.length !== 32)
        return `IP constraint of ${b.length} bytes (must be address + mask: 8 for IPv4, 32 for IPv6)`;
      const mask = b.subarray(b.length / 2);
      let seenZero = false;
      for (const byte of mask)
        for (let bit = 7; bit >= 0; bit--) {
          const one = (byte >> bit) & 1;
          if (one && seenZero) return `IP constraint mask ${mask.toString("hex")} is not a CIDR prefix`;
          if (!one) seenZero = true;
        }
      return undefined;
    }
    case "uniformResourceIdentifier": {
      const host = base.value.startsWith(".") ? base.value.slice(1) : base.value;
      return isValidDnsName(host, { allowWildcard: false, allowUnderscore: true })
        ? undefined
        : `URI constraint "${base.value}" must be a host or .domain`;
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------- matching
const lower = (s: string): string => s.toLowerCase();

function dnsMatches(constraint: string, name: string): boolean {
  if (constraint === "") return true;
  const c = lower(constraint);
  const n = lower(name);
  return n === c || n.endsWith(`.${c}`);
}

function emailMatches(constraint: string, mailbox: string): boolean {
  const at = mailbox.lastIndexOf("@");
  const host = lower(mailbox.slice(at + 1));
  if (constraint.includes("@")) {
    const cat = constraint.lastIndexOf("@");
    return mailbox.slice(0, at) === constraint.slice(0, cat) && host === lower(constraint.slice(cat + 1));
  }
  if (constraint.startsWith(".")) return host.endsWith(lower(constraint));
  return host === lower(constraint);
}

function ipMatches(constraint: Buffer, ip: Buffer): boolean {
  const half = constraint.length / 2;
  if (ip.length !== half) return false;
  for (let i = 0; i < half; i++) {
    const m = constraint[half + i]!;
    if ((ip[i]! & m) !== (constraint[i]! & m)) return false;
  }
  return true;
}

/** The host of an absolute URI with an authority, or undefined (RFC 5280: then reject). */
export function uriHost(uri: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri);
  const host = m?.[1];
  return host ? host : undefined;
}

function uriMatches(constraint: string, uri: string): boolean {
  const host = uriHost(uri);
  if (host === undefined) return false;
  if (constraint.startsWith(".")) return lower(host).endsWith(lower(constraint));
  return lower(host) === lower(constraint);
}

/** A name of a certificate that name constraints apply to. */
export type ConstrainedName =
  | GeneralName
  | { readonly type: "subjectDn"; readonly name: DistinguishedName }
  | { readonly type: "subjectEmail"; readonly value: string };

const formOf = (n: ConstrainedName): GeneralNameType =>
  n.type === "subjectDn" ? "directoryName" : n.type === "subjectEmail" ? "rfc822Name" : n.type;

/** Returns true/false for a match, or undefined when the name is malformed for its form. */
function matches(base: GeneralName, name: ConstrainedName): boolean | undefined {
  switch (base.type) {
    case "dNSName":
      if (name.type !== "dNSName") return false;
      return isValidDnsName(name.value, { allowWildcard: true, allowUnderscore: true })
        ? dnsMatches(base.value, name.value)
        : undefined;
    case "rfc822Name": {
      const v = name.type === "rfc822Name" || name.type === "subjectEmail" ? name.value : undefined;
      if (v === undefined) return false;
      return isValidMailbox(v) ? emailMatches(base.value, v) : undefined;
    }
    case "iPAddress":
      if (name.type !== "iPAddress") return false;
      return name.bytes.length === 4 || name.bytes.length === 16
        ? ipMatches(base.bytes, name.bytes)
        : undefined;
    case "directoryName": {
      const dn = name.type === "directoryName" || name.type === "subjectDn" ? name.name : undefined;
      return dn !== undefined && isDnPrefix(base.name, dn);
    }
    case "uniformResourceIdentifier":
      if (name.type !== "uniformResourceIdentifier") return false;
      return uriHost(name.value) === undefined ? undefined : uriMatches(base.value, name.value);
    default:
      return undefined; // forms we cannot evaluate (otherName, x400Address, ediPartyName, registeredID)
  }
}

/** The names of a certificate that constraints apply to (§4.2.1.10, §6.1.3 (b)-(c)). */
export function constrainedNames(
  subject: DistinguishedName,
  san: readonly GeneralName[] | undefined,
): ConstrainedName[] {
  const out: ConstrainedName[] = [];
  if (!subject.isEmpty) out.push({ type: "subjectDn", name: subject });
  if (san) out.push(...san);
  else
    for (const rdn of subject.rdns)
      for (const a of rdn)
        if (a.oid === ATTR.emailAddress && a.value !== undefined)
          out.push({ type: "subjectEmail", value: a.value });
  return out;
}

export class NameConstraintBudgetExceeded extends Error {
  override readonly name = "NameConstraintBudgetExceeded";
}

/**
 * The accumulated state of §6.1: one permitted-subtree set per constraining CA (a name must
 * fall in each set that constrains its form) and the union of all excluded subtrees.
 */
export class NameConstraintState {
  private readonly permittedSets: (readonly GeneralSubtree[])[] = [];
  private readonly excluded: GeneralSubtree[] = [];
  private comparisons = 0;
  constructor(private readonly budget: number) {}

  get active(): boolean {
    return this.permittedSets.length > 0 || this.excluded.length > 0;
  }

  add(nc: NameConstraints): void {
    if (nc.permitted.length > 0) this.permittedSets.push(nc.permitted);
    this.excluded.push(...nc.excluded);
  }

  private tick(): void {
    if (++this.comparisons > this.budget)
      throw new NameConstraintBudgetExceeded(`more than ${this.budget} name/constraint comparisons`);
  }

  /** Returns a description of the first violation, or undefined when every name is allowed. */
  check(names: readonly ConstrainedName[]): string | undefined {
    if (!this.active) return undefined;
    // Bound the work up front, whatever the name forms (as OpenSSL does): a certificate with
    // thousands of names under thousands of constraints is refused rather than evaluated.
    const constraints = this.excluded.length + this.permittedSets.reduce((n, s) => n + s.length, 0);
    if (names.length * constraints > this.budget)
      throw new NameConstraintBudgetExceeded(
        `${names.length} names × ${constraints} constraints exceeds the limit of ${this.budget} comparisons`,
      );
    for (const name of names) {
      const form = formOf(name);
      const label = describeName(name);
      for (const ex of this.excluded) {
        if (ex.base.type !== form) continue;
        this.tick();
        const m = matches(ex.base, name);
        if (m === undefined)
          return `${label} is malformed or of a form that cannot be checked against a constraint`;
        if (m) return `${label} is inside the excluded subtree ${describeGeneralName(ex.base)}`;
      }
      for (const set of this.permittedSets) {
        const sameForm = set.filter((p) => p.base.type === form);
        if (sameForm.length === 0) continue;
        let ok = false;
        for (const p of sameForm) {
          this.tick();
          const m = matches(p.base, name);
          if (m === undefined)
            return `${label} is malformed or of a form that cannot be checked against a constraint`;
          if (m) {
            ok = true;
            break;
          }
        }
        if (!ok)
          return `${label} is outside the permitted subtrees (${sameForm.map((p) => describeGeneralName(p.base)).join(", ")})`;
      }
    }
    return undefined;
  }
}

const describeName = (n: ConstrainedName): string =>
  n.type === "subjectDn"
    ? `subject "${n.name.text}"`
    : n.type === "subjectEmail"
      ? `subject emailAddress "${n.value}"`
      : `subjectAltName ${describeGeneralName(n)}`;
