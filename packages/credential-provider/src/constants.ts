// Constants of the CreateSession client and fromRolesAnywhere(); each value is spelled only here.

/** This package's release, sent in the default User-Agent (kept equal to package.json by a test). */
export const PACKAGE_VERSION = "0.1.0";

/** Product token of the default User-Agent: `anchorage/<version> (node <v>; <platform>; <arch>)`. */
export const USER_AGENT_PRODUCT = "anchorage";

/**
 * The duration AWS's helper sends when `--session-duration` is absent. `credential-process` sends it
 * too (byte compatibility); `fromRolesAnywhere()` omits `durationSeconds` so the profile's applies.
 */
export const HELPER_DEFAULT_DURATION_SECONDS = 3600;

/** Attempts per CreateSession call, retries included (AWS's helper: 1 + 3 retries). */
export const MAX_ATTEMPTS = 4;

/**
 * Backoff before retry n (0-based) is `2^n × (BASE + random × BASE)` ms, the AWS SDK for Go v1
 * default retryer's: 30–60, 60–120, 120–240 ms.
 */
export const RETRY_BASE_DELAY_MS = 30;

/** Per-attempt limit on establishing the connection (TCP, proxy CONNECT and TLS). */
export const CONNECT_TIMEOUT_MS = 10_000;

/** Per-attempt limit on the whole exchange, from sending the request to the last response byte. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Largest CreateSession response read, before and after gzip decoding (a real one is ~2 KB). */
export const MAX_RESPONSE_BYTES = 256 * 1024;

/** fromRolesAnywhere() fetches new credentials when fewer than this many ms remain (the SDK's 5 min). */
export const REFRESH_EARLY_MS = 5 * 60_000;

/** Host name pattern of the default endpoint; `{region}` and `{dnsSuffix}` are filled in. */
export const DEFAULT_ENDPOINT_TEMPLATE = "https://rolesanywhere.{region}.{dnsSuffix}";

/** DNS suffix of the default endpoint per region prefix (the AWS China partition differs). */
export const DNS_SUFFIXES: readonly (readonly [prefix: string, suffix: string])[] = [
  ["cn-", "amazonaws.com.cn"],
  ["", "amazonaws.com"],
];

/** HTTP statuses retried besides connection failures: 5xx except 501, and 429 (throttling). */
export const RETRYABLE_STATUS = (status: number): boolean =>
  (status >= 500 && status !== 501) || status === 429;

/** Error types retried whatever their status (the AWS SDKs' throttling codes). */
export const RETRYABLE_ERROR_TYPES: readonly string[] = [
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
];

/** Node.js system error codes of connection-level failures, retried like AWS's helper retries them. */
export const RETRYABLE_NETWORK_CODES: readonly string[] = [
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "ENOTFOUND",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
  "ProxyConnectFailed",
  "ConnectTimeout",
  "ResponseTimeout",
  "PrematureClose",
];
