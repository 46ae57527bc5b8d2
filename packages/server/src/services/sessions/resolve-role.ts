// Step `role`: the role named by roleArn must be this account's and exist — its record, identity
// policies and compiled trust policy come from the policy engine's cache (invalidated through the
// `role:<name>` generation, so an IAM change on any replica is seen within a second).
import type { PolicyEngine } from "../../authorization/policy-engine.js";
import type { RolePolicies } from "../../authorization/policy-cache.js";
import { CreateSessionRefusal } from "./refusal.js";

const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role((?:\/[\x21-\x7e]*)?\/)([\w+=,.@-]{1,64})$/;

/** The role's policies and trust policy; refused when it is not a role of this account. */
export async function resolveRole(
  roleArn: string,
  account: { readonly accountId: string; readonly partition: string },
  engine: PolicyEngine,
): Promise<RolePolicies> {
  const detail = { roleArn };
  const m = ROLE_ARN.exec(roleArn);
  if (m === null || m[1] !== account.partition || m[2] !== account.accountId) {
    throw new CreateSessionRefusal(
      "RoleNotInThisAccount",
      `roleArn ${roleArn} is not a role of account ${account.accountId} (arn:${account.partition}:iam::${account.accountId}:role/<path/><name>)`,
      { detail },
    );
  }
  const role = await engine.cache.role(m[4] ?? "");
  if (role === undefined || role.record.arn !== roleArn) {
    throw new CreateSessionRefusal(
      "RoleNotFound",
      role === undefined
        ? `there is no role ${m[4] ?? ""} in account ${account.accountId}; check roleArn (aws iam get-role)`
        : `roleArn ${roleArn} does not match the role's ARN ${role.record.arn} (path and name must match exactly)`,
      { detail },
    );
  }
  return role;
}
