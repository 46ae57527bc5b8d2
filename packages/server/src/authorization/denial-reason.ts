// The end of AWS's AccessDenied message, from a decision: "because no identity-based policy allows
// the iam:CreateRole action", "with an explicit deny in a session policy", … (AWS's wording of
// access-denied messages, IAM User Guide "Troubleshoot access denied error messages").
import type { Decision, Gate } from "@anchorage/policy";

const DENY_IN: Record<Gate, string> = {
  identity: "an identity-based policy",
  resource: "a resource-based policy",
  boundary: "a permissions boundary",
  session: "a session policy",
};

/** The `because …` / `with an explicit deny in …` clause for a decision that is not Allow. */
export function denialReason(action: string, decision: Decision): string {
  if (decision.decision === "ExplicitDeny") {
    const gate = decision.matchedStatements.find((m) => m.effect === "Deny")?.gate ?? "identity";
    return `with an explicit deny in ${DENY_IN[gate]}`;
  }
  const { gates } = decision;
  if (gates.identity !== "Allowed" && gates.resource !== "Allowed") {
    return `because no identity-based policy allows the ${action} action`;
  }
  if (gates.boundary !== "Absent" && gates.boundary !== "Allowed") {
    return `because no permissions boundary allows the ${action} action`;
  }
  if (gates.session !== "Absent" && gates.session !== "Allowed") {
    return `because no session policy allows the ${action} action`;
  }
  return `because no identity-based policy allows the ${action} action`;
}
