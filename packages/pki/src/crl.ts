// X.509 CRLs (RFC 5280 §5): strict parsing of PEM ("X509 CRL") or DER, and signature checks.
import { hash } from "node:crypto";
import { describeCertificate, serialHexOf, type ParsedCertificate } from "./certificate.js";
import {
  DerError,
  DerReader,
  TAG,
  bytesOf,
  contentOf,
  readBoolean,
  readOid,
  readSingle,
  readSmallInteger,
  readTime,
  type Tlv,
} from "./der.js";
import { parseName, type DistinguishedName } from "./distinguished-name.js";
import { PkiError } from "./errors.js";
import { parsePem } from "./pem.js";
import { sharedPkiCache, type PkiCache } from "./pki-cache.js";
import { EXT } from "./oids.js";
import { parseSignatureAlgorithm, type SignatureAlgorithm } from "./signature-algorithm.js";

/** CRLReason (RFC 5280 §5.3.1); value 7 is unused. */
export const CRL_REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  undefined,
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
] as const;
export type CrlReason = Exclude<(typeof CRL_REASONS)[number], undefined>;

export interface CrlEntry {
  /** Same canonical form as ParsedCertificate.serialHex. */
  readonly serialHex: string;
  readonly revocationDate: Date;
  readonly reason: CrlReason | undefined;
  readonly invalidityDate: Date | undefined;
}

export interface ParsedCrl {
  readonly raw: Buffer;
  readonly sha256: string;
  readonly tbs: Buffer;
  readonly signature: Buffer;
  readonly signatureAlgorithm: SignatureAlgorithm;
  /** 1 or 2. */
  readonly version: number;
  /** `issuer.raw` is the Name's DER, `issuer.text` its RFC 4514 form. */
  readonly issuer: DistinguishedName;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  /** The cRLNumber extension; RFC 5280 §5.2.3 requires it (see `warnings` when absent). */
  readonly number: bigint | undefined;
  readonly authorityKeyId: Buffer | undefined;
  /** From issuingDistributionPoint: which certificates this CRL covers. */
  readonly scope: "all" | "user-certs" | "ca-certs";
  readonly entries: readonly CrlEntry[];
  /** Non-fatal deviations from RFC 5280 (missing cRLNumber or nextUpdate). */
  readonly warnings: readonly string[];
}

const notACrl = (message: string, cause?: unknown): PkiError =>
  new PkiError("NotACrl", message, cause === undefined ? undefined : { cause });

