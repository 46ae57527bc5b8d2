// The IAM operations Anchorage serves (issue 5 item 2), by concern.
import type { IamOperations } from "../../generated/iam.js";
import { accessKeyHandlers } from "./access-keys.js";
import type { OperationHandlers, QueryServiceDeps } from "./call.js";
import { managedPolicyHandlers } from "./managed-policies.js";
import { principalPolicyHandlers } from "./principal-policies.js";
import { roleHandlers } from "./roles.js";
import { simulateHandlers } from "./simulate.js";
import { userHandlers } from "./users.js";

export function iamHandlers(deps: QueryServiceDeps): OperationHandlers<IamOperations> {
  return {
    ...roleHandlers(deps),
    ...principalPolicyHandlers(deps),
    ...managedPolicyHandlers(deps),
    ...userHandlers(deps),
    ...accessKeyHandlers(deps),
    ...simulateHandlers(deps),
  };
}
