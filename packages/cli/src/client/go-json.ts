const HEX = "0123456789abcdef";
// Characters Go's encoding/json (with HTML escaping, as AWS's helper marshals) does not print as is.
// eslint-disable-next-line no-control-regex
const SPECIAL = /["\\<>&\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

/**
 * A JSON string literal exactly as Go 1.19's `json.Marshal` writes it (AWS's helper v1.4): `<`, `>`
 * and `&` as `\u003c`, `\u003e`, `\u0026`; `\n`, `\r`, `\t` short; other control characters as
 * `\u00XX` (lower-case hex, so `\b` is `\u0008`); U+2028 and U+2029 escaped; a lone surrogate
 * (invalid UTF-8 on Go's side) as U+FFFD; everything else, non-ASCII included, as raw UTF-8.
 *
 * @example
 * goJsonString('a<b>&"é') // '"a\\u003cb\\u003e\\u0026\\"é"'
 */
export function goJsonString(value: string): string {
  if (!SPECIAL.test(value)) return `"${value}"`;
  let out = '"';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || ch === "<" || ch === ">" || ch === "&") out += `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += "\ufffd";
    else out += ch;
  }
  return `${out}"`;
}
