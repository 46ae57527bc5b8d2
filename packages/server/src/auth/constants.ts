// SigV4 names and the bounds this server applies. Header and parameter names are smithy's own
// constants (one spelling shared with the signer we verify with); the rest is ours.
export {
  ALGORITHM_IDENTIFIER as ALGORITHM,
  ALGORITHM_QUERY_PARAM,
  AMZ_DATE_HEADER,
  AMZ_DATE_QUERY_PARAM,
  AUTH_HEADER,
  CREDENTIAL_QUERY_PARAM,
  DATE_HEADER,
  EXPIRES_QUERY_PARAM,
  HOST_HEADER,
  KEY_TYPE_IDENTIFIER as SCOPE_TERMINATOR,
  MAX_PRESIGNED_TTL as MAX_PRESIGN_EXPIRES_SECONDS,
  SHA256_HEADER as CONTENT_SHA256_HEADER,
  SIGNATURE_QUERY_PARAM,
  SIGNED_HEADERS_QUERY_PARAM,
  TOKEN_HEADER as SECURITY_TOKEN_HEADER,
  TOKEN_QUERY_PARAM as SECURITY_TOKEN_QUERY_PARAM,
  UNSIGNED_PAYLOAD,
} from "@smithy/signature-v4";

/** Presigned URLs may carry the payload hash as a parameter (S3 does). */
export const CONTENT_SHA256_QUERY_PARAM = "X-Amz-Content-Sha256";

/** The default clock-skew window, both directions (iam-sts.md §6). */
export const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;

/** IAM's and STS's global endpoints sign with this region whatever the server's region is. */
export const GLOBAL_SIGNING_REGION = "us-east-1";
/** Signing names of the global services that sign with {@link GLOBAL_SIGNING_REGION}. */
export const GLOBAL_SERVICES: ReadonlySet<string> = new Set(["iam", "sts"]);

/** Bounds checked before any parsing or hashing; all inputs are attacker-controlled. */
export const LIMITS = {
  /** Characters in the Authorization header. */
  authorizationLength: 4096,
  /** Names in SignedHeaders / X-Amz-SignedHeaders. */
  signedHeaders: 64,
  /** Characters in the request target (path and query). */
  urlLength: 16384,
  /** Parameters in the query string. */
  queryParameters: 256,
  /** Characters in an access key id (the model's limit is 128). */
  accessKeyIdLength: 128,
  /** Characters in a session token. */
  sessionTokenLength: 8192,
} as const;
