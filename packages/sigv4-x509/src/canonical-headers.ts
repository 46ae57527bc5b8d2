import { UNSIGNED_HEADERS } from "./constants.js";
import { X509RequestError } from "./errors.js";
import type { HeaderList } from "./header-list.js";

/** Whitespace (`\s`) other than the plain space. */
const OTHER_WHITESPACE = /[^\S ]/;

/** A header value in canonical form: trimmed, every run of whitespace collapsed to one space. */
export function canonicalHeaderValue(value: string): string {
  // Values that are already canonical (base64 certificates, dates, hosts) are returned as they
  // are: nothing to trim, no whitespace but single spaces.
  if (value.trim() === value && !value.includes("  ") && !OTHER_WHITESPACE.test(value)) return value;
  return value.trim().replace(/\s+/g, " ");
}

/**
 * The canonical headers block of a SigV4 canonical request: for each name of `signedHeaders`
 * (lower-case, sorted), `name:value\n`, where a header sent several times has its canonical values
 * joined with `,` in wire order.
 *
 * @throws X509RequestError `SignedHeaderAbsent` when a signed header is not in `headers`.
 */
export function canonicalHeaders(headers: HeaderList, signedHeaders: readonly string[]): string {
  const values = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (!signedHeaders.includes(lower)) continue;
    const list = values.get(lower);
    if (list === undefined) values.set(lower, [canonicalHeaderValue(value)]);
    else list.push(canonicalHeaderValue(value));
  }
  let out = "";
  for (const name of signedHeaders) {
    const list = values.get(name);
    if (list === undefined) {
      throw new X509RequestError(
        "SignedHeaderAbsent",
        `SignedHeaders lists '${name}' but the request has no such header; sign only headers you send`,
      );
    }
    out += `${name}:${list.join(",")}\n`;
  }
  return out;
}

/** The `SignedHeaders` value: names joined with `;`. */
export function signedHeaderList(signedHeaders: readonly string[]): string {
  return signedHeaders.join(";");
}

/**
 * The names a signer signs for `headers`: every header name, lower-cased, de-duplicated and sorted,
 * except `unsigned` (by default `authorization`, `user-agent`, `x-amzn-trace-id`, `transfer-encoding`,
 * `accept-encoding`).
 */
export function signedHeaderNames(
  headers: HeaderList,
  unsigned: readonly string[] = UNSIGNED_HEADERS,
): string[] {
  const names = new Set<string>();
  for (const [name] of headers) {
    const lower = name.toLowerCase();
    if (!unsigned.includes(lower)) names.add(lower);
  }
  return [...names].sort();
}
