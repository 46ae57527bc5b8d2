// AWS Signature Version 4 (HMAC-SHA256) request authentication, header and presigned forms, as
// AWS's services do it: the request is parsed and bounded, its scope and time are checked, the
// key's secret is looked up through a seam, and the signature is recomputed with smithy's signer
// over the request's OWN signed headers and compared in constant time.
import { AnchorageError } from "../http/errors.js";
import { formatAmzDate, parseAmzDate, parseHttpDate } from "./amz-date.js";
import { parseAuthorizationHeader, type SignatureInfo } from "./authorization-header.js";
import {
  AMZ_DATE_HEADER,
  AUTH_HEADER,
  CONTENT_SHA256_HEADER,
  DATE_HEADER,
  DEFAULT_MAX_SKEW_MS,
  GLOBAL_SERVICES,
  GLOBAL_SIGNING_REGION,
  HOST_HEADER,
  LIMITS,
  SECURITY_TOKEN_HEADER,
  UNSIGNED_PAYLOAD,
} from "./constants.js";
import { clip } from "./credential-scope.js";
import { isPresigned, parsePresignedQuery } from "./presigned-query.js";
import {
  headerValues,
  signedHeaderValues,
  singleValue,
  type HeaderInput,
  type HeaderValues,
} from "./request-headers.js";
import { parseRequestTarget, queryRecord } from "./request-target.js";
import { sha256Hex } from "@anchorage/sigv4-x509";
import { computeSignature, signaturesMatch } from "./signature.js";
import { checkPresignedTime, checkRequestTime } from "./time-window.js";

/** A request to authenticate, as received. */
export interface SignedRequest {
  /** The HTTP method, upper case. */
  readonly method: string;
  /** The request target exactly as received: `/path?query`, still percent-encoded. */
  readonly rawUrl: string;
  /**
   * Every header, names in any case; a repeated header as all its values in order (build it from
   * node's `rawHeaders` with `headersFromRaw`: `req.headers` merges or drops repeats).
   */
  readonly headers: HeaderInput;
  /** The exact body bytes. */
  readonly body?: Buffer;
  /** The body's lower-case hex SHA-256, when the body itself is not at hand (decision API). */
  readonly payloadSha256?: string;
}

/** What the credential seam returns for a known access key (and session token). */
export interface ResolvedCredentials<P = unknown> {
  readonly secretAccessKey: string;
  /** Who the key belongs to: opaque to authentication, handed back in {@link Authenticated}. */
  readonly principal: P;
  /** When temporary credentials expire; requests after it are ExpiredToken. */
  readonly expiresAt?: Date;
}

/**
 * The credential seam: the secret and principal of an access key id (and, for temporary
 * credentials, its session token), or `undefined` when unknown (→ InvalidClientTokenId). It may
 * throw an {@link AnchorageError} (e.g. InvalidClientTokenId for a token that does not open).
 * Temporary keys sent without their token must resolve to `undefined`.
 */
export type CredentialResolver<P = unknown> = (key: {
  readonly accessKeyId: string;
  readonly sessionToken?: string;
}) => Promise<ResolvedCredentials<P> | undefined>;

/** Options of {@link authenticateSigV4}. */
export interface SigV4Options<P = unknown> {
  readonly resolveCredentials: CredentialResolver<P>;
  /** The server's clock, read once per request. */
  readonly now: Date;
  /** The server's region. `us-east-1` is also accepted for the global services (iam, sts). */
  readonly region: string;
  /** The signing name(s) accepted on this route: "rolesanywhere", ["iam"], ["sts"], … */
  readonly service: string | readonly string[];
  /** Clock-skew window, both directions; default 5 minutes. */
  readonly maxSkewMs?: number;
}

/** A successfully authenticated request. */
export interface Authenticated<P = unknown> {
  readonly accessKeyId: string;
  readonly principal: P;
  /** The signing name the client used (one of the route's). */
  readonly service: string;
  /** The region the client signed for. */
  readonly region: string;
  /** The request's signing time (X-Amz-Date or Date). */
  readonly signedAt: Date;
  readonly form: "header" | "presigned";
  /** Whether a session token came with the request (temporary credentials). */
  readonly withSessionToken: boolean;
  readonly expiresAt?: Date;
}

/** The form-specific parts of a request's signature information. */
interface Claimed extends SignatureInfo {
  readonly form: "header" | "presigned";
  readonly signedAt: Date;
  /** Where the signing date came from, for messages. */
  readonly dateSource: string;
  readonly sessionToken: string | undefined;
  readonly contentSha256: string | undefined;
  readonly expiresSeconds?: number;
}

const MISSING_AUTHENTICATION =
  "Request is missing Authentication Token: sign it with AWS Signature Version 4 (an Authorization header or presigned-URL parameters).";
