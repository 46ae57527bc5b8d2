/** The sentences that explain a decision. One place, so the wording stays consistent and tested. */
import type { Gate, MatchedStatement } from "./decision.js";
import { memoize } from "./memo.js";

const quote = memoize((s: string) => JSON.stringify(s));

const GATE_LABEL: Record<Gate, string> = {
  identity: "identity policy",
  resource: "resource policy",
  boundary: "permissions boundary",
  session: "session policy",
};

/** `Statement[2] (Sid "DenyWrites") of identity policy "X"` */
export function describeStatement(m: MatchedStatement): string {
  const sid = m.sid ? ` (Sid ${quote(m.sid)})` : "";
  return `Statement[${m.index}]${sid} of ${GATE_LABEL[m.gate]} ${quote(m.policy)}`;
}

/** Reason for an explicit deny: the first Deny statement, and how many more there were. */
export function explicitDenyReason(denies: readonly MatchedStatement[]): string {
  const first = denies[0] as MatchedStatement;
  const more = denies.length - 1;
  return `explicitly denied by ${describeStatement(first)}${more > 0 ? ` (and ${more} more Deny statement${more > 1 ? "s" : ""})` : ""}`;
}

/** Reason for an Allow: the granting statement, then the other gates it passed. */
export function allowReason(
  grant: MatchedStatement,
  alsoPassed: readonly MatchedStatement[],
  direct: boolean,
): string {
  let s = `allowed by ${describeStatement(grant)}`;
  if (direct)
    s += ", which names the principal itself (permissions boundary and session policies do not limit it)";
  for (const m of alsoPassed) s += `; within ${describeStatement(m)}`;
  return s;
}

/** `s3:PutObject on arn:aws:s3:::b/k` (trust checks have no resource: `sts:AssumeRole`). */
export function requestText(action: string, resource: string | undefined): string {
  return resource === undefined ? action : `${action} on ${resource}`;
}

/** Reasons for an implicit deny, by the gate that failed. */
export const implicitDenyReason = {
  noPolicies: (req: string) => `implicitly denied: no policy allows ${req}`,
  identity: (req: string, hasResourcePolicy: boolean) =>
    `implicitly denied: no statement in the identity policies${hasResourcePolicy ? " or the resource policy" : ""} allows ${req}`,
  accountOnly: (req: string, policy: string) =>
    `implicitly denied: resource policy ${JSON.stringify(policy)} allows the principal's account, but no statement in the identity policies allows ${req}`,
  boundary: (req: string, policy: string) =>
    `implicitly denied: the permissions boundary ${JSON.stringify(policy)} does not allow ${req}`,
  session: (req: string) => `implicitly denied: no statement in the session policies allows ${req}`,
  crossAccount: (req: string) =>
    `implicitly denied: the principal is in another account, so the resource policy must also allow ${req}, and none of its statements does`,
  trust: (action: string, principal: string, policy: string) =>
    `implicitly denied: the trust policy ${JSON.stringify(policy)} does not allow ${principal} to perform ${action}`,
};
