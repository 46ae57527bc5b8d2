// Certificate attributes → session tags, through a profile's attribute mappings (spec §5.8):
// `x509Subject/<RDN>`, `x509Issuer/<RDN>`, `x509SAN/DNS`, `x509SAN/URI`, `x509SAN/Name/<RDN>`.
// A specifier `*` (or `Name/*` under x509SAN) maps every recognised RDN; a named one maps that RDN
// (short names compared case-insensitively). A repeated RDN becomes one tag whose values are joined
// with `/` in certificate order; a value that is not a valid session tag value (pattern or length)
// is dropped, so conditions cannot see it. What is not mapped produces no tag. The server's
// CreateSession and `anchorage doctor` both derive tags here.
import { isSessionTagValue, type Attribute, type CertificateAttributes } from "./certificate-attributes.js";

export interface SessionTag {
  readonly key: string;
  readonly value: string;
}

/** One entry of a profile's `attributeMappings`, as the Roles Anywhere API carries it. */
export interface AttributeMapping {
  readonly certificateField: "x509Subject" | "x509Issuer" | "x509SAN";
  readonly mappingRules: readonly { readonly specifier: string }[];
}

/** The mappings of a new profile: every subject and issuer RDN, and the SAN's DNS, URI and directory name. */
export const DEFAULT_ATTRIBUTE_MAPPINGS: readonly AttributeMapping[] = [
  { certificateField: "x509Issuer", mappingRules: [{ specifier: "*" }] },
  {
    certificateField: "x509SAN",
    mappingRules: [{ specifier: "DNS" }, { specifier: "URI" }, { specifier: "Name/*" }],
  },
  { certificateField: "x509Subject", mappingRules: [{ specifier: "*" }] },
];

/** Which RDNs of a name are mapped: all of them, or those short names (lower case). */
type RdnSelection = "all" | ReadonlySet<string>;

/** A profile's attribute mappings, compiled. */
export interface AttributeMappingFilter {
  readonly subject: RdnSelection;
  readonly issuer: RdnSelection;
  readonly sanDns: boolean;
  readonly sanUri: boolean;
  readonly sanName: RdnSelection;
}

const NONE: ReadonlySet<string> = new Set();

function selection(specifiers: readonly string[]): RdnSelection {
  if (specifiers.includes("*")) return "all";
  return new Set(specifiers.map((s) => s.toLowerCase()));
}

/** Compiles a profile's `attributeMappings` (as PutAttributeMapping left them). */
export function compileAttributeMappings(mappings: readonly AttributeMapping[]): AttributeMappingFilter {
  const specifiers = (field: AttributeMapping["certificateField"]): string[] =>
    mappings
      .filter((m) => m.certificateField === field)
      .flatMap((m) => m.mappingRules.map((r) => r.specifier));
  const mapped = (field: AttributeMapping["certificateField"]): RdnSelection =>
    mappings.some((m) => m.certificateField === field) ? selection(specifiers(field)) : NONE;
  const san = specifiers("x509SAN");
  const names = san.filter((s) => s === "Name" || s.startsWith("Name/")).map((s) => s.slice(5) || "*");
  return {
    subject: mapped("x509Subject"),
    issuer: mapped("x509Issuer"),
    sanDns: san.includes("DNS"),
    sanUri: san.includes("URI"),
    sanName: names.length === 0 ? NONE : selection(names),
  };
}

const selected = (rdns: RdnSelection, shortName: string): boolean =>
  rdns === "all" || rdns.has(shortName.toLowerCase());

/** One tag per distinct short name, values joined with `/` in certificate order. */
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
 * The session tags of a certificate under a profile's compiled mappings.
 *
 * @example
 * sessionTags(certificateAttributes(leaf), compileAttributeMappings(DEFAULT_ATTRIBUTE_MAPPINGS))
 * // [{ key: "x509Subject/C", value: "US" }, …, { key: "x509SAN/DNS", value: "host.example.com" }]
 */
export function sessionTags(attributes: CertificateAttributes, filter: AttributeMappingFilter): SessionTag[] {
  const out: SessionTag[] = [];
  nameTags("x509Subject", attributes.subject, filter.subject, out);
  nameTags("x509Issuer", attributes.issuer, filter.issuer, out);
  if (filter.sanDns && attributes.san.dns !== undefined) push(out, "x509SAN/DNS", attributes.san.dns);
  if (filter.sanUri && attributes.san.uri !== undefined) push(out, "x509SAN/URI", attributes.san.uri);
  if (attributes.san.name !== undefined) nameTags("x509SAN/Name", attributes.san.name, filter.sanName, out);
  return out;
}
