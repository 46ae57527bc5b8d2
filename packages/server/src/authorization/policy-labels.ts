// Where a compiled policy came from, for IAM's simulator (`MatchedStatements[].SourcePolicyId` and
// `SourcePolicyType`) and the decision API: kept beside the policy, keyed by the compiled object.
import type { CompiledPolicy } from "@anchorage/policy";

/** IAM's `PolicySourceType` values. */
export type PolicySourceType =
  "user" | "group" | "role" | "aws-managed" | "user-managed" | "resource" | "none";

/** A policy's source: the id IAM's simulator reports (a policy name, `PolicyInputList.1`…) and its type. */
export interface PolicySource {
  readonly id: string;
  readonly type: PolicySourceType;
}

const LABELS = new WeakMap<CompiledPolicy, PolicySource>();

/** Records where a compiled policy came from. */
export function labelPolicy(policy: CompiledPolicy, source: PolicySource): void {
  LABELS.set(policy, source);
}

/** Where a compiled policy came from; unlabelled policies report their name and `none`. */
export function policySource(policy: CompiledPolicy): PolicySource {
  return LABELS.get(policy) ?? { id: policy.name, type: "none" };
}
