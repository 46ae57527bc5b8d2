// The extension registry: one private Map from OID to how the extension is decoded and which
// criticality RFC 5280 allows. Decoding problems become "defects" of the certificate (so an
// unrelated intermediate with a broken extension does not fail a path it is not part of).
import {
  DerError,
  DerReader,
  TAG,
  contentOf,
  integerContent,
  readBitString,
  readBoolean,
  readOid,
  readSingle,
  readSmallInteger,
} from "./der.js";
import type { PathErrorCode } from "./errors.js";
import {
  describeGeneralName,
  parseGeneralName,
  parseGeneralNames,
  type GeneralName,
} from "./general-name.js";
import {
  constraintSyntaxProblem,
  isValidDnsName,
  isValidMailbox,
  type GeneralSubtree,
} from "./name-constraints.js";
import { ANY_POLICY, EXT } from "./oids.js";

/** A problem that makes a certificate unusable in a path. */
export interface Defect {
  readonly code: PathErrorCode;
  readonly message: string;
  /**
   * True for RFC 5280 issuance rules that do not affect what the certificate authorises (AKI/SKI
   * presence, criticality flags, SAN syntax). Enforced by the "rfc5280" profile only.
   */
  readonly pedantic: boolean;
  /** Rules about how a certificate was issued that do not apply to a configured trust anchor (serials). */
  readonly anchorExempt?: boolean;
}

export interface Extension {
  readonly oid: string;
  /** Registry name (e.g. "basicConstraints") or the OID when unknown. */
  readonly name: string;
  readonly critical: boolean;
  /** The extnValue OCTET STRING's content. */
  readonly value: Buffer;
  readonly known: boolean;
}

export const KEY_USAGE_BITS = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
] as const;
export type KeyUsageBit = (typeof KEY_USAGE_BITS)[number];

