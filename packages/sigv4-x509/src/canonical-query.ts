import { uriDecode, uriEncode } from "./uri-encode.js";

/** Query parameters as decoded `[name, value]` pairs, in order. */
export type QueryParams = readonly (readonly [string, string])[];

/**
 * The SigV4 canonical query string: each name and value URI-encoded (only `A-Za-z0-9-_.~` literal),
 * pairs sorted by encoded name then encoded value, joined as `name=value` with `&`. It is also the
 * query string AWS's helper puts on the wire.
 */
export function canonicalQuery(params: QueryParams): string {
  const encoded = params.map(([name, value]) => [uriEncode(name), uriEncode(value)] as const);
  encoded.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return encoded.map(([name, value]) => `${name}=${value}`).join("&");
}

/**
 * Parses a raw query string as received (without the `?`) into decoded pairs, in order: pieces split
 * on `&`, each at its first `=` (a piece without `=` has an empty value, empty pieces are skipped),
 * strictly percent-decoded (`+` is a space). `canonicalQuery(parseRawQuery(raw))` re-canonicalises a
 * received query per SigV4.
 *
 * @throws X509RequestError `MalformedUrl` on a bad percent-escape or invalid UTF-8.
 */
export function parseRawQuery(raw: string): [string, string][] {
  const out: [string, string][] = [];
  if (raw === "") return out;
  for (const piece of raw.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const name = eq < 0 ? piece : piece.slice(0, eq);
    const value = eq < 0 ? "" : piece.slice(eq + 1);
    out.push([uriDecode(name, "a query parameter name"), uriDecode(value, `query parameter '${name}'`)]);
  }
  return out;
}
