// Public surface of @anchorage/server: start it (`startServer`), compose it in-process
// (`createServer`), or reuse its parts (the HTTP core, SigV4 authentication, the codecs, the store).
export { startServer, DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_REGION } from "./start.js";
export type { RunningServer, StartOptions } from "./start.js";
export { createServer } from "./compose.js";
export type { AnchorageServer, ServerOptions } from "./compose.js";
export type { ServiceContext, ServicePlugin } from "./service-context.js";
export type { Authorizer, AuthorizationQuestion } from "./authorize.js";
export { rootOnlyAuthorizer, accessDeniedMessage } from "./authorize.js";
export type {
  CallerPrincipal,
  RootPrincipal,
  UserPrincipal,
  AssumedRolePrincipal,
  RoleSession,
  SessionTag,
  TemporarySession,
} from "./principal.js";
export type { RequestFacts } from "./authorize.js";

// Temporary credentials and policy-based authorization.
export {
  mintRoleSession,
  mintUserSession,
  packedPolicySize,
  SealingKeyring,
  sealingKeyringFor,
  sessionResolver,
} from "./credentials/index.js";
export type {
  MintContext,
  MintedCredentials,
  MintedRoleSession,
  RoleSessionRequest,
  UserSessionSubject,
} from "./credentials/index.js";
export { PolicyEngine, policyEngineFor, requestFacts, AWS_MANAGED_POLICIES } from "./authorization/index.js";
export type { CallerPolicies, DecisionQuestion } from "./authorization/index.js";
export {
  AUTHORIZE_PATH,
  AUTHORIZE_SIGNING_NAME,
  AUTHORIZE_ACTION,
} from "./services/authorize-api/decision-api.js";
export type { DecisionOutput, DecisionPrincipal } from "./services/authorize-api/decision-api.js";
// IAM Roles Anywhere's CreateSession (POST /sessions): refusal codes and explained messages (doctor).
export {
  CREATE_SESSION_STEPS,
  REFUSALS,
  REFUSAL_HEADER,
  parseExplainedMessage,
  formatExplainedMessage,
  parseCreateSessionResponse,
  sessionsRuntime,
  sessionsService,
} from "./services/sessions/index.js";
export type {
  CreateSessionStep,
  ExplainedMessage,
  RefusalCode,
  SessionsRuntime,
  SessionsServiceOptions,
} from "./services/sessions/index.js";
export { ADMIN_CREDENTIALS_FILE, formatCredentialsIni } from "./account/admin-credentials.js";
export { writeFileAtomic } from "./account/atomic-file.js";

// The HTTP core and authentication.
export { buildApp, rawBody, DEFAULT_BODY_LIMIT } from "./http/app.js";
export type { AnchorageApp, AppOptions } from "./http/app.js";
export { AnchorageError, ERRORS, wireError } from "./http/errors.js";
export type { ErrorCode, Protocol } from "./http/errors.js";
export type { ServiceRouteConfig, RouteAuth, XmlNamespace } from "./http/route-config.js";
export { authenticateSigV4, sigv4Authenticator } from "./auth/sigv4.js";
export type {
  Authenticate,
  Authenticated,
  CredentialResolver,
  ResolvedCredentials,
  SignedRequest,
  SigV4Options,
} from "./auth/sigv4.js";

// Storage.
export * from "./store/index.js";
