// X.509 certificate parsing (RFC 5280 §4.1) with our strict DER reader. The result keeps the
// exact DER and TBS bytes, the decoded extensions the validator needs, and a list of defects:
// problems that make the certificate unusable in a path but do not stop it from being parsed.
import { hash } from "node:crypto";
import {
  DerError,
  DerReader,
  TAG,
  bytesOf,
  contentOf,
  integerContent,
  readBoolean,
  readOid,
  readSingle,
  readTime,
  type Tlv,
} from "./der.js";
import { parseName, type DistinguishedName } from "./distinguished-name.js";
import { PkiError } from "./errors.js";
import { decodeExtension, type DecodedExtensions, type Defect, type Extension } from "./extensions.js";
import { parsePublicKeyInfo, type PublicKeyInfo } from "./public-key.js";
import { parseSignatureAlgorithm, type SignatureAlgorithm } from "./signature-algorithm.js";

export interface ParsedCertificate extends Readonly<DecodedExtensions> {
  /** The certificate's DER. */
  readonly raw: Buffer;
  /** SHA-256 of the DER, lowercase hex: the certificate's identity (and cache key). */
  readonly sha256: string;
  /** The DER of tbsCertificate: exactly the bytes the issuer signed. */
  readonly tbs: Buffer;
  readonly signature: Buffer;
  readonly signatureAlgorithm: SignatureAlgorithm;
  /** 1, 2 or 3. */
  readonly version: number;
  /**
   * Serial number as uppercase hex of its DER INTEGER content, without the sign-padding 0x00
   * (so always an even number of digits), e.g. `03EA`. See {@link serialHexOf}.
   */
  readonly serialHex: string;
  readonly serialNegative: boolean;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: PublicKeyInfo;
  readonly extensions: readonly Extension[];
  /** Issuer and subject names match (RFC 5280 "self-issued"). */
  readonly selfIssued: boolean;
  readonly defects: readonly Defect[];
}

/**
 * Canonical hex of a serial number's INTEGER content: redundant leading zero octets and the
 * sign-padding 0x00 removed, uppercase, even length (`00 03 EA` → `03EA`, `00 80` → `80`).
 * Certificates and CRL entries use the same form so revocation lookups match. A negative serial
 * (invalid under RFC 5280) is rendered as `-` followed by its two's-complement bytes.
 */
export function serialHexOf(content: Buffer): string {
  if ((content[0]! & 0x80) !== 0) return `-${content.toString("hex").toUpperCase()}`; // two's complement, marked
  let i = 0;
  while (i < content.length - 1 && content[i] === 0) i++;
  return content.subarray(i).toString("hex").toUpperCase();
}

/** `subject "CN=x,O=y" (serial 03EA)` — how messages name a certificate. */
export const describeCertificate = (c: ParsedCertificate): string =>
  `"${c.subject.isEmpty ? "<empty subject>" : c.subject.text}" (serial ${c.serialHex})`;

/**
 * Parses a DER certificate (`sha256` may pass the DER's already computed hash). Throws `PkiError("Malformed")` when the outer structure is broken;
 * problems inside extensions and profile violations are returned in `defects` instead.
 */
export function parseCertificate(der: Uint8Array, sha256?: string): ParsedCertificate {
  // Copy: the result keeps slices of the DER and may live in a cache longer than the caller's buffer.
  const own = Buffer.from(der);
  try {
    return parseUnchecked(own, sha256 ?? hash("sha256", own, "hex"));
  } catch (cause) {
    if (cause instanceof DerError)
      throw new PkiError("Malformed", `not a valid X.509 certificate: ${cause.message}`, { cause });
    throw cause;
  }
}

function parseUnchecked(der: Buffer, sha256: string): ParsedCertificate {
  const defects: Defect[] = [];
  const cert = new DerReader(der, readSingle(der, TAG.SEQUENCE, "Certificate"), "Certificate");
  const tbsTlv = cert.expect(TAG.SEQUENCE, "tbsCertificate");
  const outerAlg = parseSignatureAlgorithm(
    der,
    cert.expect(TAG.SEQUENCE, "signatureAlgorithm"),
    "signatureAlgorithm",
  );
  const sigTlv = cert.expect(TAG.BIT_STRING, "signatureValue");
  cert.finish();
  const sigContent = contentOf(der, sigTlv);
  if (sigContent.length < 2 || sigContent[0] !== 0) throw new DerError("signatureValue: must be whole bytes");

  const tbs = new DerReader(der, tbsTlv, "tbsCertificate");
  let version = 1;
  const vTlv = tbs.optional(0xa0, "version");
  if (vTlv) {
    const vr = new DerReader(der, vTlv, "version");
    const v = integerContent(contentOf(der, vr.expect(TAG.INTEGER, "version")), "version");
    vr.finish();
    if (v.length !== 1 || v[0]! > 2) throw new DerError(`version: unsupported value ${v.toString("hex")}`);
    version = v[0]! + 1;
  }
  const serialTlv = tbs.expect(TAG.INTEGER, "serialNumber");
  const serial = contentOf(der, serialTlv);
  if (serial.length === 0) throw new DerError("serialNumber: empty INTEGER");
  const innerAlg = tbs.expect(TAG.SEQUENCE, "signature");
  if (!bytesOf(der, innerAlg).equals(outerAlg.raw))
    defects.push({
      code: "Malformed",
      message: "the signature algorithm inside tbsCertificate differs from the outer signatureAlgorithm",
      pedantic: false,
    });
  const issuer = parseName(der, tbs.expect(TAG.SEQUENCE, "issuer"), "issuer");
  const validity = new DerReader(der, tbs.expect(TAG.SEQUENCE, "validity"), "validity");
  const notBefore = readTime(der, validity.next("notBefore"), "notBefore");
  const notAfter = readTime(der, validity.next("notAfter"), "notAfter");
  validity.finish();
  const subject = parseName(der, tbs.expect(TAG.SEQUENCE, "subject"), "subject");
  const publicKey = parsePublicKeyInfo(
    der,
    tbs.expect(TAG.SEQUENCE, "subjectPublicKeyInfo"),
    "subjectPublicKeyInfo",
  );
  const issuerUid = tbs.optional(0x81, "issuerUniqueID");
  const subjectUid = tbs.optional(0x82, "subjectUniqueID");
  if ((issuerUid || subjectUid) && version < 2)
    defects.push({
      code: "Malformed",
      message: "unique identifiers require version 2 or 3",
      pedantic: false,
    });
  const extTlv = tbs.optional(0xa3, "extensions");
  tbs.finish();

  const decoded: DecodedExtensions = {};
  const extensions: Extension[] = [];
  if (extTlv) {
    if (version !== 3)
      defects.push({
        code: "Malformed",
        message: `a version ${version} certificate must not have extensions`,
        pedantic: false,
      });
    extensions.push(...parseExtensions(der, extTlv, decoded, defects));
  }

  const serialNegative = (serial[0]! & 0x80) !== 0;
  const serialHex = serialHexOf(serial);
  profileDefects(defects, { serial, serialNegative, issuer, subject, decoded, version });

  return {
    ...decoded,
    raw: der,
    sha256,
    tbs: bytesOf(der, tbsTlv),
    signature: sigContent.subarray(1),
    signatureAlgorithm: outerAlg,
    version,
    serialHex,
    serialNegative,
    issuer,
    subject,
    notBefore,
    notAfter,
    publicKey,
    extensions,
    selfIssued: issuer.key === subject.key,
    defects,
  };
}

