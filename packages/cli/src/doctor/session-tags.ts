// The session tags CreateSession derives from a certificate under a profile's attribute mappings
// (spec §5.8): what `aws:PrincipalTag/x509Subject/CN` and friends will hold when the trust policy
// is evaluated. The same rules as the server's services/sessions/session-tags.ts (which doctor
// cannot import without loading the whole server): `*` maps every recognised RDN, a named
// specifier that RDN (case-insensitively); a repeated RDN is one tag, its values joined with `/` in
// certificate order; a value outside the session-tag pattern is dropped; unmapped fields give no tag.
import { isSessionTagValue, type Attribute, type CertificateAttributes } from "@anchorage/pki";
import type { AttributeMapping } from "./api/roles-anywhere-api.js";

export interface SessionTag {
  readonly key: string;
  readonly value: string;
}

/** The mappings a new profile gets (and the server's default). */
export const DEFAULT_ATTRIBUTE_MAPPINGS: readonly AttributeMapping[] = [
  { certificateField: "x509Issuer", mappingRules: [{ specifier: "*" }] },
  {
    certificateField: "x509SAN",
    mappingRules: [{ specifier: "DNS" }, { specifier: "URI" }, { specifier: "Name/*" }],
  },
  { certificateField: "x509Subject", mappingRules: [{ specifier: "*" }] },
];

type RdnSelection = "all" | ReadonlySet<string>;
const NONE: ReadonlySet<string> = new Set();

const selection = (specifiers: readonly string[]): RdnSelection =>
  specifiers.includes("*") ? "all" : new Set(specifiers.map((s) => s.toLowerCase()));

const selected = (rdns: RdnSelection, shortName: string): boolean =>
  rdns === "all" || rdns.has(shortName.toLowerCase());

function nameTags(
  prefix: string,
  attributes: readonly Attribute[],
  rdns: RdnSelection,
  out: SessionTag[],
): void {
  if (rdns !== "all" && rdns.size === 0) return;
  const joined = new Map<string, string[]>();
  for (const [shortName, value] of attributes) {
    if (!selected(rdns, shortName)) continue;
    const values = joined.get(shortName);
    if (values === undefined) joined.set(shortName, [value]);
    else values.push(value);
  }
  for (const [shortName, values] of joined) push(out, `${prefix}/${shortName}`, values.join("/"));
}

function push(out: SessionTag[], key: string, value: string): void {
  if (isSessionTagValue(value)) out.push({ key, value });
}

/**
 * The session tags of a certificate under `mappings` (a profile's `attributeMappings`).
 *
 * @example
 * sessionTags(certificateAttributes(leaf), DEFAULT_ATTRIBUTE_MAPPINGS)
 * // [{ key: "x509Subject/CN", value: "app-1" }, { key: "x509Issuer/CN", value: "Example CA" }, …]
 */
export function sessionTags(
  attributes: CertificateAttributes,
  mappings: readonly AttributeMapping[],
): SessionTag[] {
  const specifiers = (field: AttributeMapping["certificateField"]): string[] =>
    mappings
      .filter((m) => m.certificateField === field)
      .flatMap((m) => m.mappingRules.map((r) => r.specifier));
  const has = (field: AttributeMapping["certificateField"]) =>
    mappings.some((m) => m.certificateField === field);
  const san = specifiers("x509SAN");
  const names = san.filter((s) => s === "Name" || s.startsWith("Name/")).map((s) => s.slice(5) || "*");
  const out: SessionTag[] = [];
  nameTags(
    "x509Subject",
    attributes.subject,
    has("x509Subject") ? selection(specifiers("x509Subject")) : NONE,
    out,
  );
  nameTags(
    "x509Issuer",
    attributes.issuer,
    has("x509Issuer") ? selection(specifiers("x509Issuer")) : NONE,
    out,
  );
  if (san.includes("DNS") && attributes.san.dns !== undefined) push(out, "x509SAN/DNS", attributes.san.dns);
  if (san.includes("URI") && attributes.san.uri !== undefined) push(out, "x509SAN/URI", attributes.san.uri);
  if (attributes.san.name !== undefined)
    nameTags("x509SAN/Name", attributes.san.name, names.length === 0 ? NONE : selection(names), out);
  return out;
}
