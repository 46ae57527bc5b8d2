// Finding a managed policy by ARN, customer managed (this account) or AWS-managed (the catalogue).
import { awsManagedPolicy, type AwsManagedPolicy } from "../../authorization/aws-managed-policies.js";
import { AnchorageError } from "../../http/errors.js";
import type { ManagedPolicyRecord } from "../../store/store.js";
import type { QueryServiceDeps } from "./call.js";
import { parsePolicyArn } from "./iam-arns.js";
import { IAM_MESSAGES } from "./iam-messages.js";

/** A managed policy found by ARN: exactly one of `aws` and `record` is set. */
export interface FoundPolicy {
  readonly arn: string;
  readonly aws?: AwsManagedPolicy;
  readonly record?: ManagedPolicyRecord;
}

/** What the policy is wanted for: it decides the NoSuchEntity wording. */
export type PolicyPurpose = "attach" | "boundary" | "get";

/** The managed policy, or undefined when the ARN is well formed but names nothing. InvalidInput for a bad ARN. */
export async function findManagedPolicy(
  deps: QueryServiceDeps,
  arn: string,
): Promise<FoundPolicy | undefined> {
  const parsed = parsePolicyArn(arn);
  if (parsed.account === "aws") {
    const aws = awsManagedPolicy(arn);
    return aws === undefined ? undefined : { arn, aws };
  }
  if (parsed.account !== deps.context.accountId) return undefined;
  const record = await deps.context.store.managedPolicies.get(arn);
  return record === undefined ? undefined : { arn, record };
}

/** The managed policy; NoSuchEntity in AWS's wording for the purpose when there is none. */
export async function requireManagedPolicy(
  deps: QueryServiceDeps,
  arn: string,
  purpose: PolicyPurpose,
): Promise<FoundPolicy> {
  const found = await findManagedPolicy(deps, arn);
  if (found !== undefined) return found;
  const message =
    purpose === "boundary"
      ? IAM_MESSAGES.noSuchBoundary(arn)
      : purpose === "get"
        ? IAM_MESSAGES.policyNotFound(arn)
        : IAM_MESSAGES.noSuchPolicy(arn);
  throw new AnchorageError("NotFound", message);
}
