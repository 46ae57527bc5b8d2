// A tiny XML text/attribute escaper for the Query error envelope (error-response.ts). The success
// path's XML belongs to the protocol encoder; this only has to make any message safe to embed.

/** Whether a code point is a Char of XML 1.0 (§2.2): not a C0 control other than tab, LF, CR, not a
 * lone surrogate, not U+FFFE or U+FFFF. Others are replaced by U+FFFD, so the reader can see
 * something was there. */
const isXmlChar = (code: number): boolean =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  code >= 0x10000;

const SPECIAL: Readonly<Partial<Record<string, string>>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#13;",
};

/** Escapes `text` for XML character data or a quoted attribute value. */
export function escapeXml(text: string): string {
  let out = "";
  for (const char of text) {
    // Iterating a string yields whole code points, and lone surrogates as themselves.
    out += isXmlChar(char.codePointAt(0) ?? 0) ? (SPECIAL[char] ?? char) : "\uFFFD";
  }
  return out;
}
