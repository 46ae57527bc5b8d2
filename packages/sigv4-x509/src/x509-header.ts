import { MAX_CERTIFICATE_BYTES } from "./constants.js";
import { X509RequestError } from "./errors.js";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Longest base64 text of one certificate. */
export const MAX_CERTIFICATE_BASE64_LENGTH = 4 * Math.ceil(MAX_CERTIFICATE_BYTES / 3);

/** The DER header of a SEQUENCE must announce exactly the bytes that follow it. */
function checkDerSequence(der: Buffer, what: string): void {
  const fail = (detail: string): never => {
    throw new X509RequestError(
      "MalformedCertificate",
      `${what} is not one DER certificate (${detail}); send base64 of the certificate's DER bytes, not PEM`,
    );
  };
  if (der.length < 2 || der[0] !== 0x30) fail("it does not start with a DER SEQUENCE");
  const first = der[1] ?? 0;
  let length = first;
  let header = 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || der.length < 2 + count) fail("bad DER length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[2 + i] ?? 0);
    header = 2 + count;
  }
  if (header + length !== der.length)
    fail(`the DER length says ${header + length} bytes but there are ${der.length}`);
}

/**
 * Decodes one certificate from strict base64 (standard alphabet, padded, no whitespace, canonical)
 * and checks its DER envelope. `what` names the header in error messages.
 *
 * @throws X509RequestError `MalformedCertificate` or `InputTooLarge`.
 */
export function decodeCertificateBase64(value: string, what: string): Buffer {
  if (value.length === 0)
    throw new X509RequestError("MalformedCertificate", `${what} is empty; send base64 DER`);
  if (value.length > MAX_CERTIFICATE_BASE64_LENGTH) {
    throw new X509RequestError(
      "InputTooLarge",
      `${what} has ${value.length} base64 characters; a certificate may have at most ${MAX_CERTIFICATE_BYTES} DER bytes`,
    );
  }
  if (value.length % 4 !== 0 || !BASE64.test(value)) {
    throw new X509RequestError(
      "MalformedCertificate",
      `${what} is not standard padded base64 (A-Z a-z 0-9 + /, '=' padding, no line breaks)`,
    );
  }
  const der = Buffer.from(value, "base64");
  if (der.toString("base64") !== value) {
    throw new X509RequestError(
      "MalformedCertificate",
      `${what} is not canonical base64 (non-zero padding bits)`,
    );
  }
  checkDerSequence(der, what);
  return der;
}

/** Formats `X-Amz-X509`: standard padded base64 of the leaf certificate's DER, no line breaks. */
export function formatX509Header(der: Uint8Array): string {
  return Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64");
}

/**
 * Parses `X-Amz-X509` into the leaf certificate's DER bytes.
 *
 * @throws X509RequestError `MalformedCertificate` or `InputTooLarge`.
 */
export function parseX509Header(value: string): Buffer {
  return decodeCertificateBase64(value.trim(), "X-Amz-X509");
}
