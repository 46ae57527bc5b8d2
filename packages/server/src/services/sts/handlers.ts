// The STS operations Anchorage serves: GetCallerIdentity, AssumeRole, GetSessionToken.
import type { StsOperations } from "../../generated/sts.js";
import type { OperationHandlers, QueryServiceDeps } from "../iam/call.js";
import { assumeRole } from "./assume-role.js";
import { callerIdentity } from "./caller-identity.js";
import { getSessionToken } from "./session-token.js";

export function stsHandlers(deps: QueryServiceDeps): OperationHandlers<StsOperations> {
  return {
    GetCallerIdentity: async (_input, call) => callerIdentity(call.caller),
    AssumeRole: (input, call) => assumeRole(deps, input, call),
    GetSessionToken: (input, call) => getSessionToken(deps, input, call),
  };
}