const ONE_MECHANISM =
  "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified.";
const INVALID_TOKEN = "The security token included in the request is invalid.";
const EXPIRED_TOKEN = "The security token included in the request is expired";
const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/**
 * Authenticates a SigV4 (HMAC-SHA256) request, header or presigned form.
 *
 * @returns who signed it.
 * @throws AnchorageError MissingAuthenticationToken, IncompleteSignature, SignatureDoesNotMatch,
 *   RequestExpired, InvalidClientTokenId, ExpiredToken (and Serialization for a malformed target).
 *
 * @example
 * const who = await authenticateSigV4(
 *   { method: "GET", rawUrl: req.raw.url, headers: headersFromRaw(req.raw.rawHeaders), body },
 *   { resolveCredentials, now: clock(), region: "us-east-1", service: "rolesanywhere" },
 * );
 */
export async function authenticateSigV4<P>(
  request: SignedRequest,
  options: SigV4Options<P>,
): Promise<Authenticated<P>> {
  const services = typeof options.service === "string" ? [options.service] : options.service;
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const target = parseRequestTarget(request.rawUrl);
  const headers = headerValues(request.headers);
  const authorization = singleValue(headers, AUTH_HEADER);
  const presigned = isPresigned(target.query);
  if (authorization !== undefined && presigned)
    throw new AnchorageError("IncompleteSignature", ONE_MECHANISM);
  if (authorization === undefined && !presigned)
    throw new AnchorageError("MissingAuthenticationToken", MISSING_AUTHENTICATION);

  const claimed = authorization === undefined ? fromQuery(target.query) : fromHeader(authorization, headers);
  const { credential } = claimed;
  checkScope(claimed, options.region, services);
  if (!claimed.signedHeaders.includes(HOST_HEADER)) {
    throw new AnchorageError(
      "SignatureDoesNotMatch",
      "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
  if (claimed.expiresSeconds === undefined) checkRequestTime(claimed.signedAt, options.now, maxSkewMs);
  else checkPresignedTime(claimed.signedAt, claimed.expiresSeconds, options.now, maxSkewMs);
  const payloadHash = payloadHashOf(request, claimed.contentSha256);
  const signedValues = signedHeaderValues(headers, claimed.signedHeaders);

  const resolved = await options.resolveCredentials({
    accessKeyId: credential.accessKeyId,
    ...(claimed.sessionToken === undefined ? {} : { sessionToken: claimed.sessionToken }),
  });
  if (resolved === undefined) {
    throw new AnchorageError("InvalidClientTokenId", INVALID_TOKEN, {
      detail: { accessKeyId: credential.accessKeyId },
    });
  }
  const computed = await computeSignature({
    method: request.method,
    path: target.path,
    query: queryRecord(target.query),
    headers: signedValues,
    payloadHash,
    signedAt: claimed.signedAt,
    region: credential.region,
    service: credential.service,
    accessKeyId: credential.accessKeyId,
    secretAccessKey: resolved.secretAccessKey,
  });
  if (!signaturesMatch(computed.signature, claimed.signature)) {
    throw new AnchorageError("SignatureDoesNotMatch", SIGNATURE_MISMATCH, {
      detail: {
        accessKeyId: credential.accessKeyId,
        canonicalRequest: redactToken(computed.canonicalRequest, claimed.sessionToken),
        stringToSign: computed.stringToSign,
      },
    });
  }
  if (resolved.expiresAt !== undefined && resolved.expiresAt.getTime() <= options.now.getTime()) {
    throw new AnchorageError("ExpiredToken", EXPIRED_TOKEN, {
      detail: { accessKeyId: credential.accessKeyId, expiredAt: resolved.expiresAt.toISOString() },
    });
  }
  return {
    accessKeyId: credential.accessKeyId,
    principal: resolved.principal,
    service: credential.service,
    region: credential.region,
    signedAt: claimed.signedAt,
    form: claimed.form,
    withSessionToken: claimed.sessionToken !== undefined,
    ...(resolved.expiresAt === undefined ? {} : { expiresAt: resolved.expiresAt }),
  };
}

/** The Authenticate seam of the app (buildApp's `authenticate`), bound to a resolver and a clock. */
export type Authenticate = (request: SignedRequest, services: readonly string[]) => Promise<Authenticated>;

/** Options of {@link sigv4Authenticator}. */
export interface SigV4AuthenticatorInit {
  readonly resolveCredentials: CredentialResolver;
  readonly clock: () => Date;
  readonly region: string;
  readonly maxSkewMs?: number;
}

/**
 * An {@link Authenticate} for buildApp: SigV4 with the given credential seam, clock and region.
 *
 * @example
 * buildApp({ clock, log, authenticate: sigv4Authenticator({ resolveCredentials, clock, region: "us-east-1" }) });
 */
export function sigv4Authenticator(init: SigV4AuthenticatorInit): Authenticate {
  return (request, services) =>
    authenticateSigV4(request, {
      resolveCredentials: init.resolveCredentials,
      now: init.clock(),
      region: init.region,
      service: services,
      ...(init.maxSkewMs === undefined ? {} : { maxSkewMs: init.maxSkewMs }),
    });
}

function fromHeader(authorization: string, headers: HeaderValues): Claimed {
  const info = parseAuthorizationHeader(authorization);
  const amzDate = singleValue(headers, AMZ_DATE_HEADER);
  const httpDate = amzDate === undefined ? singleValue(headers, DATE_HEADER) : undefined;
  if (amzDate === undefined && httpDate === undefined) {
    throw new AnchorageError(
      "IncompleteSignature",
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  const signedAt = amzDate === undefined ? parseHttpDate(httpDate ?? "") : parseAmzDate(amzDate);
  if (signedAt === undefined) {
    throw new AnchorageError(
      "IncompleteSignature",
      amzDate === undefined
        ? `The Date header must be an HTTP date like 'Sun, 30 Aug 2015 12:36:00 GMT', not '${clip(httpDate ?? "")}'.`
        : `X-Amz-Date must be in the ISO 8601 basic format yyyymmddThhmmssZ, not '${clip(amzDate)}'.`,
    );
  }
  const sessionToken = singleValue(headers, SECURITY_TOKEN_HEADER);
  if (sessionToken !== undefined && sessionToken.length > LIMITS.sessionTokenLength) {
    throw new AnchorageError(
      "IncompleteSignature",
      `X-Amz-Security-Token is ${sessionToken.length} characters long; the limit is ${LIMITS.sessionTokenLength}.`,
    );
  }
  return {
    ...info,
    form: "header",
    signedAt,
    dateSource: amzDate === undefined ? "date" : "x-amz-date",
    sessionToken,
    contentSha256: singleValue(headers, CONTENT_SHA256_HEADER),
  };
}

function fromQuery(query: ReturnType<typeof parseRequestTarget>["query"]): Claimed {
  const info = parsePresignedQuery(query);
  return {
    ...info,
    form: "presigned",
    dateSource: "X-Amz-Date",
    sessionToken: info.sessionToken,
    contentSha256: info.contentSha256,
  };
}

function checkScope(claimed: Claimed, region: string, services: readonly string[]): void {
  const { credential } = claimed;
  const date = formatAmzDate(claimed.signedAt).slice(0, 8);
  if (credential.date !== date) {
    throw new AnchorageError(
      "SignatureDoesNotMatch",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${credential.date}' != '${date}', from '${claimed.dateSource}'.`,
    );
  }
  if (!services.includes(credential.service)) {
    throw new AnchorageError(
      "SignatureDoesNotMatch",
      `Credential should be scoped to correct service: ${services.map((s) => `'${s}'`).join(" or ")}, not '${credential.service}'.`,
    );
  }
  const regions = GLOBAL_SERVICES.has(credential.service) ? [region, GLOBAL_SIGNING_REGION] : [region];
  if (!regions.includes(credential.region)) {
    throw new AnchorageError(
      "SignatureDoesNotMatch",
      `Credential should be scoped to a valid region: this server's region is '${region}'` +
        (regions.length > 1
          ? ` ('${GLOBAL_SIGNING_REGION}' is also accepted for ${credential.service})`
          : "") +
        `, not '${credential.region}'.`,
    );
  }
}

function payloadHashOf(request: SignedRequest, claimedHash: string | undefined): string {
  const actual = request.body !== undefined ? sha256Hex(request.body) : request.payloadSha256;
  if (actual === undefined || !/^[0-9a-f]{64}$/.test(actual)) {
    throw new TypeError("authenticateSigV4 needs the request body or its lower-case hex SHA-256");
  }
  if (claimedHash === UNSIGNED_PAYLOAD) {
    throw new AnchorageError(
      "SignatureDoesNotMatch",
      `x-amz-content-sha256 '${UNSIGNED_PAYLOAD}' is only accepted by Amazon S3; sign the SHA-256 of the body.`,
    );
  }
  if (claimedHash !== undefined && claimedHash.toLowerCase() !== actual) {
    throw new AnchorageError(
      "SignatureDoesNotMatch",
      "The provided 'x-amz-content-sha256' header does not match what was computed from the body.",
    );
  }
  return actual;
}

/** The canonical request with the session token (header value or query value) replaced, for logs. */
function redactToken(canonicalRequest: string, sessionToken: string | undefined): string {
  if (sessionToken === undefined || sessionToken === "") return canonicalRequest;
  return canonicalRequest
    .split(sessionToken)
    .join("[redacted]")
    .split(encodeURIComponent(sessionToken))
    .join("[redacted]");
}
