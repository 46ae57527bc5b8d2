// Public surface of @anchorage/credential-provider; see README.md. Importing it does no I/O.

// The AWS SDK v3 credential provider.
export { fromRolesAnywhere } from "./from-roles-anywhere.js";
export type { RolesAnywhereCredentials, RolesAnywhereInit } from "./from-roles-anywhere.js";

// The CreateSession client (what `anchorage credential-process` runs).
export { createSession, wireHeaders } from "./create-session.js";
export type { CreateSessionEvent, CreateSessionOptions, CreateSessionResult } from "./create-session.js";
export {
  CREATE_SESSION_STEPS,
  CreateSessionError,
  isCreateSessionError,
  oneLine,
} from "./create-session-error.js";
export type { CreateSessionErrorDetails, CreateSessionStep } from "./create-session-error.js";
export {
  CLI_OPTION_NAMES,
  defaultEndpoint,
  PROVIDER_OPTION_NAMES,
  resolveSessionConfig,
} from "./session-config.js";
export type { OptionNames, SessionConfig, SessionConfigInput } from "./session-config.js";
export { parseSessionResponse } from "./session-response.js";
export type { ResponseContext, SessionCredentials, SessionResponse } from "./session-response.js";
export { parseErrorResponse } from "./error-response.js";
export type { ErrorResponse } from "./error-response.js";
export { formatArn, parseArn } from "./arn.js";
export type { Arn } from "./arn.js";
export { userAgent } from "./user-agent.js";
export type { RuntimeInfo } from "./user-agent.js";
export { backoffDelay, isRetryableNetworkError, isRetryableResponse } from "./retry.js";

// Transport.
export { nodeHttpRequest } from "./http/node-http-request.js";
export { TransportError } from "./http/http-request.js";
export type { HttpRequest, HttpRequestOptions, WireRequest, WireResponse } from "./http/http-request.js";
export { ProxyConfigError, proxyForUrl } from "./http/proxy.js";
export type { ProxyEnvironment } from "./http/proxy.js";
export { decodeBody } from "./http/content-encoding.js";

export {
  CONNECT_TIMEOUT_MS,
  HELPER_DEFAULT_DURATION_SECONDS,
  MAX_ATTEMPTS,
  MAX_RESPONSE_BYTES,
  PACKAGE_VERSION,
  REFRESH_EARLY_MS,
  REQUEST_TIMEOUT_MS,
} from "./constants.js";

// Certificate, key and chain loading.
export * from "./material/index.js";

// The shared on-disk credential cache (`credential-process --cache`, `fromRolesAnywhere({ cache })`).
export * from "./cache/index.js";
