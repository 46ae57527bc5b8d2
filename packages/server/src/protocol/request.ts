/**
 * The plain request the codecs read: what any HTTP server can hand over without interpretation.
 * `path` is the raw, still percent-encoded path without the query string; `query` holds the raw
 * query string's parameters (a `URLSearchParams` fits); header names may be in any case.
 */
export interface ProtocolRequest {
  readonly method: string;
  readonly path: string;
  readonly query: QueryMultiMap;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The whole body; its size is bounded by the caller. */
  readonly body: Uint8Array;
}

/** A multi-map of query parameters in order, e.g. `new URLSearchParams(rawQueryString)`. */
export interface QueryMultiMap extends Iterable<[string, string]> {
  getAll(name: string): string[];
}

/** What an encoder produces; the HTTP layer adds the request id and any transport headers. */
export interface EncodedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What an error encoder produces; the status comes from the HTTP layer's error table. */
export interface EncodedError {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A header's values, case-insensitively, joined with ", " when repeated; undefined when absent. */
export function headerValue(headers: ProtocolRequest["headers"], name: string): string | undefined {
  const wanted = name.toLowerCase();
  const found: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === "string") found.push(value);
    else found.push(...value);
  }
  return found.length === 0 ? undefined : found.join(", ");
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes UTF-8 strictly (a bad byte sequence is an error, not U+FFFD); undefined when invalid. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}
