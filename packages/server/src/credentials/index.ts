// Temporary credentials (DESIGN.md "Temporary credentials"): minting, sealing and opening session
// tokens, and the sealing keys shared by replicas. See README.md in this folder.
export { mintRoleSession, mintUserSession } from "./mint.js";
export type {
  MintContext,
  MintedCredentials,
  MintedRoleSession,
  RoleSessionRequest,
  UserSessionSubject,
} from "./mint.js";
export { checkPackedPolicySize, packedPolicySize, PACKED_POLICY_BUDGET_BYTES } from "./packed-policy-size.js";
export type { PackedSessionData } from "./packed-policy-size.js";
export { SealingKeyring, sealingKeyringFor } from "./sealing-keyring.js";
export type { SealingKeyringOptions } from "./sealing-keyring.js";
export { sessionResolver, principalOf } from "./session-resolver.js";
export type { SessionResolverInit } from "./session-resolver.js";
export { deriveSealingKey, sealSession, unsealSession } from "./seal.js";
export type { SealingKey } from "./seal.js";
export { formatSessionToken, parseSessionToken, SessionTokenError } from "./session-token.js";
export type { SessionTokenEnvelope, SessionTokenProblem } from "./session-token.js";
export { formatSessionClaims, parseSessionClaims } from "./session-claims.js";
export type {
  SessionClaims,
  RoleSessionClaims,
  UserSessionClaims,
  RootSessionClaims,
} from "./session-claims.js";
