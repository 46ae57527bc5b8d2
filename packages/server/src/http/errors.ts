// The one error table (STYLE.md §8): the ONLY place in the server where an HTTP status or a wire
// error code is written. Handlers throw `new AnchorageError(code, message)`; the app's single error
// handler (error-response.ts) renders it in the protocol of the route that failed.
//
// Each row: `status` (HTTP status), `json` (the `x-amzn-ErrorType` / `__type` for rest-json and
// JSON routes), `query` (the XML `<Code>` for Query routes: IAM, STS) and, when AWS's Query
// services use another status than the JSON services for the same condition, `queryStatus`.
//
// Sources and decisions (the specs mark several of these UNCONFIRMED):
// - Names and statuses of the common errors: AWS "Common Errors" pages of the API references
//   (IncompleteSignature 400, InternalFailure 500, InvalidAction 400, InvalidClientTokenId 403,
//   MissingAction 400, MissingAuthenticationToken 403, RequestExpired 400, ServiceUnavailable 503,
//   Throttling 400, ValidationError 400, InvalidQueryParameter 400) and the newer IAM "Common
//   Error Types" page (ExpiredTokenException 403, AccessDeniedException 403).
// - IncompleteSignature is 400 in BOTH protocols: AWS's own (non-API-Gateway) services answer 400
//   (SES Query: brendanhay/amazonka#316; Cloud9 JSON: iann0036/cloud9-sync#10); only API Gateway
//   front ends answer 403. The spec's "403 for rest-json" was UNCONFIRMED.
// - UnknownOperationException 404 is what AWS's service framework answers when no operation claims
//   a request (AWS engineer in smithy-lang/smithy#1368); Query services answer InvalidAction 400.
// - Throttling: rest-json ThrottlingException 429 (rolesanywhere.md §3 recommendation; SDKs retry
//   on both the status and the code); Query `Throttling` 400 (iam-sts.md §6.1).
// - An expired presigned URL: Query `RequestExpired` 400 (Common Errors wording "more than 15
//   minutes after the request expiration date"); JSON services report it as
//   InvalidSignatureException 403 "Signature expired" (iam-sts.md §6.3).
// - Clock skew on a header-signed request is a signature error (SignatureDoesNotMatch 403 /
//   InvalidSignatureException 403, convox/rack#235): SDKs correct their clock from our `Date`
//   header when they see these codes.
// - Not modelled by AWS and chosen here: PayloadTooLarge (413, JSON name from AWS Lambda's
//   RequestEntityTooLargeException), UnsupportedMediaType (415), a malformed Query body
//   (InvalidQueryParameter), TooManyTags on a Query route (IAM reports tag overflow as
//   LimitExceeded 409), LimitExceeded / conflicts on JSON routes (ServiceQuotaExceededException,
//   ConflictException; NOT LimitExceededException, which the SDKs retry as throttling), InvalidInput
//   on JSON routes (ValidationException).

/** One row of the error table. */
export interface ErrorRow {
  /** HTTP status (for Query routes too, unless `queryStatus` says otherwise). */
  readonly status: number;
  /** Error type on rest-json and JSON routes (`x-amzn-ErrorType` header, `__type`). */
  readonly json: string;
  /** `<Code>` of the XML `<ErrorResponse>` on Query routes (IAM, STS). */
  readonly query: string;
  /** HTTP status on Query routes when it differs from `status`. */
  readonly queryStatus?: number;
}