function parseExtensions(
  der: Buffer,
  extTlv: Tlv,
  decoded: DecodedExtensions,
  defects: Defect[],
): Extension[] {
  const outer = new DerReader(der, extTlv, "extensions");
  const list = new DerReader(der, outer.expect(TAG.SEQUENCE, "Extensions"), "extensions");
  outer.finish();
  const seen = new Set<string>();
  const out: Extension[] = [];
  while (!list.done) {
    const e = new DerReader(der, list.expect(TAG.SEQUENCE, "Extension"), "Extension");
    const oid = readOid(der, e.expect(TAG.OID, "extnID"), "extnID");
    const critTlv = e.optional(TAG.BOOLEAN, "critical");
    const critical = critTlv ? readBoolean(der, critTlv, `extension ${oid} critical`) : false;
    const value = contentOf(der, e.expect(TAG.OCTET_STRING, "extnValue"));
    e.finish();
    if (seen.has(oid)) {
      defects.push({
        code: "Malformed",
        message: `extension ${oid} appears more than once`,
        pedantic: false,
      });
      continue;
    }
    seen.add(oid);
    out.push(decodeExtension(oid, critical, value, decoded, defects));
  }
  if (out.length === 0 && seen.size === 0)
    defects.push({ code: "Malformed", message: "extensions must not be an empty SEQUENCE", pedantic: false });
  return out;
}

interface ProfileInput {
  readonly serial: Buffer;
  readonly serialNegative: boolean;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly decoded: DecodedExtensions;
  readonly version: number;
}

/** RFC 5280 rules that depend on this certificate alone (role-dependent rules live in the validator). */
function profileDefects(defects: Defect[], c: ProfileInput): void {
  const push = (message: string, pedantic = false) =>
    defects.push({ code: "InvalidCertificate", message, pedantic });
  const serialDefect = (message: string) =>
    defects.push({ code: "InvalidCertificate", message, pedantic: false, anchorExempt: true });
  const magnitude = c.serialNegative ? c.serial.length : serialHexOf(c.serial).length / 2;
  if (c.serialNegative)
    serialDefect("the serial number is negative (RFC 5280 §4.1.2.2 requires a positive integer)");
  else if (c.serial.every((b) => b === 0))
    serialDefect("the serial number is zero (RFC 5280 §4.1.2.2 requires a positive integer)");
  if (magnitude > 20)
    serialDefect(`the serial number is ${magnitude} octets long (RFC 5280 §4.1.2.2 allows at most 20)`);
  if (c.issuer.isEmpty) push("the issuer name is empty (RFC 5280 §4.1.2.4)");
  const bc = c.decoded.basicConstraints;
  const ku = c.decoded.keyUsage;
  if (ku?.has("keyCertSign") && !bc?.ca)
    push("keyUsage asserts keyCertSign but basicConstraints cA is not TRUE (RFC 5280 §4.2.1.9)");
  if (bc && bc.pathLen !== undefined && (!bc.ca || (ku && !ku.has("keyCertSign"))))
    push(
      "pathLenConstraint is set although the certificate is not a CA with keyCertSign (RFC 5280 §4.2.1.9)",
    );
  if (c.decoded.nameConstraints && !bc?.ca)
    push("nameConstraints appear in a certificate that is not a CA (RFC 5280 §4.2.1.10)");
  if (c.subject.isEmpty && c.decoded.subjectAltName === undefined)
    push("the subject is empty and there is no subjectAltName (RFC 5280 §4.1.2.6)");
  if (c.subject.isEmpty && c.decoded.subjectAltName !== undefined && !c.decoded.subjectAltNameCritical)
    push("the subject is empty but subjectAltName is not critical (RFC 5280 §4.2.1.6)", true);
}
