/**
 * Converts a raw ECDSA signature (`r‖s`, each half the curve's size: what PKCS#11's `CKM_ECDSA`
 * returns) to the DER `ECDSA-Sig-Value` (`SEQUENCE { INTEGER r, INTEGER s }`) AWS4-X509 sends,
 * byte for byte what node:crypto's default `dsaEncoding: "der"` produces.
 *
 * @throws RangeError when the input is empty or of odd length.
 */
export function rawEcdsaToDer(raw: Uint8Array): Buffer {
  if (raw.length === 0 || raw.length % 2 !== 0 || raw.length > 264)
    throw new RangeError(`a raw ECDSA signature has an even length of at most 264 bytes, not ${raw.length}`);
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array): Buffer => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = Buffer.from(bytes.subarray(start));
    const body = trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
    return Buffer.concat([Buffer.from([0x02]), derLength(body.length), body]);
  };
  const content = Buffer.concat([integer(raw.subarray(0, half)), integer(raw.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30]), derLength(content.length), content]);
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

/** DER prefix of a SHA-256 `DigestInfo` (RFC 8017 §9.2 note 1): what `CKM_RSA_PKCS` signs before the digest. */
export const SHA256_DIGEST_INFO_PREFIX = Buffer.from("3031300d060960864801650304020105000420", "hex");