export const ERRORS = {
  // Input and resources.
  Validation: { status: 400, json: "ValidationException", query: "ValidationError" },
  InvalidInput: { status: 400, json: "ValidationException", query: "InvalidInput" },
  MalformedPolicyDocument: {
    status: 400,
    json: "MalformedPolicyDocumentException",
    query: "MalformedPolicyDocument",
  },
  PackedPolicyTooLarge: { status: 400, json: "PackedPolicyTooLargeException", query: "PackedPolicyTooLarge" },
  TooManyTags: { status: 400, json: "TooManyTagsException", query: "LimitExceeded", queryStatus: 409 },
  NotFound: { status: 404, json: "ResourceNotFoundException", query: "NoSuchEntity" },
  EntityAlreadyExists: { status: 409, json: "ConflictException", query: "EntityAlreadyExists" },
  DeleteConflict: { status: 409, json: "ConflictException", query: "DeleteConflict" },
  LimitExceeded: { status: 409, json: "ServiceQuotaExceededException", query: "LimitExceeded" },
  AccessDenied: { status: 403, json: "AccessDeniedException", query: "AccessDenied" },
  Throttling: { status: 429, json: "ThrottlingException", query: "Throttling", queryStatus: 400 },

  // Request authentication (SigV4).
  MissingAuthenticationToken: {
    status: 403,
    json: "MissingAuthenticationTokenException",
    query: "MissingAuthenticationToken",
  },
  IncompleteSignature: { status: 400, json: "IncompleteSignatureException", query: "IncompleteSignature" },
  InvalidClientTokenId: { status: 403, json: "UnrecognizedClientException", query: "InvalidClientTokenId" },
  SignatureDoesNotMatch: { status: 403, json: "InvalidSignatureException", query: "SignatureDoesNotMatch" },
  RequestExpired: {
    status: 403,
    json: "InvalidSignatureException",
    query: "RequestExpired",
    queryStatus: 400,
  },
  ExpiredToken: { status: 403, json: "ExpiredTokenException", query: "ExpiredToken" },

  // Protocol and transport.
  UnknownOperation: {
    status: 404,
    json: "UnknownOperationException",
    query: "InvalidAction",
    queryStatus: 400,
  },
  MissingAction: { status: 404, json: "UnknownOperationException", query: "MissingAction", queryStatus: 400 },
  Serialization: { status: 400, json: "SerializationException", query: "InvalidQueryParameter" },
  PayloadTooLarge: { status: 413, json: "RequestEntityTooLargeException", query: "RequestEntityTooLarge" },
  UnsupportedMediaType: { status: 415, json: "UnsupportedMediaTypeException", query: "UnsupportedMediaType" },

  // Server side.
  ServiceUnavailable: { status: 503, json: "ServiceUnavailableException", query: "ServiceUnavailable" },
  InternalFailure: { status: 500, json: "InternalFailure", query: "InternalFailure" },
} as const satisfies Record<string, ErrorRow>;

/** A stable Anchorage error code: a key of {@link ERRORS}. */
export type ErrorCode = keyof typeof ERRORS;

/** The message sent for `InternalFailure`, whatever the thrown error said (the real one is logged). */
export const INTERNAL_FAILURE_MESSAGE = "An internal error occurred";

/** The wire protocols a route can speak; errors are rendered in the route's protocol. */
export type Protocol = "rest-json" | "json" | "query";

/** The HTTP status and wire error type of `code` in `protocol`. */
export function wireError(code: ErrorCode, protocol: Protocol): { status: number; type: string } {
  const row: ErrorRow = ERRORS[code];
  return protocol === "query"
    ? { status: row.queryStatus ?? row.status, type: row.query }
    : { status: row.status, type: row.json };
}

/** Options of {@link AnchorageError}. */
export interface AnchorageErrorOptions {
  /** The error that led to this one (kept for the log, never sent). */
  readonly cause?: unknown;
  /**
   * Server-side detail for the log line of the request (never sent): which check failed and why.
   * Must never contain a secret (secret keys, session tokens, private keys, passphrases).
   */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/**
 * The one error type handlers throw. The app renders it in the route's protocol with the HTTP
 * status and wire code of its row in {@link ERRORS}; the message is sent to the client as is
 * (except for `InternalFailure`, whose message is replaced by a generic one), so it must say what
 * was wrong and what to do, and never contain a secret.
 *
 * @example
 * throw new AnchorageError("NotFound", `Trust anchor ${id} not found`);
 */
export class AnchorageError extends Error {
  override readonly name = "AnchorageError";
  readonly code: ErrorCode;
  readonly detail: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: AnchorageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
  }

  /** The HTTP status on rest-json and JSON routes. */
  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** Whether `code` names a row of the error table (for input that is only known at run time). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}
