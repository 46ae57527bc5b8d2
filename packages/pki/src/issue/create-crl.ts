// Creating CRLs. Encoded here with our DER writer and signed with node:crypto rather than with
// @peculiar/x509, whose CRL generator labels PEM "CRL" (openssl needs "X509 CRL") and writes an
// empty crlEntryExtensions SEQUENCE for entries without a reason (not DER). The result carries
// cRLNumber and authorityKeyIdentifier, and a reasonCode entry extension when a reason is given.
import { sign } from "node:crypto";
import { CRL_REASONS, parseCrl, type CrlReason } from "../crl.js";
import { TAG, encodeOid, encodeTime, encodeTlv, encodeUnsignedInteger } from "../der.js";
import { PkiError } from "../errors.js";
import { EXT } from "../oids.js";
import { formatPem } from "../pem.js";
import { chooseSerial, loadCa, type CaMaterial } from "./common.js";

export interface CrlEntryInput {
  readonly serialHex: string;
  readonly revokedAt: Date;
  readonly reason?: CrlReason;
}

export interface CreateCrlOptions {
  readonly ca: CaMaterial;
  readonly entries: readonly CrlEntryInput[];
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  /** Monotonically increasing CRL number (RFC 5280 §5.2.3). */
  readonly crlNumber: bigint | number;
}

export interface CreatedCrl {
  readonly pem: string;
  readonly der: Buffer;
}

const seq = (...parts: Buffer[]): Buffer => encodeTlv(TAG.SEQUENCE, Buffer.concat(parts));
const extension = (oid: string, value: Buffer): Buffer =>
  seq(encodeOid(oid), encodeTlv(TAG.OCTET_STRING, value));
const NULL = Buffer.from([0x05, 0x00]);

/** Signature AlgorithmIdentifier and node:crypto digest for the CA key. */
function algorithmFor(ca: Awaited<ReturnType<typeof loadCa>>): { id: Buffer; digest: string } {
  const k = ca.key.keyObject;
  if (k.asymmetricKeyType === "rsa")
    return { id: seq(encodeOid("1.2.840.113549.1.1.11"), NULL), digest: "sha256" };
  const curve = k.asymmetricKeyDetails?.namedCurve;
  if (curve === "secp384r1") return { id: seq(encodeOid("1.2.840.10045.4.3.3")), digest: "sha384" };
  if (curve === "secp521r1") return { id: seq(encodeOid("1.2.840.10045.4.3.4")), digest: "sha512" };
  return { id: seq(encodeOid("1.2.840.10045.4.3.2")), digest: "sha256" };
}

/**
 * Signs a CRL with the CA's key.
 *
 * @example
 * const crl = await createCrl({ ca, entries: [{ serialHex: "03EA", revokedAt: now, reason: "keyCompromise" }],
 *   thisUpdate: now, nextUpdate: new Date(now.getTime() + 7 * 86_400_000), crlNumber: 1 });
 * writeFileSync("ca.crl.pem", crl.pem);
 */
export async function createCrl(o: CreateCrlOptions): Promise<CreatedCrl> {
  const number = BigInt(o.crlNumber);
  if (number < 0n || number >= 1n << 159n)
    throw new PkiError("InvalidIssuanceRequest", `crlNumber must be between 0 and 2^159-1, got ${number}`);
  if (o.nextUpdate.getTime() <= o.thisUpdate.getTime())
    throw new PkiError("InvalidIssuanceRequest", "nextUpdate must be after thisUpdate");
  const ca = await loadCa(o.ca);
  if (ca.cert.keyUsage && !ca.cert.keyUsage.has("cRLSign"))
    throw new PkiError(
      "InvalidIssuanceRequest",
      `the CA "${ca.cert.subject.text}" lacks keyUsage cRLSign; its CRLs would be refused`,
    );
  const seen = new Set<string>();
  const entries = o.entries.map((e) => {
    const serial = chooseSerial(e.serialHex);
    if (seen.has(serial)) throw new PkiError("InvalidIssuanceRequest", `serial ${serial} is listed twice`);
    seen.add(serial);
    const parts = [encodeUnsignedInteger(Buffer.from(serial, "hex")), encodeTime(e.revokedAt)];
    if (e.reason !== undefined) {
      const code = CRL_REASONS.indexOf(e.reason);
      if (code < 0) throw new PkiError("InvalidIssuanceRequest", `unknown revocation reason "${e.reason}"`);
      parts.push(seq(extension(EXT.reasonCode, encodeTlv(TAG.ENUMERATED, Buffer.from([code])))));
    }
    return seq(...parts);
  });
  const hex = number.toString(16);
  const crlExtensions = [
    extension(EXT.crlNumber, encodeUnsignedInteger(Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex"))),
  ];
  if (ca.cert.subjectKeyId)
    crlExtensions.push(extension(EXT.authorityKeyIdentifier, seq(encodeTlv(0x80, ca.cert.subjectKeyId))));
  const alg = algorithmFor(ca);
  const tbs = seq(
    encodeTlv(TAG.INTEGER, Buffer.from([1])),
    alg.id,
    ca.cert.subject.raw,
    encodeTime(o.thisUpdate),
    encodeTime(o.nextUpdate),
    ...(entries.length > 0 ? [seq(...entries)] : []),
    encodeTlv(0xa0, seq(...crlExtensions)),
  );
  const signature = sign(alg.digest, tbs, { key: ca.key.keyObject, dsaEncoding: "der" });
  const der = seq(tbs, alg.id, encodeTlv(TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), signature])));
  // Read it back with our own strict parser: the result must be a CRL we (and openssl) accept.
  const parsed = parseCrl(der);
  if (parsed.entries.length !== entries.length || parsed.number !== number)
    throw new PkiError("InvalidIssuanceRequest", "internal error: the generated CRL does not round-trip");
  return { pem: formatPem("X509 CRL", der), der };
}
