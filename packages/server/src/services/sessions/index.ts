// IAM Roles Anywhere's CreateSession (POST /sessions): the plugin, its refusal codes (stable,
// machine-readable: `doctor` reads them back from explained messages) and the response codec.
export {
  CREATE_SESSION_MAX_HEADER_BYTES,
  sessionsPlugin,
  sessionsService,
  sessionsRuntime,
} from "./plugin.js";
export type { SessionsRuntime, SessionsServiceOptions } from "./plugin.js";
export { CREATE_SESSION_STEPS, REFUSALS, ANSWERS, isRefusalCode } from "./refusals.js";
export type { CreateSessionStep, RefusalCode, Answer } from "./refusals.js";
export {
  CreateSessionRefusal,
  REFUSAL_HEADER,
  formatExplainedMessage,
  parseExplainedMessage,
} from "./refusal.js";
export type { ExplainedMessage, RefusedCertificate } from "./refusal.js";
export {
  formatCreateSessionResponse,
  parseCreateSessionResponse,
  formatExpiration,
} from "./create-session-response.js";
export type { CreateSessionResponse, CredentialSetEntry } from "./create-session-response.js";
