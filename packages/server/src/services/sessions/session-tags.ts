// Certificate attributes → session tags, through the profile's attribute mappings (spec §5.8):
// `x509Subject/<RDN>`, `x509Issuer/<RDN>`, `x509SAN/DNS`, `x509SAN/URI`, `x509SAN/Name/<RDN>`.
// A specifier `*` (or `Name/*` under x509SAN) maps every recognised RDN; a named one maps that RDN
// (short names compared case-insensitively). A repeated RDN becomes one tag whose values are joined
// with `/` in certificate order; a value that is not a valid session tag value (pattern or length)
// is dropped, so conditions cannot see it. What is not mapped produces no tag.
import { isSessionTagValue, type Attribute, type CertificateAttributes } from "@anchorage/pki";
import type { SessionTag } from "../../principal.js";
import type { AttributeMappingRecord } from "../../store/store.js";
import { CreateSessionRefusal } from "./refusal.js";

/** STS's limit of session tags (UNCONFIRMED for Roles Anywhere: a clear refusal beyond it). */
export const MAX_SESSION_TAGS = 50;

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

/** Compiles a profile's `attributeMappings` (stored as PutAttributeMapping left them). */
export function compileAttributeMappings(
  mappings: readonly AttributeMappingRecord[],
): AttributeMappingFilter {
  const specifiers = (field: AttributeMappingRecord["certificateField"]): string[] =>
    mappings
      .filter((m) => m.certificateField === field)
      .flatMap((m) => m.mappingRules.map((r) => r.specifier));
  const san = specifiers("x509SAN");
  const names = san.filter((s) => s === "Name" || s.startsWith("Name/")).map((s) => s.slice(5) || "*");
  return {
    subject: mappings.some((m) => m.certificateField === "x509Subject")
      ? selection(specifiers("x509Subject"))
      : NONE,
    issuer: mappings.some((m) => m.certificateField === "x509Issuer")
      ? selection(specifiers("x509Issuer"))
      : NONE,
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
 * The session tags of a certificate under a profile's mappings.
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

/** {@link sessionTags}, refused when the certificate yields more than STS's 50 session tags. */
export function mappedSessionTags(
  attributes: CertificateAttributes,
  filter: AttributeMappingFilter,
  profileName: string,
): SessionTag[] {
  const tags = sessionTags(attributes, filter);
  if (tags.length > MAX_SESSION_TAGS) {
    throw new CreateSessionRefusal(
      "TooManySessionTags",
      `The certificate maps to ${tags.length} session tags under the attribute mappings of profile ${profileName}; a session takes at most ${MAX_SESSION_TAGS}. Map fewer attributes (aws rolesanywhere put-attribute-mapping / delete-attribute-mapping).`,
      { detail: { tagKeys: tags.map((t) => t.key) } },
    );
  }
  return tags;
}
