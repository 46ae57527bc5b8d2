import { MAX_SERIAL_DIGITS } from "./constants.js";
import { X509RequestError, quoteInput } from "./errors.js";

const HEX_DIGITS = /^[0-9A-Fa-f]+$/;
const DECIMAL = /^(0|-?[1-9][0-9]*)$/;

/**
 * A certificate serial as node's `X509Certificate.serialNumber` gives it (hex, maybe with a `-` sign
 * or leading zeros) → the decimal string AWS's helper sends in `Credential=` (Go's `big.Int.String()`).
 * Handles serials of any length: `"5C0A...0203"` → `"525857...3075"`.
 */
export function serialHexToDecimal(hex: string): string {
  const negative = hex.startsWith("-");
  const digits = negative ? hex.slice(1) : hex;
  if (!HEX_DIGITS.test(digits)) {
    throw new X509RequestError(
      "MalformedCertificate",
      `certificate serial ${quoteInput(hex)} is not hexadecimal`,
    );
  }
  const value = BigInt(`0x${digits}`);
  return `${negative && value !== 0n ? "-" : ""}${value.toString(10)}`;
}

/**
 * Checks the serial of a `Credential=`: decimal, no leading zeros, at most 128 digits.
 *
 * @throws X509RequestError `MalformedCredential`.
 */
export function parseSerialDecimal(value: string): string {
  if (value.length > MAX_SERIAL_DIGITS || !DECIMAL.test(value)) {
    throw new X509RequestError(
      "MalformedCredential",
      `Credential serial ${quoteInput(value)} is not a decimal number; send the signing certificate's serial in decimal without leading zeros`,
    );
  }
  return value;
}
