// Public surface of @anchorage/policy; see README.md.
export { parsePolicy, validatePolicy, formatPolicy } from "./parse-policy.js";
export type { ParseOptions, PolicyValidation } from "./parse-policy.js";
export type { CompiledPolicy, StatementInfo, PolicyVersion } from "./compiled-policy.js";
export { evaluate, evaluateTrust } from "./evaluate.js";
export type {
  AuthorizationRequest,
  PolicySet,
  TrustRequest,
  CallerPolicies,
  TrustDecision,
} from "./evaluate.js";
export type { Decision, DecisionType, Gate, GateOutcome, MatchedStatement } from "./decision.js";
export { MalformedPolicyError, PolicyKindError, FINDINGS } from "./findings.js";
export type { PolicyFinding, FindingCode } from "./findings.js";
export { DEFAULT_LIMITS, IAM_QUOTAS, policySize } from "./limits.js";
export type { PolicyKind, PolicyLimits } from "./limits.js";
export {
  assumedRolePrincipal,
  userPrincipal,
  rootPrincipal,
  servicePrincipal,
  describePrincipal,
} from "./principal.js";
export type { Principal } from "./principal.js";
export { assumedRoleArn, splitArn } from "./arn.js";
export { createRequestContext, RequestContext, InvalidContextError } from "./request-context.js";
export type { ContextMap, ContextValue } from "./request-context.js";
export { operatorNames } from "./condition-operators.js";
export type { SourcePosition } from "./json-source.js";
