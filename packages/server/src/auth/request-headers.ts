// Request headers for verification: every value of every header, by lower-case name, in the order
// received. Node's `req.headers` drops or merges repeated headers, so the app builds this from
// `req.rawHeaders`; SigV4 canonicalises repeated headers as their trimmed values joined by ','.
import { AnchorageError } from "../http/errors.js";

/** Headers as a verifier receives them: any case, one value or all values of a repeated header. */
export type HeaderInput = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Lower-case name → values in order. */
export type HeaderValues = ReadonlyMap<string, readonly string[]>;

/** Normalises headers given as a record (names in any case). */
export function headerValues(headers: HeaderInput): HeaderValues {
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), ...(typeof value === "string" ? [value] : value)]);
  }
  return out;
}

/** Headers from node's `rawHeaders` (`[name, value, name, value, …]`), keeping repeats. */
export function headersFromRaw(rawHeaders: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? "").toLowerCase();
    (out[name] ??= []).push(rawHeaders[i + 1] ?? "");
  }
  return out;
}

/** The one value of a header, `undefined` when absent; repeated → IncompleteSignature. */
export function singleValue(headers: HeaderValues, name: string): string | undefined {
  const values = headers.get(name);
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1)
    throw new AnchorageError(
      "IncompleteSignature",
      `The request has ${values.length} '${name}' headers; send one.`,
    );
  return values[0];
}

/**
 * The signed headers' values for the canonical request: each header's values trimmed and joined by
 * ','. A signed header missing from the request cannot verify → SignatureDoesNotMatch.
 */
export function signedHeaderValues(headers: HeaderValues, signed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of signed) {
    const values = headers.get(name);
    if (values === undefined) {
      throw new AnchorageError(
        "SignatureDoesNotMatch",
        `The header '${name}' is listed in SignedHeaders but is not in the request.`,
      );
    }
    out[name] = values.map((v) => v.trim()).join(",");
  }
  return out;
}
