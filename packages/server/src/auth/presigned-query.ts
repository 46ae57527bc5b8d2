// The presigned-URL form of SigV4: the signature information travels as query parameters
// (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders,
// X-Amz-Signature, optionally X-Amz-Security-Token).
import { AnchorageError } from "../http/errors.js";
import { formatAmzDate, parseAmzDate } from "./amz-date.js";
import { parseSignatureHex, parseSignedHeaderList, type SignatureInfo } from "./authorization-header.js";
import {
  ALGORITHM,
  ALGORITHM_QUERY_PARAM,
  AMZ_DATE_QUERY_PARAM,
  CONTENT_SHA256_QUERY_PARAM,
  CREDENTIAL_QUERY_PARAM,
  EXPIRES_QUERY_PARAM,
  LIMITS,
  MAX_PRESIGN_EXPIRES_SECONDS,
  SECURITY_TOKEN_QUERY_PARAM,
  SIGNATURE_QUERY_PARAM,
  SIGNED_HEADERS_QUERY_PARAM,
} from "./constants.js";
import { clip, formatCredential, parseCredential } from "./credential-scope.js";
import type { RequestTarget } from "./request-target.js";

/** The signature information of a presigned URL. */
export interface PresignedInfo extends SignatureInfo {
  readonly signedAt: Date;
  readonly expiresSeconds: number;
  readonly sessionToken?: string;
  /** X-Amz-Content-Sha256, when the client sent one. */
  readonly contentSha256?: string;
}

const REQUIRED = [
  ALGORITHM_QUERY_PARAM,
  CREDENTIAL_QUERY_PARAM,
  SIGNATURE_QUERY_PARAM,
  AMZ_DATE_QUERY_PARAM,
  SIGNED_HEADERS_QUERY_PARAM,
  EXPIRES_QUERY_PARAM,
] as const;
const OPTIONAL = [SECURITY_TOKEN_QUERY_PARAM, CONTENT_SHA256_QUERY_PARAM] as const;
/** Any of these in the query makes a request a presigned one. */
const MARKERS: ReadonlySet<string> = new Set([
  ALGORITHM_QUERY_PARAM,
  CREDENTIAL_QUERY_PARAM,
  SIGNATURE_QUERY_PARAM,
  SIGNED_HEADERS_QUERY_PARAM,
]);

/** Whether the query carries presigned-URL authentication. */
export function isPresigned(query: RequestTarget["query"]): boolean {
  return query.some(([name]) => MARKERS.has(name));
}

/** Parses the presigned-URL parameters; anything missing or malformed is IncompleteSignature. */
export function parsePresignedQuery(query: RequestTarget["query"]): PresignedInfo {
  const params = new Map<string, string>();
  for (const [name, value] of query) {
    if (!(REQUIRED as readonly string[]).includes(name) && !(OPTIONAL as readonly string[]).includes(name))
      continue;
    if (params.has(name)) throw incomplete(`The query string has '${name}' twice.`);
    params.set(name, value);
  }
  const missing = REQUIRED.filter((name) => !params.has(name));
  if (missing.length > 0) {
    throw incomplete(
      `Query-string authentication version 4 requires the ${REQUIRED.join(", ")} parameters; missing: ${missing.join(", ")}.`,
    );
  }
  const get = (name: string) => params.get(name) ?? "";
  const algorithm = get(ALGORITHM_QUERY_PARAM);
  if (algorithm !== ALGORITHM)
    throw incomplete(`X-Amz-Algorithm only supports '${ALGORITHM}', not '${clip(algorithm)}'.`);
  const amzDate = get(AMZ_DATE_QUERY_PARAM);
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined) {
    throw incomplete(
      `X-Amz-Date must be in the ISO 8601 basic format yyyymmddThhmmssZ, not '${clip(amzDate)}'.`,
    );
  }
  const expires = get(EXPIRES_QUERY_PARAM);
  const expiresSeconds = /^\d{1,7}$/.test(expires) ? Number(expires) : Number.NaN;
  if (!(expiresSeconds >= 1 && expiresSeconds <= MAX_PRESIGN_EXPIRES_SECONDS)) {
    throw incomplete(
      `X-Amz-Expires must be a number of seconds from 1 to ${MAX_PRESIGN_EXPIRES_SECONDS}, not '${clip(expires)}'.`,
    );
  }
  const sessionToken = params.get(SECURITY_TOKEN_QUERY_PARAM);
  if (sessionToken !== undefined && sessionToken.length > LIMITS.sessionTokenLength) {
    throw incomplete(
      `X-Amz-Security-Token is ${sessionToken.length} characters long; the limit is ${LIMITS.sessionTokenLength}.`,
    );
  }
  const contentSha256 = params.get(CONTENT_SHA256_QUERY_PARAM);
  return {
    credential: parseCredential(get(CREDENTIAL_QUERY_PARAM)),
    signedHeaders: parseSignedHeaderList(get(SIGNED_HEADERS_QUERY_PARAM)),
    signature: parseSignatureHex(get(SIGNATURE_QUERY_PARAM)),
    signedAt,
    expiresSeconds,
    ...(sessionToken === undefined ? {} : { sessionToken }),
    ...(contentSha256 === undefined ? {} : { contentSha256 }),
  };
}

/** The presigned-URL parameters of `info` (the inverse of {@link parsePresignedQuery}). */
export function formatPresignedQuery(info: PresignedInfo): Array<[string, string]> {
  return [
    [ALGORITHM_QUERY_PARAM, ALGORITHM],
    [CREDENTIAL_QUERY_PARAM, formatCredential(info.credential)],
    [AMZ_DATE_QUERY_PARAM, formatAmzDate(info.signedAt)],
    [EXPIRES_QUERY_PARAM, String(info.expiresSeconds)],
    ...(info.sessionToken === undefined
      ? []
      : [[SECURITY_TOKEN_QUERY_PARAM, info.sessionToken] as [string, string]]),
    ...(info.contentSha256 === undefined
      ? []
      : [[CONTENT_SHA256_QUERY_PARAM, info.contentSha256] as [string, string]]),
    [SIGNED_HEADERS_QUERY_PARAM, info.signedHeaders.join(";")],
    [SIGNATURE_QUERY_PARAM, info.signature],
  ];
}

const incomplete = (message: string) => new AnchorageError("IncompleteSignature", message);
