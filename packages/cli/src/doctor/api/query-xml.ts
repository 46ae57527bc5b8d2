// Reading the few values the CLI needs out of AWS Query (IAM, STS) XML answers: the text of a named
// element, an element's inner XML, and the error document. Not a general XML parser: the answers
// are AWS's flat documents (no CDATA, no comments), bounded by the transport.

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Replaces the five predefined entities and numeric character references. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-z]{2,4});/g, (whole, name: string) => {
    if (name.startsWith("#x")) return codePoint(Number.parseInt(name.slice(2), 16), whole);
    if (name.startsWith("#")) return codePoint(Number.parseInt(name.slice(1), 10), whole);
    return ENTITIES[name] ?? whole;
  });
}

const codePoint = (n: number, fallback: string): string =>
  Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : fallback;

const escapeName = (name: string): string => name.replace(/[^A-Za-z0-9_.:-]/g, "");

/** The inner XML of the first `<name>` element (attributes allowed), `""` for `<name/>`. */
export function xmlInner(xml: string, name: string): string | undefined {
  const tag = escapeName(name);
  const open = new RegExp(`<${tag}(?:\\s[^>]*)?(/?)>`).exec(xml);
  if (open === null) return undefined;
  if (open[1] === "/") return "";
  const start = open.index + open[0].length;
  const end = xml.indexOf(`</${tag}>`, start);
  return end === -1 ? undefined : xml.slice(start, end);
}

/** The decoded text of the first `<name>` element. */
export function xmlText(xml: string, name: string): string | undefined {
  const inner = xmlInner(xml, name);
  return inner === undefined ? undefined : decodeXmlText(inner.trim());
}

/** The code and message of a Query error document (`<ErrorResponse><Error><Code>…`). */
export function xmlError(xml: string): { code: string; message: string } | undefined {
  const error = xmlInner(xml, "Error");
  if (error === undefined) return undefined;
  const code = xmlText(error, "Code");
  return code === undefined ? undefined : { code, message: xmlText(error, "Message") ?? "" };
}
