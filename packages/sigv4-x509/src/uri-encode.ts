import { X509RequestError } from "./errors.js";

const HEX = "0123456789ABCDEF";
const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;
const UNRESERVED_OR_SLASH = /^[A-Za-z0-9\-_.~/]*$/;

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x5f || // _
    byte === 0x2e || // .
    byte === 0x7e // ~
  );
}

/**
 * SigV4 URI encoding: every UTF-8 byte except `A-Z a-z 0-9 - _ . ~` (and `/` when `keepSlash`) becomes
 * `%XY` with upper-case hex. A space is `%20`, never `+`.
 */
export function uriEncode(value: string, options: { keepSlash?: boolean } = {}): string {
  const keepSlash = options.keepSlash === true;
  if ((keepSlash ? UNRESERVED_OR_SLASH : UNRESERVED_ONLY).test(value)) return value;
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    if (isUnreserved(byte) || (keepSlash && byte === 0x2f)) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * Strict percent-decoding of one query-string component: `%XY` must be two hex digits, the result
 * must be valid UTF-8, and `+` means a space (as Go's and WHATWG's query parsers read it).
 * `what` names the component in the error message.
 */
export function uriDecode(value: string, what: string): string {
  if (!value.includes("%") && !value.includes("+")) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x25) {
      const hi = hexValue(value.charCodeAt(i + 1));
      const lo = hexValue(value.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) {
        throw new X509RequestError(
          "MalformedUrl",
          `${what} has a bad percent-escape at offset ${i}: '%' must be followed by two hex digits; percent-encode a literal '%' as %25`,
        );
      }
      bytes.push(hi * 16 + lo);
      i += 2;
    } else if (code === 0x2b) {
      bytes.push(0x20);
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      const point = value.codePointAt(i) ?? code;
      for (const b of Buffer.from(String.fromCodePoint(point), "utf8")) bytes.push(b);
      if (point > 0xffff) i++;
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
  } catch (cause) {
    throw new X509RequestError(
      "MalformedUrl",
      `${what} does not decode to valid UTF-8; percent-encode UTF-8 bytes`,
      {
        cause,
      },
    );
  }
}