export interface DecodedExtensions {
  basicConstraints?: {
    readonly ca: boolean;
    readonly pathLen: number | undefined;
    readonly critical: boolean;
  };
  keyUsage?: ReadonlySet<KeyUsageBit>;
  extKeyUsage?: readonly string[];
  subjectAltName?: readonly GeneralName[];
  subjectAltNameCritical?: boolean;
  subjectKeyId?: Buffer;
  authorityKeyId?: { readonly keyId: Buffer | undefined };
  nameConstraints?: {
    readonly permitted: readonly GeneralSubtree[];
    readonly excluded: readonly GeneralSubtree[];
  };
  certificatePolicies?: readonly string[];
  policyMappings?: readonly { readonly issuerDomain: string; readonly subjectDomain: string }[];
  policyConstraints?: {
    readonly requireExplicitPolicy: number | undefined;
    readonly inhibitPolicyMapping: number | undefined;
  };
  inhibitAnyPolicy?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Sink = Mutable<DecodedExtensions>;

interface ExtensionSpec {
  readonly name: string;
  /** "non-critical": RFC 5280 says MUST be non-critical; "critical": MUST be critical. */
  readonly criticality: "any" | "non-critical" | "critical";
  /** Whether a criticality violation is only an issuance-rule (pedantic) defect. */
  readonly criticalityPedantic: boolean;
  readonly decode?: (value: Buffer, critical: boolean, into: Sink, defects: Defect[]) => void;
}

const defect = (code: PathErrorCode, message: string, pedantic = false): Defect => ({
  code,
  message,
  pedantic,
});

// ---------------------------------------------------------------------------------- decoders
function decodeBasicConstraints(v: Buffer, critical: boolean, into: Sink): void {
  const r = new DerReader(v, readSingle(v, TAG.SEQUENCE, "basicConstraints"), "basicConstraints");
  const caTlv = r.optional(TAG.BOOLEAN, "cA");
  const ca = caTlv ? readBoolean(v, caTlv, "basicConstraints.cA") : false;
  const plTlv = r.optional(TAG.INTEGER, "pathLenConstraint");
  const pathLen = plTlv ? readSmallInteger(v, plTlv, "basicConstraints.pathLenConstraint") : undefined;
  r.finish();
  into.basicConstraints = { ca, pathLen, critical };
}

function decodeKeyUsage(v: Buffer, _c: boolean, into: Sink, defects: Defect[]): void {
  const bits = readBitString(v, readSingle(v, TAG.BIT_STRING, "keyUsage"), "keyUsage");
  const set = new Set<KeyUsageBit>();
  KEY_USAGE_BITS.forEach((name, i) => {
    const byte = bits.bytes[i >> 3];
    if (byte !== undefined && (byte & (0x80 >> (i & 7))) !== 0) set.add(name);
  });
  if (set.size === 0) defects.push(defect("InvalidCertificate", "keyUsage is present but asserts no bit"));
  into.keyUsage = set;
}

function decodeExtKeyUsage(v: Buffer, _c: boolean, into: Sink): void {
  const tlv = readSingle(v, TAG.SEQUENCE, "extKeyUsage");
  const r = new DerReader(v, tlv, "extKeyUsage");
  const oids: string[] = [];
  while (!r.done) oids.push(readOid(v, r.expect(TAG.OID, "KeyPurposeId"), "extKeyUsage"));
  if (oids.length === 0)
    throw new DerError("extKeyUsage must list at least one purpose (RFC 5280 §4.2.1.12)");
  into.extKeyUsage = oids;
}

function decodeSubjectAltName(v: Buffer, critical: boolean, into: Sink, defects: Defect[]): void {
  const names = parseGeneralNames(v, readSingle(v, TAG.SEQUENCE, "subjectAltName"), "subjectAltName");
  for (const n of names) {
    if (n.type === "iPAddress" && n.bytes.length !== 4 && n.bytes.length !== 16)
      defects.push(
        defect("Malformed", `subjectAltName IP address of ${n.bytes.length} bytes (must be 4 or 16)`),
      );
    if (n.type === "dNSName" && !isValidDnsName(n.value, { allowWildcard: true }))
      defects.push(
        defect(
          "InvalidCertificate",
          `subjectAltName dNSName "${n.value}" is not in preferred name syntax`,
          true,
        ),
      );
    if (n.type === "rfc822Name" && !isValidMailbox(n.value))
      defects.push(
        defect("InvalidCertificate", `subjectAltName rfc822Name "${n.value}" is not a mailbox`, true),
      );
    if (n.type === "uniformResourceIdentifier" && !/^[a-z][a-z0-9+.-]*:/i.test(n.value))
      defects.push(defect("InvalidCertificate", `subjectAltName URI "${n.value}" has no scheme`, true));
  }
  into.subjectAltName = names;
  into.subjectAltNameCritical = critical;
}

function decodeSubjectKeyId(v: Buffer, _c: boolean, into: Sink): void {
  into.subjectKeyId = contentOf(v, readSingle(v, TAG.OCTET_STRING, "subjectKeyIdentifier"));
}

function decodeAuthorityKeyId(v: Buffer, _c: boolean, into: Sink): void {
  const r = new DerReader(v, readSingle(v, TAG.SEQUENCE, "authorityKeyIdentifier"), "authorityKeyIdentifier");
  const kid = r.optional(0x80, "keyIdentifier");
  const issuer = r.optional(0xa1, "authorityCertIssuer");
  const serial = r.optional(0x82, "authorityCertSerialNumber");
  r.finish();
  if ((issuer === undefined) !== (serial === undefined))
    throw new DerError(
      "authorityKeyIdentifier: authorityCertIssuer and authorityCertSerialNumber go together",
    );
  if (issuer) {
    const gr = new DerReader(v, issuer, "authorityCertIssuer");
    while (!gr.done) parseGeneralName(v, gr.next("GeneralName"), "authorityCertIssuer");
  }
  if (serial) integerContent(contentOf(v, serial), "authorityCertSerialNumber");
  into.authorityKeyId = { keyId: kid ? contentOf(v, kid) : undefined };
}

function decodeSubtrees(
  v: Buffer,
  tlvTag: number,
  r: DerReader,
  what: string,
  defects: Defect[],
): GeneralSubtree[] {
  const t = r.optional(tlvTag, what);
  if (!t) return [];
  const sr = new DerReader(v, t, `nameConstraints.${what}`);
  const out: GeneralSubtree[] = [];
  while (!sr.done) {
    const st = new DerReader(v, sr.expect(TAG.SEQUENCE, "GeneralSubtree"), `nameConstraints.${what}`);
    const base = parseGeneralName(v, st.next("base"), `nameConstraints.${what}`);
    if (st.optional(0x80, "minimum") || st.optional(0x81, "maximum"))
      defects.push(
        defect("InvalidCertificate", `name constraint ${describeGeneralName(base)} uses minimum/maximum`),
      );
    st.finish();
    const problem = constraintSyntaxProblem(base);
    if (problem) defects.push(defect("InvalidCertificate", `malformed name constraint: ${problem}`));
    out.push({ base });
  }
  if (out.length === 0) throw new DerError(`nameConstraints.${what} must not be empty`);
  return out;
}

function decodeNameConstraints(v: Buffer, _c: boolean, into: Sink, defects: Defect[]): void {
  const r = new DerReader(v, readSingle(v, TAG.SEQUENCE, "nameConstraints"), "nameConstraints");
  const permitted = decodeSubtrees(v, 0xa0, r, "permittedSubtrees", defects);
  const excluded = decodeSubtrees(v, 0xa1, r, "excludedSubtrees", defects);
  r.finish();
  if (permitted.length === 0 && excluded.length === 0)
    throw new DerError("nameConstraints must contain permittedSubtrees or excludedSubtrees");
  into.nameConstraints = { permitted, excluded };
}

function decodeCertificatePolicies(v: Buffer, _c: boolean, into: Sink, defects: Defect[]): void {
  const r = new DerReader(v, readSingle(v, TAG.SEQUENCE, "certificatePolicies"), "certificatePolicies");
  const ids: string[] = [];
  while (!r.done) {
    const pi = new DerReader(v, r.expect(TAG.SEQUENCE, "PolicyInformation"), "certificatePolicies");
    const id = readOid(v, pi.expect(TAG.OID, "policyIdentifier"), "certificatePolicies");
    pi.optional(TAG.SEQUENCE, "policyQualifiers");
    pi.finish();
    if (ids.includes(id)) defects.push(defect("InvalidCertificate", `certificatePolicies lists ${id} twice`));
    ids.push(id);
  }
  if (ids.length === 0) throw new DerError("certificatePolicies must not be empty");
  into.certificatePolicies = ids;
}

function decodePolicyMappings(v: Buffer, _c: boolean, into: Sink, defects: Defect[]): void {
  const r = new DerReader(v, readSingle(v, TAG.SEQUENCE, "policyMappings"), "policyMappings");
  const out: { issuerDomain: string; subjectDomain: string }[] = [];
  while (!r.done) {
    const m = new DerReader(v, r.expect(TAG.SEQUENCE, "mapping"), "policyMappings");
    const issuerDomain = readOid(v, m.expect(TAG.OID, "issuerDomainPolicy"), "policyMappings");
    const subjectDomain = readOid(v, m.expect(TAG.OID, "subjectDomainPolicy"), "policyMappings");
    m.finish();
    if (issuerDomain === ANY_POLICY || subjectDomain === ANY_POLICY)
      defects.push(defect("InvalidCertificate", "policyMappings must not map anyPolicy"));
    out.push({ issuerDomain, subjectDomain });
  }
  if (out.length === 0) throw new DerError("policyMappings must not be empty");
  into.policyMappings = out;
}

function decodePolicyConstraints(v: Buffer, _c: boolean, into: Sink): void {
  const r = new DerReader(v, readSingle(v, TAG.SEQUENCE, "policyConstraints"), "policyConstraints");
  const req = r.optional(0x80, "requireExplicitPolicy");
  const inh = r.optional(0x81, "inhibitPolicyMapping");
  r.finish();
  if (!req && !inh)
    throw new DerError("policyConstraints must not be an empty SEQUENCE (RFC 5280 §4.2.1.11)");
  into.policyConstraints = {
    requireExplicitPolicy: req ? readSmallInteger(v, req, "requireExplicitPolicy") : undefined,
    inhibitPolicyMapping: inh ? readSmallInteger(v, inh, "inhibitPolicyMapping") : undefined,
  };
}

function decodeInhibitAnyPolicy(v: Buffer, _c: boolean, into: Sink): void {
  into.inhibitAnyPolicy = readSmallInteger(
    v,
    readSingle(v, TAG.INTEGER, "inhibitAnyPolicy"),
    "inhibitAnyPolicy",
  );
}

function decodeAccessDescriptions(v: Buffer): void {
  const r = new DerReader(v, readSingle(v, TAG.SEQUENCE, "accessDescriptions"), "accessDescriptions");
  while (!r.done) {
    const ad = new DerReader(v, r.expect(TAG.SEQUENCE, "AccessDescription"), "AccessDescription");
    readOid(v, ad.expect(TAG.OID, "accessMethod"), "accessMethod");
    parseGeneralName(v, ad.next("accessLocation"), "accessLocation");
    ad.finish();
  }
}

// ---------------------------------------------------------------------------------- registry
const spec = (
  name: string,
  criticality: ExtensionSpec["criticality"],
  criticalityPedantic: boolean,
  decode?: ExtensionSpec["decode"],
): ExtensionSpec => ({ name, criticality, criticalityPedantic, decode });

const REGISTRY: ReadonlyMap<string, ExtensionSpec> = new Map([
  [EXT.basicConstraints, spec("basicConstraints", "any", false, decodeBasicConstraints)],
  [EXT.keyUsage, spec("keyUsage", "any", false, decodeKeyUsage)],
  [EXT.extKeyUsage, spec("extKeyUsage", "any", false, decodeExtKeyUsage)],
  [EXT.subjectAltName, spec("subjectAltName", "any", false, decodeSubjectAltName)],
  [EXT.issuerAltName, spec("issuerAltName", "any", false)],
  [EXT.subjectKeyIdentifier, spec("subjectKeyIdentifier", "non-critical", true, decodeSubjectKeyId)],
  [EXT.authorityKeyIdentifier, spec("authorityKeyIdentifier", "non-critical", true, decodeAuthorityKeyId)],
  [EXT.nameConstraints, spec("nameConstraints", "critical", true, decodeNameConstraints)],
  [EXT.certificatePolicies, spec("certificatePolicies", "any", false, decodeCertificatePolicies)],
  [EXT.policyMappings, spec("policyMappings", "any", false, decodePolicyMappings)],
  [EXT.policyConstraints, spec("policyConstraints", "critical", true, decodePolicyConstraints)],
  [EXT.inhibitAnyPolicy, spec("inhibitAnyPolicy", "critical", true, decodeInhibitAnyPolicy)],
  [EXT.crlDistributionPoints, spec("cRLDistributionPoints", "any", false)],
  // Informational extensions we never act on: RFC 5280 requires them to be non-critical, and a
  // critical one would demand processing we do not do, so criticality is a hard failure.
  [
    EXT.authorityInfoAccess,
    spec("authorityInfoAccess", "non-critical", false, (v) => decodeAccessDescriptions(v)),
  ],
  [
    EXT.subjectInfoAccess,
    spec("subjectInfoAccess", "non-critical", false, (v) => decodeAccessDescriptions(v)),
  ],
  [EXT.freshestCrl, spec("freshestCRL", "non-critical", false)],
  [EXT.subjectDirectoryAttributes, spec("subjectDirectoryAttributes", "non-critical", false)],
  [EXT.ctPrecertificateScts, spec("ctPrecertificateScts", "non-critical", false)],
]);

export const extensionName = (oid: string): string => REGISTRY.get(oid)?.name ?? oid;

/** Decodes one extension; returns its registry entry name and whether it is known. */
export function decodeExtension(
  oid: string,
  critical: boolean,
  value: Buffer,
  into: DecodedExtensions,
  defects: Defect[],
): Extension {
  const s = REGISTRY.get(oid);
  if (!s) {
    if (critical) defects.push(defect("UnknownCriticalExtension", `unknown critical extension ${oid}`));
    return { oid, name: oid, critical, value, known: false };
  }
  if (s.criticality === "non-critical" && critical)
    defects.push(
      defect(
        "InvalidCertificate",
        `${s.name} is marked critical; RFC 5280 requires it to be non-critical`,
        s.criticalityPedantic,
      ),
    );
  if (s.criticality === "critical" && !critical)
    defects.push(
      defect(
        "InvalidCertificate",
        `${s.name} is not marked critical; RFC 5280 requires it to be critical`,
        s.criticalityPedantic,
      ),
    );
  try {
    s.decode?.(value, critical, into as Sink, defects);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    defects.push(defect("Malformed", `${s.name} extension is malformed: ${why}`));
  }
  return { oid, name: s.name, critical, value, known: true };
}
