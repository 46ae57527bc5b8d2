import { sha256Hex } from "./sha256-hex.js";

/**
 * The SigV4 string to sign: `algorithm\namzDate\nscope\nhex(sha256(canonicalRequest))`. For AWS4-X509
 * there is no HMAC key derivation: the private key signs this string directly.
 */
export function stringToSign(
  algorithm: string,
  amzDate: string,
  scope: string,
  canonicalRequest: string,
): string {
  return `${algorithm}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}