/** Finds the DER in PEM or DER input, naming what was found instead of a CRL. */
function crlDer(data: Buffer | string): Buffer {
  if (data.length === 0) throw notACrl("not a CRL: the input is empty");
  if (typeof data !== "string" && data[0] === TAG.SEQUENCE) return data;
  const text = typeof data === "string" ? data : data.toString("latin1");
  if (!text.includes("-----BEGIN "))
    throw notACrl("not a CRL: the input is neither PEM (-----BEGIN X509 CRL-----) nor DER (garbage)");
  let blocks;
  try {
    blocks = parsePem(text);
  } catch (cause) {
    throw notACrl(`not a CRL: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
  }
  const crls = blocks.filter((b) => b.label === "X509 CRL");
  if (crls.length === 0) {
    const found = blocks[0]?.label;
    if (found === "CRL")
      throw notACrl(
        'not a CRL: the PEM label must be "X509 CRL" (RFC 7468), found "CRL"; openssl cannot read it either',
      );
    throw notACrl(found ? `not a CRL: found a ${found} PEM block` : "not a CRL: no complete PEM block found");
  }
  if (crls.length > 1) throw notACrl(`expected one CRL, found ${crls.length} X509 CRL blocks`);
  return crls[0]!.der;
}

/**
 * Parses a CRL from PEM (`-----BEGIN X509 CRL-----`) or DER. Rejects anything else with
 * `PkiError("NotACrl")` whose message says what was found: another PEM block, garbage, truncated
 * DER, a critical extension we do not know (CRL or entry), delta or indirect CRLs.
 *
 * @example
 * const crl = parseCrl(readFileSync("ca.crl.pem"));
 * console.log(crl.issuer.text, crl.entries.length, crl.nextUpdate);
 */
export function parseCrl(data: Buffer | string): ParsedCrl {
  const der = Buffer.from(crlDer(data));
  try {
    return parseCrlDer(der);
  } catch (cause) {
    if (cause instanceof DerError) throw notACrl(`not a valid CRL: ${cause.message}`, cause);
    throw cause;
  }
}

/**
 * Every CRL in a PEM file (several `X509 CRL` blocks) or a single DER CRL; an empty input is an
 * empty list. Any other PEM block is refused, as in {@link parseCrl}.
 *
 * @example
 * const index = new RevocationIndex(parseCrlBundle(readFileSync("crls.pem")));
 */
export function parseCrlBundle(data: Buffer | string): ParsedCrl[] {
  if (data.length === 0 || (typeof data === "string" ? data : data.toString("latin1")).trim() === "")
    return [];
  if (typeof data !== "string" && data[0] === TAG.SEQUENCE) return [parseCrl(data)];
  const text = typeof data === "string" ? data : data.toString("latin1");
  let blocks;
  try {
    blocks = parsePem(text);
  } catch (cause) {
    throw notACrl(`not a CRL: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
  }
  if (blocks.length === 0) return [parseCrl(data)]; // names what the input is instead
  return blocks.map((b, i) => {
    if (b.label !== "X509 CRL") throw notACrl(`not a CRL: block ${i + 1} is a ${b.label} PEM block`);
    return parseCrl(b.der);
  });
}

interface ExtensionTlv {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Buffer;
}

function readExtensions(der: Buffer, seqTlv: Tlv, where: string, allowEmpty = false): ExtensionTlv[] {
  const r = new DerReader(der, seqTlv, where);
  const out: ExtensionTlv[] = [];
  while (!r.done) {
    const e = new DerReader(der, r.expect(TAG.SEQUENCE, "Extension"), where);
    const oid = readOid(der, e.expect(TAG.OID, "extnID"), where);
    const c = e.optional(TAG.BOOLEAN, "critical");
    const critical = c ? readBoolean(der, c, where) : false;
    const value = contentOf(der, e.expect(TAG.OCTET_STRING, "extnValue"));
    e.finish();
    if (out.some((x) => x.oid === oid)) throw notACrl(`${where}: extension ${oid} appears more than once`);
    out.push({ oid, critical, value });
  }
  if (out.length === 0 && !allowEmpty) throw new DerError(`${where}: extensions must not be empty`);
  return out;
}

function parseCrlDer(der: Buffer): ParsedCrl {
  const top = readSingle(der, TAG.SEQUENCE, "CertificateList");
  const cl = new DerReader(der, top, "CertificateList");
  const tbsTlv = cl.expect(TAG.SEQUENCE, "tbsCertList");
  const alg = parseSignatureAlgorithm(
    der,
    cl.expect(TAG.SEQUENCE, "signatureAlgorithm"),
    "signatureAlgorithm",
  );
  const sig = contentOf(der, cl.expect(TAG.BIT_STRING, "signatureValue"));
  cl.finish();
  if (sig.length < 2 || sig[0] !== 0) throw new DerError("signatureValue must be whole bytes");

  const t = new DerReader(der, tbsTlv, "tbsCertList");
  let version = 1;
  const vTlv = t.optional(TAG.INTEGER, "version");
  if (vTlv) {
    const v = readSmallInteger(der, vTlv, "version");
    if (v !== 1) throw notACrl(`not a valid CRL: version field ${v} (only v2 = 1 may be encoded)`);
    version = 2;
  }
  const inner = t.expect(TAG.SEQUENCE, "signature");
  if (!bytesOf(der, inner).equals(alg.raw))
    throw notACrl("not a valid CRL: the signature algorithm inside tbsCertList differs from the outer one");
  const issuer = parseName(der, t.expect(TAG.SEQUENCE, "issuer"), "issuer");
  if (issuer.isEmpty) throw notACrl("not a valid CRL: the issuer name is empty");
  const thisUpdate = readTime(der, t.next("thisUpdate"), "thisUpdate");
  const nextTag = t.peekTag();
  const nextUpdate =
    nextTag === TAG.UTC_TIME || nextTag === TAG.GENERALIZED_TIME
      ? readTime(der, t.next("nextUpdate"), "nextUpdate")
      : undefined;
  const revoked = t.optional(TAG.SEQUENCE, "revokedCertificates");
  const extsTlv = t.optional(0xa0, "crlExtensions");
  t.finish();

  const entries: CrlEntry[] = [];
  if (revoked) {
    const rr = new DerReader(der, revoked, "revokedCertificates");
    while (!rr.done) entries.push(parseEntry(der, rr.expect(TAG.SEQUENCE, "entry"), version, entries.length));
  }

  const warnings: string[] = [];
  let number: bigint | undefined;
  let authorityKeyId: Buffer | undefined;
  let scope: ParsedCrl["scope"] = "all";
  if (extsTlv) {
    if (version !== 2) throw notACrl("not a valid CRL: a v1 CRL must not carry extensions");
    const w = new DerReader(der, extsTlv, "crlExtensions");
    const exts = readExtensions(der, w.expect(TAG.SEQUENCE, "Extensions"), "crlExtensions");
    w.finish();
    for (const e of exts) {
      switch (e.oid) {
        case EXT.crlNumber: {
          if (e.critical)
            throw notACrl(
              "not a valid CRL: cRLNumber is marked critical (RFC 5280 §5.2.3: MUST be non-critical)",
            );
          const content = contentOf(e.value, readSingle(e.value, TAG.INTEGER, "cRLNumber"));
          if ((content[0]! & 0x80) !== 0) throw notACrl("not a valid CRL: cRLNumber is negative");
          if (content.length > 21) throw notACrl("not a valid CRL: cRLNumber is longer than 20 octets");
          number = BigInt(`0x${content.toString("hex")}`);
          break;
        }
        case EXT.authorityKeyIdentifier: {
          const a = new DerReader(
            e.value,
            readSingle(e.value, TAG.SEQUENCE, "authorityKeyIdentifier"),
            "AKI",
          );
          const kid = a.optional(0x80, "keyIdentifier");
          authorityKeyId = kid ? contentOf(e.value, kid) : undefined;
          break;
        }
        case EXT.deltaCrlIndicator:
          throw notACrl("unsupported CRL: delta CRLs are not supported; import the complete (base) CRL");
        case EXT.issuingDistributionPoint:
          scope = parseIdp(e.value);
          break;
        case EXT.issuerAltName:
        case EXT.authorityInfoAccess:
        case EXT.freshestCrl:
          break;
        default:
          if (e.critical) throw notACrl(`not a usable CRL: unknown critical CRL extension ${e.oid}`);
      }
    }
  }
  if (number === undefined)
    warnings.push("the CRL has no cRLNumber extension (RFC 5280 §5.2.3 requires one)");
  if (nextUpdate === undefined) warnings.push("the CRL has no nextUpdate (RFC 5280 §5.1.2.5 requires one)");
  return {
    raw: der,
    sha256: hash("sha256", der, "hex"),
    tbs: bytesOf(der, tbsTlv),
    signature: sig.subarray(1),
    signatureAlgorithm: alg,
    version,
    issuer,
    thisUpdate,
    nextUpdate,
    number,
    authorityKeyId,
    scope,
    entries,
    warnings,
  };
}

function parseIdp(value: Buffer): ParsedCrl["scope"] {
  const r = new DerReader(
    value,
    readSingle(value, TAG.SEQUENCE, "issuingDistributionPoint"),
    "issuingDistributionPoint",
  );
  r.optional(0xa0, "distributionPoint");
  const user = r.optional(0x81, "onlyContainsUserCerts");
  const ca = r.optional(0x82, "onlyContainsCACerts");
  if (r.optional(0xa3, "onlySomeReasons"))
    throw notACrl(
      "unsupported CRL: issuingDistributionPoint onlySomeReasons (a partial CRL); import a complete CRL",
    );
  const indirect = r.optional(0x84, "indirectCRL");
  const attr = r.optional(0x85, "onlyContainsAttributeCerts");
  r.finish();
  const flag = (t: Tlv | undefined): boolean =>
    t !== undefined && value[t.content] === 0xff && t.end - t.content === 1;
  if (flag(indirect)) throw notACrl("unsupported CRL: indirect CRLs are not supported");
  if (flag(attr)) throw notACrl("unsupported CRL: it only covers attribute certificates");
  if (flag(user) && flag(ca))
    throw notACrl("not a valid CRL: onlyContainsUserCerts and onlyContainsCACerts both set");
  return flag(user) ? "user-certs" : flag(ca) ? "ca-certs" : "all";
}

function parseEntry(der: Buffer, tlv: Tlv, version: number, index: number): CrlEntry {
  const where = `revokedCertificates[${index}]`;
  const r = new DerReader(der, tlv, where);
  const serial = contentOf(der, r.expect(TAG.INTEGER, "userCertificate"));
  if (serial.length === 0) throw new DerError(`${where}: empty serial number`);
  const revocationDate = readTime(der, r.next("revocationDate"), `${where}.revocationDate`);
  const extTlv = r.optional(TAG.SEQUENCE, "crlEntryExtensions");
  r.finish();
  let reason: CrlReason | undefined;
  let invalidityDate: Date | undefined;
  if (extTlv) {
    if (version !== 2) throw notACrl(`not a valid CRL: ${where} has extensions in a v1 CRL`);
    // An empty crlEntryExtensions SEQUENCE is not DER-valid, but common generators (@peculiar/x509
    // among them) write one for entries without a reason; it carries nothing, so accept it.
    for (const e of readExtensions(der, extTlv, `${where}.extensions`, true)) {
      if (e.oid === EXT.reasonCode) {
        const code = contentOf(e.value, readSingle(e.value, TAG.ENUMERATED, "reasonCode"));
        const n = code.length === 1 ? code[0]! : -1;
        const name = CRL_REASONS[n];
        if (name === undefined)
          throw notACrl(`not a valid CRL: ${where} has an unknown reasonCode ${code.toString("hex")}`);
        reason = name;
      } else if (e.oid === EXT.invalidityDate) {
        const v = e.value;
        invalidityDate = readTime(v, readSingle(v, TAG.GENERALIZED_TIME, "invalidityDate"), "invalidityDate");
      } else if (e.oid === EXT.certificateIssuer) {
        throw notACrl(`unsupported CRL: ${where} has a certificateIssuer entry extension (indirect CRL)`);
      } else if (e.critical) {
        throw notACrl(`not a usable CRL: ${where} has an unknown critical entry extension ${e.oid}`);
      }
    }
  }
  return { serialHex: serialHexOf(serial), revocationDate, reason, invalidityDate };
}

export type CrlSignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Checks that `issuer` issued `crl`: names match, the issuer may sign CRLs (keyUsage cRLSign when
 * keyUsage is present), the algorithm is SHA-256+ and the signature verifies with its key.
 *
 * @example
 * const check = verifyCrlSignature(parseCrl(pem), anchors.certificates[0]);
 * if (!check.ok) throw new Error(check.reason);
 */
export function verifyCrlSignature(
  crl: ParsedCrl,
  issuer: ParsedCertificate | Uint8Array,
  options: { cache?: PkiCache } = {},
): CrlSignatureCheck {
  const cache = options.cache ?? sharedPkiCache();
  const ca = issuer instanceof Uint8Array ? cache.certificate(issuer) : issuer;
  if (crl.issuer.key !== ca.subject.key)
    return {
      ok: false,
      reason: `the CRL issuer "${crl.issuer.text}" is not the certificate's subject "${ca.subject.text}"`,
    };
  if (ca.keyUsage && !ca.keyUsage.has("cRLSign"))
    return {
      ok: false,
      reason: `the issuing CA ${describeCertificate(ca)} has keyUsage without cRLSign, so it may not sign CRLs`,
    };
  const alg = crl.signatureAlgorithm;
  if (alg.weak)
    return { ok: false, reason: `the CRL is signed with ${alg.name}; SHA-256 or stronger is required` };
  if (alg.problem)
    return {
      ok: false,
      reason: `the CRL's signature algorithm ${alg.name} is not supported (${alg.problem})`,
    };
  if (!cache.signedBy(crl, ca))
    return {
      ok: false,
      reason: `the CRL's signature does not verify with the key of ${describeCertificate(ca)}`,
    };
  return { ok: true };
}
