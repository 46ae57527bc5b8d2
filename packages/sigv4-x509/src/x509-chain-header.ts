import { MAX_CHAIN_CERTS } from "./constants.js";
import { X509RequestError } from "./errors.js";
import { decodeCertificateBase64, formatX509Header } from "./x509-header.js";

function tooLong(count: number): X509RequestError {
  return new X509RequestError(
    "ChainTooLong",
    `X-Amz-X509-Chain has ${count} certificates; the limit is ${MAX_CHAIN_CERTS}: send only the CA certificates between the leaf and the trust anchor`,
  );
}

/**
 * Formats `X-Amz-X509-Chain`: each certificate's DER as base64, in the given (file) order, joined by
 * `,` without spaces. Send no header at all when there are no certificates.
 *
 * @throws X509RequestError `EmptyChainHeader` for an empty list, `ChainTooLong` for more than 5.
 */
export function formatChainHeader(ders: readonly Uint8Array[]): string {
  if (ders.length === 0) {
    throw new X509RequestError(
      "EmptyChainHeader",
      "X-Amz-X509-Chain would be empty; omit the header when there are no intermediate certificates",
    );
  }
  if (ders.length > MAX_CHAIN_CERTS) throw tooLong(ders.length);
  return ders.map((der) => formatX509Header(der)).join(",");
}

/**
 * Parses `X-Amz-X509-Chain` into DER certificates, in header order. Spaces around the commas are
 * tolerated (node joins repeated headers with `, `).
 *
 * @throws X509RequestError `EmptyChainHeader`, `ChainTooLong`, `MalformedCertificate` or `InputTooLarge`.
 */
export function parseChainHeader(value: string): Buffer[] {
  if (value.trim() === "") {
    throw new X509RequestError(
      "EmptyChainHeader",
      "X-Amz-X509-Chain is empty; omit the header when there are no intermediate certificates",
    );
  }
  let commas = 0;
  for (let i = value.indexOf(","); i >= 0; i = value.indexOf(",", i + 1)) commas++;
  if (commas + 1 > MAX_CHAIN_CERTS) throw tooLong(commas + 1);
  return value.split(",").map((part, i) => {
    const b64 = part.trim();
    if (b64 === "") {
      throw new X509RequestError(
        "MalformedCertificate",
        `X-Amz-X509-Chain entry ${i + 1} is empty; separate base64 certificates with single commas`,
      );
    }
    return decodeCertificateBase64(b64, `X-Amz-X509-Chain entry ${i + 1}`);
  });
}
