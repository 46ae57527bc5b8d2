// Step `trust-policy` (spec §5.4): the role's trust policy, evaluated by @anchorage/policy for the
// principal {"Service": "rolesanywhere.amazonaws.com"} and each of sts:AssumeRole, sts:TagSession
// and sts:SetSourceIdentity independently (all three must be allowed, none explicitly denied —
// TagSession too when no tag was mapped: UNCONFIRMED, the spec's recommendation). The context:
// aws:SourceArn (the trust anchor) and aws:SourceAccount; the session tags as aws:PrincipalTag/…
// and aws:RequestTag/… with aws:TagKeys; sts:SourceIdentity and sts:RoleSessionName; the request's
// time and transport (aws:CurrentTime, aws:EpochTime, aws:SourceIp, aws:SecureTransport,
// aws:RequestedRegion); aws:PrincipalIsAWSService and aws:PrincipalServiceName.
import {
  evaluateTrust,
  RequestContext,
  servicePrincipal,
  type CompiledPolicy,
  type ContextValue,
  type TrustDecision,
} from "@anchorage/policy";
import type { RolePolicies } from "../../authorization/policy-cache.js";
import { requestKeys } from "../../authorization/principal-context.js";
import type { RequestFacts } from "../../authorize.js";
import type { SessionTag } from "../../principal.js";
import { CreateSessionRefusal } from "./refusal.js";

export const ROLES_ANYWHERE_SERVICE = "rolesanywhere.amazonaws.com";
export const TRUST_ACTIONS = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"] as const;

/** What the trust policy is asked about. */
export interface TrustQuestion {
  readonly trustAnchorArn: string;
  readonly accountId: string;
  readonly tags: readonly SessionTag[];
  readonly sourceIdentity: string;
  readonly sessionName: string;
  readonly now: Date;
  readonly facts: RequestFacts;
}

/**
 * The request context of a CreateSession's trust evaluation, keyed by lower-cased name (what the
 * evaluator looks keys up by).
 */
export function trustContext(question: TrustQuestion): Map<string, ContextValue> {
  const context = new Map<string, ContextValue>();
  const request = requestKeys(question.now, question.facts);
  for (const key in request) context.set(key.toLowerCase(), request[key] as ContextValue);
  context.set("aws:sourcearn", question.trustAnchorArn);
  context.set("aws:sourceaccount", question.accountId);
  context.set("aws:principalisawsservice", "true");
  context.set("aws:principalservicename", ROLES_ANYWHERE_SERVICE);
  context.set("sts:sourceidentity", question.sourceIdentity);
  context.set("sts:rolesessionname", question.sessionName);
  for (const tag of question.tags) {
    const lower = tag.key.toLowerCase();
    context.set(`aws:principaltag/${lower}`, tag.value);
    context.set(`aws:requesttag/${lower}`, tag.value);
  }
  if (question.tags.length > 0)
    context.set(
      "aws:tagkeys",
      question.tags.map((t) => t.key),
    );
  return context;
}

/**
 * Decisions already made, per compiled trust policy, by the values of the condition keys the policy
 * reads: the principal, the actions and the role are fixed, so those values decide. A returning
 * client costs a lookup instead of an evaluation. Policies with policy variables (`${…}` may read
 * keys no condition names) are always evaluated.
 */
const DECISIONS = new WeakMap<CompiledPolicy, Map<string, TrustDecision>>();
const DECISIONS_PER_POLICY = 4096;

function decisionKey(policy: CompiledPolicy, context: ReadonlyMap<string, ContextValue>): string | undefined {
  if (policy.text.includes("${")) return undefined;
  let key = "";
  for (const name of policy.conditionKeys)
    key += `${JSON.stringify(context.get(name.toLowerCase()) ?? null)}\u0000`;
  return key;
}

/** The trust decision for a question (remembered per policy and relevant context values). */
export function decideTrust(role: RolePolicies, question: TrustQuestion): TrustDecision {
  const context = trustContext(question);
  const key = decisionKey(role.trust, context);
  let memo = key === undefined ? undefined : DECISIONS.get(role.trust);
  const known = key === undefined ? undefined : memo?.get(key);
  if (known !== undefined) return known;
  const decision = evaluateTrust(
    {
      principal: servicePrincipal(ROLES_ANYWHERE_SERVICE),
      roleArn: role.record.arn,
      actions: [...TRUST_ACTIONS],
      context: new RequestContext(context),
    },
    role.trust,
  );
  if (key !== undefined) {
    if (memo === undefined) DECISIONS.set(role.trust, (memo = new Map()));
    if (memo.size >= DECISIONS_PER_POLICY) memo.clear();
    memo.set(key, decision);
  }
  return decision;
}

/** Evaluates the role's trust policy; refused (with the failing action and why) when not allowed. */
export function checkTrustPolicy(role: RolePolicies, question: TrustQuestion): void {
  const decision = decideTrust(role, question);
  if (decision.allowed) return;
  const failed = decision.actions.find((a) => !a.decision.allowed);
  throw new CreateSessionRefusal(
    "TrustPolicyDenied",
    `the trust policy of role ${role.record.name} does not let ${ROLES_ANYWHERE_SERVICE} perform ${failed?.action ?? "sts:AssumeRole"} for this certificate: ${decision.reason}`,
    {
      detail: {
        roleArn: role.record.arn,
        trustAnchorArn: question.trustAnchorArn,
        action: failed?.action,
        decision: failed?.decision.decision,
        sessionTags: question.tags,
        sourceIdentity: question.sourceIdentity,
      },
    },
  );
}
