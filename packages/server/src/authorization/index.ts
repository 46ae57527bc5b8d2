// Policy-based authorization of calls to Anchorage and of requests put to the decision API.
export { PolicyEngine, attachPolicyEngine, policyEngineFor } from "./policy-engine.js";
export type { CallerPolicies, DecisionQuestion, PolicyEngineInit } from "./policy-engine.js";
export { PolicyCache } from "./policy-cache.js";
export type { PolicyCacheOptions, PrincipalPolicies, RolePolicies, UserPolicies } from "./policy-cache.js";
export { AWS_MANAGED_POLICIES, awsManagedPolicy, isAwsManagedPolicyArn } from "./aws-managed-policies.js";
export type { AwsManagedPolicy } from "./aws-managed-policies.js";
export { labelPolicy, policySource } from "./policy-labels.js";
export type { PolicySource, PolicySourceType } from "./policy-labels.js";
export {
  currentTime,
  isReservedContextKey,
  mergeContext,
  principalContext,
  principalTags,
} from "./principal-context.js";
export { denialReason } from "./denial-reason.js";
export { requestFacts } from "./request-facts.js";
