// PKCS#11 URIs (RFC 7512): `pkcs11:token=My%20Token;object=client;type=private?pin-source=file:/pin`.

/** Path attributes RFC 7512 defines (vendor attributes start with `x-`). */
export const PATH_ATTRIBUTES = [
  "token",
  "manufacturer",
  "serial",
  "model",
  "library-manufacturer",
  "library-description",
  "library-version",
  "object",
  "type",
  "id",
  "slot-description",
  "slot-manufacturer",
  "slot-id",
] as const;
/** Query attributes RFC 7512 defines. */
export const QUERY_ATTRIBUTES = ["pin-source", "pin-value", "module-name", "module-path"] as const;
/** Object types of the `type` attribute. */
export const OBJECT_TYPES = ["cert", "private", "public", "secret-key", "data"] as const;

export type PathAttribute = (typeof PATH_ATTRIBUTES)[number];
export type QueryAttribute = (typeof QUERY_ATTRIBUTES)[number];

/** A parsed PKCS#11 URI. Values are percent-decoded; `id` stays bytes (it is binary). */
export interface Pkcs11Uri {
  readonly path: ReadonlyMap<PathAttribute, Buffer>;
  readonly query: ReadonlyMap<QueryAttribute, string>;
  /** The URI with `pin-value` masked: safe in messages and logs. */
  readonly display: string;
}

/** A string that is not a usable PKCS#11 URI. */
export class Pkcs11UriError extends Error {
  override readonly name = "Pkcs11UriError";
}

/** True for a `pkcs11:` URI (the scheme is case-insensitive). */
export const isPkcs11Uri = (value: unknown): value is string =>
  typeof value === "string" && /^pkcs11:/i.test(value);

/** The URI with the value of `pin-value` replaced by `***`. */
export const redactPkcs11Uri = (uri: string): string => uri.replace(/(pin-value=)[^&]*/gi, "$1***");

function percentDecode(text: string, what: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "%") {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex))
        throw new Pkcs11UriError(`${what} has a bad percent-encoding near "${text.slice(i, i + 3)}"`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, "utf8"));
  }
  return Buffer.from(bytes);
}

/**
 * Parses a PKCS#11 URI (RFC 7512): `;`-separated path attributes (token, object, id, type, …), then
 * `&`-separated query attributes (pin-value, pin-source, module-path, module-name). Attribute names
 * are case-sensitive as the RFC says; an attribute given twice, an unknown standard attribute
 * (vendor `x-` ones are accepted and ignored), an unknown `type` or a bad percent-encoding is
 * refused.
 *
 * @example
 * parsePkcs11Uri("pkcs11:token=Anchorage;id=%01;type=private?pin-value=1234").path.get("id") // <Buffer 01>
 *
 * @throws Pkcs11UriError naming the problem (never the PIN).
 */
export function parsePkcs11Uri(text: string): Pkcs11Uri {
  const display = redactPkcs11Uri(text);
  if (!isPkcs11Uri(text)) throw new Pkcs11UriError(`"${display}" is not a pkcs11: URI`);
  if (text.length > 4096) throw new Pkcs11UriError("the pkcs11: URI is longer than 4096 characters");
  const rest = text.slice("pkcs11:".length);
  const q = rest.indexOf("?");
  const pathPart = q === -1 ? rest : rest.slice(0, q);
  const queryPart = q === -1 ? "" : rest.slice(q + 1);
  const path = new Map<PathAttribute, Buffer>();
  const query = new Map<QueryAttribute, string>();
  const split = (part: string, separator: string) => (part === "" ? [] : part.split(separator));
  for (const item of split(pathPart, ";")) {
    const eq = item.indexOf("=");
    const name = eq === -1 ? item : item.slice(0, eq);
    if (eq === -1 || name === "")
      throw new Pkcs11UriError(`"${display}": path attribute "${name}" has no value`);
    if (name.startsWith("x-")) continue;
    if (!(PATH_ATTRIBUTES as readonly string[]).includes(name))
      throw new Pkcs11UriError(
        `"${display}": unknown path attribute "${name}" (RFC 7512 knows ${PATH_ATTRIBUTES.join(", ")})`,
      );
    const attribute = name as PathAttribute;
    if (path.has(attribute)) throw new Pkcs11UriError(`"${display}": "${name}" is given twice`);
    path.set(attribute, percentDecode(item.slice(eq + 1), `"${display}": ${name}`));
  }
  for (const item of split(queryPart, "&")) {
    const eq = item.indexOf("=");
    const name = eq === -1 ? item : item.slice(0, eq);
    if (eq === -1 || name === "")
      throw new Pkcs11UriError(`"${display}": query attribute "${name}" has no value`);
    if (name.startsWith("x-")) continue;
    if (!(QUERY_ATTRIBUTES as readonly string[]).includes(name))
      throw new Pkcs11UriError(
        `"${display}": unknown query attribute "${name}" (RFC 7512 knows ${QUERY_ATTRIBUTES.join(", ")})`,
      );
    const attribute = name as QueryAttribute;
    if (query.has(attribute)) throw new Pkcs11UriError(`"${display}": "${name}" is given twice`);
    query.set(attribute, percentDecode(item.slice(eq + 1), `"${display}": ${name}`).toString("utf8"));
  }
  const type = path.get("type")?.toString("utf8");
  if (type !== undefined && !(OBJECT_TYPES as readonly string[]).includes(type))
    throw new Pkcs11UriError(`"${display}": type "${type}" is not one of ${OBJECT_TYPES.join(", ")}`);
  if (query.has("pin-value") && query.has("pin-source"))
    throw new Pkcs11UriError(`"${display}": give pin-value or pin-source, not both`);
  return { path, query, display };
}

/** A path attribute as text (token labels, object labels, serials), or undefined. */
export const textAttribute = (uri: Pkcs11Uri, name: PathAttribute): string | undefined =>
  uri.path.get(name)?.toString("utf8");
