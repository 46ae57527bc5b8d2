// The certificate attributes Roles Anywhere exposes to trust policies and session tags
// (spec §5.8): aws:PrincipalTag/x509Subject/<RDN>, x509Issuer/<RDN>, x509SAN/DNS, /URI, /Name/<RDN>.
import { sharedPkiCache } from "./pki-cache.js";
import type { ParsedCertificate } from "./certificate.js";
import type { DistinguishedName } from "./distinguished-name.js";
import { ATTR } from "./oids.js";

/**
 * RDN short names that become attributes, by OID. Roles Anywhere documents C, O, OU, ST, L, CN
 * (and UID); the full list is UNCONFIRMED (spec §5.8), so we also map DC, emailAddress and
 * SERIALNUMBER. Any other attribute type is skipped.
 */
export const RDN_SHORT_NAMES: Readonly<Record<string, string>> = {
  [ATTR.C]: "C",
  [ATTR.ST]: "ST",
  [ATTR.L]: "L",
  [ATTR.O]: "O",
  [ATTR.OU]: "OU",
  [ATTR.CN]: "CN",
  [ATTR.UID]: "UID",
  [ATTR.DC]: "DC",
  [ATTR.emailAddress]: "emailAddress",
  [ATTR.SERIALNUMBER]: "SERIALNUMBER",
};

export type Attribute = readonly [shortName: string, value: string];

export interface CertificateAttributes {
  /** Subject attributes in certificate order (most significant RDN first, e.g. C before CN). */
  readonly subject: readonly Attribute[];
  readonly issuer: readonly Attribute[];
  readonly san: {
    /** The first dNSName. */
    readonly dns?: string;
    /** The first uniformResourceIdentifier. */
    readonly uri?: string;
    /** The RDNs of the first directoryName. */
    readonly name?: readonly Attribute[];
  };
  readonly serialHex: string;
  /** RFC 4514, e.g. `CN=test-client,OU=engineering,O=Example,C=US`. */
  readonly subjectDn: string;
  readonly issuerDn: string;
}

const attributesOf = (dn: DistinguishedName): Attribute[] =>
  dn.rdns.flatMap((rdn) =>
    rdn.flatMap((a) => {
      const short = RDN_SHORT_NAMES[a.oid];
      return short !== undefined && a.value !== undefined ? [[short, a.value] as const] : [];
    }),
  );

/**
 * The attributes CreateSession maps to principal tags.
 *
 * @example
 * const a = certificateAttributes(leaf);
 * a.subject; // [["C","US"],["O","Example"],["OU","engineering"],["CN","test-client"]]
 */
export function certificateAttributes(cert: ParsedCertificate | Uint8Array): CertificateAttributes {
  const c = cert instanceof Uint8Array ? sharedPkiCache().certificate(cert) : cert;
  const sans = c.subjectAltName ?? [];
  let dns: string | undefined;
  let uri: string | undefined;
  let name: Attribute[] | undefined;
  for (const n of sans) {
    if (n.type === "dNSName") dns ??= n.value;
    else if (n.type === "uniformResourceIdentifier") uri ??= n.value;
    else if (n.type === "directoryName") name ??= attributesOf(n.name);
  }
  return {
    subject: attributesOf(c.subject),
    issuer: attributesOf(c.issuer),
    san: {
      ...(dns !== undefined ? { dns } : {}),
      ...(uri !== undefined ? { uri } : {}),
      ...(name !== undefined ? { name } : {}),
    },
    serialHex: c.serialHex,
    subjectDn: c.subject.text,
    issuerDn: c.issuer.text,
  };
}

const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * Whether a value can be a session tag value (`[\p{L}\p{Z}\p{N}_.:/=+\-@]*`, at most 256
 * characters). Roles Anywhere drops attributes whose value does not qualify (spec §5.8).
 */
export const isSessionTagValue = (value: string): boolean => value.length <= 256 && TAG_VALUE.test(value);
