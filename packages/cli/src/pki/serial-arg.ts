// Serial numbers typed by a user: hex as `cert issue` prints it (`4F1A…`), with `0x`, or with
// colons/spaces as openssl shows them (`4f:1a:…`). Normalised to the one form used everywhere
// (ParsedCertificate.serialHex): uppercase, even length, leading zero octets removed.
import { usageError } from "./cli-error.js";

export function parseSerialArg(text: string): string {
  const hex = text.trim().replace(/^0x/i, "").replace(/[:\s]/g, "").toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex))
    throw usageError(
      `"${text.length > 80 ? `${text.slice(0, 80)}…` : text}" is not a hexadecimal serial number or a certificate file`,
    );
  const even = hex.length % 2 === 1 ? `0${hex}` : hex;
  const trimmed = even.replace(/^(00)+(?=..)/, "");
  if (/^0+$/.test(trimmed)) throw usageError("serial 0 is not a valid certificate serial");
  if (trimmed.length > 40) throw usageError(`serial ${trimmed} is longer than 20 octets`);
  return trimmed;
}
