// The request target as the client sent it (`/path?query`), split for canonicalisation: the path
// stays exactly as received (the signer escapes it again, as clients do), the query is decoded
// into name/value pairs (the signer re-encodes them canonically).
import { AnchorageError } from "../http/errors.js";
import { LIMITS } from "./constants.js";

/** A request target split into its raw path and decoded query parameters, in order. */
export interface RequestTarget {
  readonly path: string;
  readonly query: ReadonlyArray<readonly [name: string, value: string]>;
}

/** Splits an origin-form request target; bounded, and strict about percent-encoding. */
export function parseRequestTarget(rawUrl: string): RequestTarget {
  if (rawUrl.length > LIMITS.urlLength) {
    throw malformed(`The request URL is ${rawUrl.length} characters long; the limit is ${LIMITS.urlLength}.`);
  }
  if (!rawUrl.startsWith("/")) throw malformed("The request target must be a path starting with '/'.");
  const q = rawUrl.indexOf("?");
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const pieces =
    q < 0
      ? []
      : rawUrl
          .slice(q + 1)
          .split("&")
          .filter((piece) => piece !== "");
  if (pieces.length > LIMITS.queryParameters) {
    throw malformed(
      `The query string has ${pieces.length} parameters; the limit is ${LIMITS.queryParameters}.`,
    );
  }
  const query = pieces.map((piece): [string, string] => {
    const eq = piece.indexOf("=");
    return eq < 0 ? [decode(piece), ""] : [decode(piece.slice(0, eq)), decode(piece.slice(eq + 1))];
  });
  return { path, query };
}

/** The query as the signer takes it: name → value, or all values in order when repeated. */
export function queryRecord(query: RequestTarget["query"]): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of query) {
    const seen = record[name];
    record[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return record;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (cause) {
    throw malformed("The query string is not valid percent-encoded UTF-8.", cause);
  }
}

const malformed = (message: string, cause?: unknown) =>
  new AnchorageError("Serialization", message, { cause });
