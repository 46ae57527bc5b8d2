/**
 * A certificate serial number as node:crypto prints it (hex, `X509Certificate.serialNumber`) in the
 * decimal form the `Credential=` field of the Authorization header and `read-certificate-data`
 * use (Go's `big.Int.String()`: no leading zeros, `-` for the rare negative serial).
 */
export function serialHexToDecimal(hex: string): string {
  const negative = hex.startsWith("-");
  const digits = negative ? hex.slice(1) : hex;
  if (!/^[0-9A-Fa-f]+$/.test(digits)) throw new RangeError(`not a hexadecimal serial number: ${hex}`);
  const value = BigInt(`0x${digits}`);
  return negative && value !== 0n ? `-${value}` : value.toString();
}

/** The inverse: upper-case hex in whole bytes (`0A`, `-05`), as node:crypto prints it. */
export function serialDecimalToHex(decimal: string): string {
  if (!/^-?[0-9]+$/.test(decimal)) throw new RangeError(`not a decimal serial number: ${decimal}`);
  const value = BigInt(decimal);
  const magnitude = (value < 0n ? -value : value).toString(16).toUpperCase();
  const even = magnitude.length % 2 === 0 ? magnitude : `0${magnitude}`;
  return value < 0n ? `-${even}` : even;
}
