/**
 * The little XML the Query protocol writes: escaped text and elements. XML 1.0 cannot carry some
 * characters at all (most C0 controls, U+FFFE/U+FFFF, lone surrogates), not even as references.
 */

// In `u` mode a surrogate pair is one code point, so [\uD800-\uDFFF] only meets lone surrogates.
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;
// eslint-disable-next-line no-control-regex -- as above, for replacement
const NOT_XML_GLOBAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/** True when every character of `text` can appear in an XML 1.0 document. */
export const isXmlText = (text: string): boolean => !NOT_XML.test(text);

/** Replaces characters XML cannot carry with U+FFFD (for error messages that quote caller input). */
export const toXmlText = (text: string): string => text.replace(NOT_XML_GLOBAL, "\uFFFD");

/** Escapes text content (and attribute values): `& < > "` and CR, which parsers would otherwise drop. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"\r]/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\r": "&#13;",
};

/** `<name>inner</name>`; `inner` must already be XML. */
export const element = (name: string, inner: string): string => `<${name}>${inner}</${name}>`;
