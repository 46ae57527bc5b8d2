/**
 * Every name, label and limit of the AWS4-X509 protocol, spelled once. Header names are lower-case
 * (the form used in canonical requests and `SignedHeaders`); `WIRE_HEADER_NAMES` gives the spelling
 * AWS's helper puts on the wire.
 */

/** Algorithm label for RSA keys: RSASSA-PKCS1-v1_5 over SHA-256. */
export const ALGORITHM_RSA = "AWS4-X509-RSA-SHA256";
/** Algorithm label for EC keys (P-256, P-384, P-521): ECDSA over SHA-256 whatever the curve. */
export const ALGORITHM_ECDSA = "AWS4-X509-ECDSA-SHA256";
/** The algorithm labels this package signs with. */
export const X509_ALGORITHMS = [ALGORITHM_RSA, ALGORITHM_ECDSA] as const;
/** Label prefix shared by every X.509 algorithm (`AWS4-X509-RSA-SHA384`, `AWS4-X509-MLDSA`, ...). */
export const X509_ALGORITHM_PREFIX = "AWS4-X509-";
/**
 * Hash suffixes accepted on verification. AWS Labs' Python client labels the algorithm with the hash
 * its issuing CA used (`AWS4-X509-RSA-SHA384`), yet always signs a SHA-256 digest.
 */
export const ACCEPTED_LABEL_HASHES = ["SHA256", "SHA384", "SHA512"] as const;
/** The digest of every AWS4-X509 signature, whatever the label says. */
export const SIGNATURE_DIGEST = "sha256";

/** The signing service of CreateSession. */
export const SERVICE = "rolesanywhere";
/** Last element of every SigV4 credential scope. */
export const SCOPE_TERMINATOR = "aws4_request";

export const HEADER_AUTHORIZATION = "authorization";
export const HEADER_HOST = "host";
export const HEADER_CONTENT_TYPE = "content-type";
export const HEADER_USER_AGENT = "user-agent";
export const HEADER_ACCEPT_ENCODING = "accept-encoding";
export const HEADER_TRANSFER_ENCODING = "transfer-encoding";
export const HEADER_TRACE_ID = "x-amzn-trace-id";
export const HEADER_DATE = "x-amz-date";
export const HEADER_X509 = "x-amz-x509";
export const HEADER_X509_CHAIN = "x-amz-x509-chain";

/** Wire spelling of the headers the signer emits, as AWS's helper v1.4 spells them. */
export const WIRE_HEADER_NAMES = {
  [HEADER_AUTHORIZATION]: "Authorization",
  [HEADER_HOST]: "Host",
  [HEADER_CONTENT_TYPE]: "Content-Type",
  [HEADER_USER_AGENT]: "User-Agent",
  [HEADER_ACCEPT_ENCODING]: "Accept-Encoding",
  [HEADER_DATE]: "X-Amz-Date",
  [HEADER_X509]: "X-Amz-X509",
  [HEADER_X509_CHAIN]: "X-Amz-X509-Chain",
} as const;

/**
 * Headers the signer never signs: the three AWS's helper skips (`authorization`, `user-agent`,
 * `x-amzn-trace-id`) and the transport headers Go's HTTP client adds after signing.
 */
export const UNSIGNED_HEADERS: readonly string[] = [
  HEADER_AUTHORIZATION,
  HEADER_USER_AGENT,
  HEADER_TRACE_ID,
  HEADER_TRANSFER_ENCODING,
  HEADER_ACCEPT_ENCODING,
];

/** Headers a verifier requires in `SignedHeaders` (plus `x-amz-x509-chain` when that header is sent). */
export const REQUIRED_SIGNED_HEADERS: readonly string[] = [HEADER_HOST, HEADER_DATE, HEADER_X509];

/** The CreateSession resource path. */
export const SESSIONS_PATH = "/sessions";
/** Content-Type AWS's helper sends on CreateSession. */
export const JSON_CONTENT_TYPE = "application/json";
/** Content types a CreateSession body may carry (the Python client sends the second). */
export const ACCEPTED_BODY_CONTENT_TYPES: readonly string[] = [
  JSON_CONTENT_TYPE,
  "application/x-amz-json-1.0",
];

/** At most this many certificates in `X-Amz-X509-Chain` (Roles Anywhere user guide). */
export const MAX_CHAIN_CERTS = 5;
/** Largest certificate (DER bytes) accepted in `X-Amz-X509` or one chain entry. */
export const MAX_CERTIFICATE_BYTES = 16 * 1024;
/** Largest `Authorization` header value, in characters. */
export const MAX_AUTHORIZATION_LENGTH = 8 * 1024;
/** Largest signature in bytes (RSA-8192). */
export const MAX_SIGNATURE_BYTES = 1024;
/** Most names in `SignedHeaders`. */
export const MAX_SIGNED_HEADERS = 64;
/** Longest value of a signed header other than the certificate headers, in characters. */
export const MAX_SIGNED_HEADER_VALUE_LENGTH = 8 * 1024;
/** Most header lines a request may carry into the parser. */
export const MAX_HEADER_COUNT = 256;
/** Longest request target (`path?query`), in characters. */
export const MAX_URL_LENGTH = 8 * 1024;
/** Largest CreateSession body, in bytes. */
export const MAX_CREATE_SESSION_BODY_BYTES = 64 * 1024;
/** Longest serial number accepted in `Credential=`, in decimal digits. */
export const MAX_SERIAL_DIGITS = 128;

/** Default allowed difference between `X-Amz-Date` and the verifier's clock (the usual SigV4 window). */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** `durationSeconds` bounds of CreateSession. */
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;
/** `instanceProperties` bounds (botocore `InstancePropertyMap`). */
export const MAX_INSTANCE_PROPERTIES = 50;
export const MAX_INSTANCE_PROPERTY_LENGTH = 200;
/** `roleSessionName` bounds (STS `RoleSessionName`). */
export const MIN_ROLE_SESSION_NAME_LENGTH = 2;
export const MAX_ROLE_SESSION_NAME_LENGTH = 64;
/** Longest ARN accepted in CreateSession parameters (botocore `TrustAnchorArn`/`ProfileArn`/`RoleArn`). */
export const MAX_ARN_LENGTH = 1011;
