import { canonicalHeaders, signedHeaderList } from "./canonical-headers.js";
import { canonicalQuery, type QueryParams } from "./canonical-query.js";
import { canonicalUri } from "./canonical-uri.js";
import type { HeaderList } from "./header-list.js";

/** What SigV4 canonicalises of a request. */
export interface SignableRequest {
  /** HTTP method, e.g. `POST`. */
  readonly method: string;
  /** The path as on the wire, without the query, e.g. `/sessions`. */
  readonly path: string;
  /** Decoded query parameters. */
  readonly query: QueryParams;
  /** Headers as `[name, value]` pairs. */
  readonly headers: HeaderList;
}

/**
 * The SigV4 canonical request; the same for HMAC and X509 signing:
 * `method\ncanonicalUri\ncanonicalQuery\ncanonicalHeaders\nsignedHeaders\npayloadHash`.
 * `signedHeaders` must be lower-case and sorted.
 */
export function canonicalRequest(
  request: SignableRequest,
  signedHeaders: readonly string[],
  payloadHash: string,
  options: { normalizePath?: boolean } = {},
): string {
  return [
    request.method,
    canonicalUri(request.path, { normalize: options.normalizePath !== false }),
    canonicalQuery(request.query),
    canonicalHeaders(request.headers, signedHeaders),
    signedHeaderList(signedHeaders),
    payloadHash,
  ].join("\n");
}
