import { decodeOid, decodeSmallInteger, DerError, readTlv, TAG, valueOf } from "./der.js";
import type { Tlv } from "./der.js";

/** What a binary (non-PEM) input holds, judged from the shape of its outer structure. */
export type DerKind = "certificate" | "pkcs8" | "encrypted-pkcs8" | "pkcs1" | "sec1" | "pkcs12" | "unknown";

const ID_DATA = "1.2.840.113549.1.7.1";
const ID_SIGNED_DATA = "1.2.840.113549.1.7.2";

/**
 * Classifies DER bytes without parsing them fully:
 * - Certificate: SEQUENCE { SEQUENCE { [0] version | INTEGER serial, … }, … }
 * - EncryptedPrivateKeyInfo: SEQUENCE { SEQUENCE { OID, … }, OCTET STRING }
 * - PrivateKeyInfo (PKCS#8): SEQUENCE { INTEGER 0|1, SEQUENCE, OCTET STRING, … }
 * - RSAPrivateKey (PKCS#1): SEQUENCE { INTEGER 0, INTEGER n, … }
 * - ECPrivateKey (SEC1): SEQUENCE { INTEGER 1, OCTET STRING, … }
 * - PFX (PKCS#12): SEQUENCE { INTEGER 3, SEQUENCE { OID data|signedData, … }, … } (BER allowed)
 */
export function sniffDer(buf: Uint8Array): DerKind {
  try {
    if (buf.length >= 4 && buf[0] === TAG.SEQUENCE && buf[1] === 0x80) {
      // BER indefinite length: only PKCS#12 files exported by some tools look like this.
      const version = readTlv(buf, 2);
      return version.tag === TAG.INTEGER && decodeSmallInteger(valueOf(buf, version)) === 3
        ? "pkcs12"
        : "unknown";
    }
    const outer = readTlv(buf, 0);
    if (outer.tag !== TAG.SEQUENCE || outer.end !== buf.length) return "unknown";
    const [first, second] = firstTwo(buf, outer);
    if (first === undefined || second === undefined) return "unknown";
    if (first.tag === TAG.SEQUENCE) {
      const inner = readTlv(buf, first.valueStart, first.end);
      if (inner.tag === TAG.OID) return second.tag === TAG.OCTET_STRING ? "encrypted-pkcs8" : "unknown";
      return inner.tag === TAG.CONTEXT_0 || inner.tag === TAG.INTEGER ? "certificate" : "unknown";
    }
    if (first.tag !== TAG.INTEGER) return "unknown";
    const version = decodeSmallInteger(valueOf(buf, first));
    if (second.tag === TAG.SEQUENCE) {
      if (version === 3) {
        const contentType = readTlv(buf, second.valueStart, second.end);
        if (contentType.tag !== TAG.OID) return "unknown";
        const oid = decodeOid(valueOf(buf, contentType));
        return oid === ID_DATA || oid === ID_SIGNED_DATA ? "pkcs12" : "unknown";
      }
      return version === 0 || version === 1 ? "pkcs8" : "unknown";
    }
    if (second.tag === TAG.INTEGER && version === 0) return "pkcs1";
    if (second.tag === TAG.OCTET_STRING && version === 1) return "sec1";
    return "unknown";
  } catch (e) {
    if (e instanceof DerError) return "unknown";
    throw e;
  }
}

function firstTwo(buf: Uint8Array, outer: Tlv): [Tlv | undefined, Tlv | undefined] {
  if (outer.valueStart >= outer.end) return [undefined, undefined];
  const first = readTlv(buf, outer.valueStart, outer.end);
  if (first.end >= outer.end) return [first, undefined];
  return [first, readTlv(buf, first.end, outer.end)];
}
