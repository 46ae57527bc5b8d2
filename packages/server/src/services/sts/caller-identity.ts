// STS GetCallerIdentity (iam-sts.md §5.4): who signed the request. No permission is needed, and an
// explicit Deny of sts:GetCallerIdentity has no effect, as on AWS.
import type { GetCallerIdentityResponse } from "../../generated/sts.js";
import type { CallerPrincipal } from "../../principal.js";

export function callerIdentity(caller: CallerPrincipal): GetCallerIdentityResponse {
  switch (caller.kind) {
    case "root":
      return { UserId: caller.accountId, Account: caller.accountId, Arn: caller.arn };
    case "user":
      return { UserId: caller.userId, Account: caller.accountId, Arn: caller.arn };
    case "assumed-role":
      return { UserId: `${caller.roleId}:${caller.sessionName}`, Account: caller.accountId, Arn: caller.arn };
  }
}
