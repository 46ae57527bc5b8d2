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

/** How each ASCII character is written in a URI-encoded component (`/` encoded). */
const ASCII_ENCODED: readonly string[] = Array.from({ length: 0x80 }, (_, byte) =>
  isUnreserved(byte) ? String.fromCharCode(byte) : `%${HEX[byte >> 4]}${HEX[byte & 15]}`,
);

/**
 * SigV4 URI encoding: every UTF-8 byte except `A-Z a-z 0-9 - _ . ~` (and `/` when `keepSlash`) becomes
 * `%XY` with upper-case hex. A space is `%20`, never `+`.
 */
export function uriEncode(value: string, options: { keepSlash?: boolean } = {}): string {
  const keepSlash = options.keepSlash === true;
  if ((keepSlash ? UNRESERVED_OR_SLASH : UNRESERVED_ONLY).test(value)) return value;
  // ASCII (ARNs, the usual case): runs of literal characters copied as slices, the others escaped.
  let ascii = "";
  let run = 0;
  let i = 0;
  for (; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x80) break;
    if (isUnreserved(code) || (keepSlash && code === 0x2f)) continue;
    ascii += `${value.slice(run, i)}${ASCII_ENCODED[code]}`;
    run = i + 1;
  }
  if (i === value.length) return ascii + value.slice(run);
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

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Strict percent-decoding of one query-string component: `%XY` must be two hex digits, the result
 * must be valid UTF-8, and `+` means a space (as Go's and WHATWG's query parsers read it).
 * `what` names the component in the error message.
 */
export function uriDecode(value: string, what: string): string {
  if (!value.includes("%") && !value.includes("+")) return value;
  // A UTF-16 unit is at most 3 UTF-8 bytes (a pair 4), and an escape is 3 characters for 1 byte.
  const bytes = Buffer.allocUnsafe(3 * value.length);
  let length = 0;
  let ascii = true;
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
      const byte = hi * 16 + lo;
      if (byte >= 0x80) ascii = false;
      bytes[length++] = byte;
      i += 2;
    } else if (code === 0x2b) {
      bytes[length++] = 0x20;
    } else if (code < 0x80) {
      bytes[length++] = code;
    } else {
      ascii = false;
      const point = value.codePointAt(i) ?? code;
      for (const b of Buffer.from(String.fromCodePoint(point), "utf8")) bytes[length++] = b;
      if (point > 0xffff) i++;
    }
  }
  // ASCII bytes are valid UTF-8 and decode to themselves.
  if (ascii) return bytes.toString("latin1", 0, length);
  try {
    return UTF8.decode(bytes.subarray(0, length));
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
