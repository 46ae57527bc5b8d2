/**
 * Single-account policy evaluation (iam-sts.md §3; IUG reference_policies_evaluation-logic.html):
 *
 * 1. A Deny statement that applies, in any policy set → `ExplicitDeny`.
 * 2. The resource policy allows and names the principal itself (session ARN, user ARN, service,
 *    federated provider) → `Allow`; the permissions boundary and session policies do not limit this.
 * 3. Otherwise all of: (an identity policy allows, or the resource policy allows the role ARN or `*`)
 *    AND the permissions boundary allows (if given) AND a session policy allows (if any given; inline and
 *    managed session policies pooled as one gate) → `Allow`. A resource policy that names only the
 *    account delegates: the identity policies must allow.
 * 4. Otherwise → `ImplicitDeny`.
 *
 * When the principal's account differs from `resourceAccount`, both the resource policy and the
 * identity side (identity ∩ boundary ∩ session) must allow (cross-account access).
 */
import { matchAction, serviceOf } from "./action-index.js";
import { arnAccount } from "./arn.js";
import { evaluateConditions } from "./condition.js";
import { internalsOf, type CompiledPolicy, type CompiledStatement } from "./compiled-policy.js";
import type { Decision, DecisionType, Gate, GateOutcome, MatchedStatement } from "./decision.js";
import { allowReason, explicitDenyReason, implicitDenyReason, requestText } from "./explain.js";
import { PolicyKindError } from "./findings.js";
import { matchGlob } from "./glob.js";
import type { PolicyKind } from "./limits.js";
import { resolveGlob } from "./policy-variables.js";
import {
  describePrincipal,
  matchPrincipal,
  notPrincipalApplies,
  principalAccount,
  type Principal,
  type PrincipalMatchKind,
} from "./principal.js";
import { createRequestContext, type ContextMap, type RequestContext } from "./request-context.js";

/** The request to authorize. */
export interface AuthorizationRequest {
  readonly principal: Principal;
  /** `service:Action`, e.g. `s3:GetObject` (case-insensitive). */
  readonly action: string;
  /** The resource ARN (case-sensitive), or `*` for actions without a resource. */
  readonly resource: string;
  /** Condition keys (case-insensitive). The evaluator adds nothing: the caller supplies every key. */
  readonly context?: ContextMap | RequestContext;
  /**
   * The account that owns the resource. When given and different from the principal's account, the
   * request is cross-account and needs both the resource policy and the identity side to allow.
   * Default: the same account as the principal.
   */
  readonly resourceAccount?: string;
}

/** The policies that apply to a request, by gate. Empty arrays count as absent. */
export interface PolicySet {
  /** Identity policies of the principal (inline + attached managed). */
  readonly identity?: readonly CompiledPolicy[];
  /** The resource-based policy of the target (for `sts:AssumeRole` the role's trust policy). */
  readonly resource?: CompiledPolicy;
  /** The principal's permissions boundary. */
  readonly boundary?: CompiledPolicy;
  /** Session policies (inline + managed), pooled into one gate. */
  readonly session?: readonly CompiledPolicy[];
}

const KIND_ARTICLE: Record<PolicyKind, string> = {
  identity: "an identity",
  resource: "a resource",
  trust: "a trust",
  session: "a session",
  boundary: "a boundary",
};
const IDENTITY_SHAPED: readonly PolicyKind[] = ["identity", "session", "boundary"];
const RESOURCE_SHAPED: readonly PolicyKind[] = ["resource", "trust"];

function checkKind(policy: CompiledPolicy, gate: Gate, allowed: readonly PolicyKind[]): void {
  if (!allowed.includes(policy.kind)) {
    throw new PolicyKindError(
      `policy "${policy.name}" is ${KIND_ARTICLE[policy.kind]} policy and cannot be used as ${gate === "identity" ? "an" : "a"} ${gate} policy (expected ${allowed.join(" or ")})`,
    );
  }
}

/** Does the statement apply to the request? Returns the principal match kind (`wildcard` for identity-shaped policies), or undefined. */
function applies(
  s: CompiledStatement,
  service: string,
  actionLower: string,
  req: AuthorizationRequest,
  ctx: RequestContext,
): PrincipalMatchKind | undefined {
  // Action / NotAction (case-insensitive; both sides lower-cased)
  if (matchAction(s.actions, service, actionLower) === s.notAction) return undefined;

  // Resource / NotResource (case-sensitive). An unresolvable variable never widens a statement:
  // it makes its Resource entry match nothing, and a NotResource statement not apply.
  const resources = s.resources;
  if (resources !== undefined) {
    let rhit = false;
    for (let i = 0; i < resources.length; i++) {
      const g = resolveGlob(resources[i] as (typeof resources)[number], ctx);
      if (g === undefined) {
        if (s.notResource) return undefined;
        continue;
      }
      if (matchGlob(g, req.resource)) {
        rhit = true;
        break;
      }
    }
    if (rhit === s.notResource) return undefined;
  }

  // Principal / NotPrincipal
  let kind: PrincipalMatchKind | undefined = "wildcard";
  if (s.principals !== undefined) {
    if (s.notPrincipal) {
      if (!notPrincipalApplies(s.principals, req.principal)) return undefined;
    } else {
      kind = matchPrincipal(s.principals, req.principal);
      if (kind === undefined) return undefined;
    }
  }

  // Condition
  if (s.conditions.length > 0 && !evaluateConditions(s.conditions, ctx)) return undefined;
  return kind;
}

/** What one gate's policies said about the request. Arrays are allocated only when something matched. */
interface GateScan {
  present: boolean;
  allows: MatchedStatement[] | undefined;
  denies: MatchedStatement[] | undefined;
  /** Strongest principal match among the Allow statements (resource gate). */
  bestAllow: PrincipalMatchKind | undefined;
  /** The statement behind `bestAllow`. */
  bestStatement: MatchedStatement | undefined;
}

const STRENGTH: Record<PrincipalMatchKind, number> = { direct: 3, role: 2, wildcard: 1, account: 0 };
const NONE: readonly MatchedStatement[] = Object.freeze([]);

function newScan(): GateScan {
  return {
    present: false,
    allows: undefined,
    denies: undefined,
    bestAllow: undefined,
    bestStatement: undefined,
  };
}

function scanPolicy(
  policy: CompiledPolicy,
  gate: Gate,
  service: string,
  actionLower: string,
  req: AuthorizationRequest,
  ctx: RequestContext,
  result: GateScan,
): void {
  result.present = true;
  const statements = internalsOf(policy).statements;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i] as CompiledStatement;
    const kind = applies(s, service, actionLower, req, ctx);
    if (kind === undefined) continue;
    const m: MatchedStatement = {
      policy: policy.name,
      gate,
      sid: s.info.sid,
      index: s.info.index,
      effect: s.info.effect,
      start: s.info.start,
      end: s.info.end,
    };
    if (s.deny) (result.denies ??= []).push(m);
    else {
      (result.allows ??= []).push(m);
      if (result.bestAllow === undefined || STRENGTH[kind] > STRENGTH[result.bestAllow]) {
        result.bestAllow = kind;
        result.bestStatement = m;
      }
    }
  }
}

function scanList(
  policies: readonly CompiledPolicy[] | undefined,
  gate: Gate,
  service: string,
  actionLower: string,
  req: AuthorizationRequest,
  ctx: RequestContext,
): GateScan {
  const result = newScan();
  if (policies) for (const p of policies) scanPolicy(p, gate, service, actionLower, req, ctx, result);
  return result;
}

function scanOne(
  policy: CompiledPolicy | undefined,
  gate: Gate,
  service: string,
  actionLower: string,
  req: AuthorizationRequest,
  ctx: RequestContext,
): GateScan {
  const result = newScan();
  if (policy) scanPolicy(policy, gate, service, actionLower, req, ctx, result);
  return result;
}

function outcome(g: GateScan): GateOutcome {
  if (!g.present) return "Absent";
  if (g.denies) return "Denied";
  return g.allows ? "Allowed" : "NotAllowed";
}

function decide(
  type: DecisionType,
  matched: readonly MatchedStatement[],
  gates: Record<Gate, GateOutcome>,
  reason: string,
): Decision {
  return { decision: type, allowed: type === "Allow", matchedStatements: matched, gates, reason };
}

function concat(...lists: (readonly MatchedStatement[] | undefined)[]): readonly MatchedStatement[] {
  let out: MatchedStatement[] | undefined;
  for (const l of lists) if (l) (out ??= []).push(...l);
  return out ?? NONE;
}

function first(list: readonly MatchedStatement[] | undefined): readonly MatchedStatement[] {
  return list ? list.slice(0, 1) : NONE;
}

interface CoreOptions {
  /** The resource policy must allow (trust policies for sts:AssumeRole and friends). */
  readonly requireResourceAllow: boolean;
  /** Text naming the request in reasons. */
  readonly requestText: string;
}

function evaluateCore(
  req: AuthorizationRequest,
  policies: PolicySet,
  ctx: RequestContext,
  opts: CoreOptions,
): Decision {
  const identityList = policies.identity && policies.identity.length > 0 ? policies.identity : undefined;
  const sessionList = policies.session && policies.session.length > 0 ? policies.session : undefined;
  if (identityList) for (const p of identityList) checkKind(p, "identity", IDENTITY_SHAPED);
  if (sessionList) for (const p of sessionList) checkKind(p, "session", IDENTITY_SHAPED);
  if (policies.boundary) checkKind(policies.boundary, "boundary", IDENTITY_SHAPED);
  if (policies.resource) checkKind(policies.resource, "resource", RESOURCE_SHAPED);

  const actionLower = req.action.toLowerCase();
  const service = serviceOf(actionLower);
  const id = scanList(identityList, "identity", service, actionLower, req, ctx);
  const res = scanOne(policies.resource, "resource", service, actionLower, req, ctx);
  const bd = scanOne(policies.boundary, "boundary", service, actionLower, req, ctx);
  const se = scanList(sessionList, "session", service, actionLower, req, ctx);
  const gates: Record<Gate, GateOutcome> = {
    identity: outcome(id),
    resource: outcome(res),
    boundary: outcome(bd),
    session: outcome(se),
  };
  const text = opts.requestText;

  // 1. Explicit deny anywhere wins.
  if (id.denies || res.denies || bd.denies || se.denies) {
    const denies = concat(id.denies, res.denies, bd.denies, se.denies);
    return decide("ExplicitDeny", denies, gates, explicitDenyReason(denies));
  }

  const principalAcct = principalAccount(req.principal);
  const crossAccount =
    req.resourceAccount !== undefined && principalAcct !== undefined && req.resourceAccount !== principalAcct;
  const resKind = res.bestAllow;

  if (opts.requireResourceAllow && resKind === undefined) {
    return decide(
      "ImplicitDeny",
      concat(id.allows, bd.allows, se.allows),
      gates,
      implicitDenyReason.trust(
        req.action,
        describePrincipal(req.principal),
        policies.resource?.name ?? "(none)",
      ),
    );
  }
  if (crossAccount && resKind === undefined) {
    return decide(
      "ImplicitDeny",
      concat(id.allows, bd.allows, se.allows),
      gates,
      implicitDenyReason.crossAccount(text),
    );
  }

  // 2. The resource policy names the principal itself (same account).
  if (!crossAccount && resKind === "direct") {
    const grant = res.bestStatement as MatchedStatement;
    return decide("Allow", [grant], gates, allowReason(grant, NONE, true));
  }

  // 3. Identity side: identity policies, or a resource policy naming the role ARN or "*".
  const byResource = !crossAccount && (resKind === "role" || resKind === "wildcard");
  const identityGrant = id.allows?.[0] ?? (byResource ? res.bestStatement : undefined);
  if (identityGrant === undefined) {
    if (!identityList && !policies.resource && !bd.present && !se.present) {
      return decide("ImplicitDeny", NONE, gates, implicitDenyReason.noPolicies(text));
    }
    const reason =
      resKind === "account" && !crossAccount
        ? implicitDenyReason.accountOnly(text, policies.resource?.name ?? "")
        : implicitDenyReason.identity(text, policies.resource !== undefined);
    return decide("ImplicitDeny", concat(res.allows, bd.allows, se.allows), gates, reason);
  }
  if (bd.present && !bd.allows) {
    return decide(
      "ImplicitDeny",
      concat(id.allows, res.allows, se.allows),
      gates,
      implicitDenyReason.boundary(text, policies.boundary?.name ?? ""),
    );
  }
  if (se.present && !se.allows) {
    return decide(
      "ImplicitDeny",
      concat(id.allows, res.allows, bd.allows),
      gates,
      implicitDenyReason.session(text),
    );
  }
  const identityAllows = id.allows ?? [identityGrant];
  const resourceAllows = crossAccount ? res.allows : undefined;
  return decide(
    "Allow",
    concat(identityAllows, resourceAllows, bd.allows, se.allows),
    gates,
    allowReason(identityGrant, concat(first(resourceAllows), first(bd.allows), first(se.allows)), false),
  );
}

/**
 * Evaluates one request against the policies that apply to it, with IAM's single-account logic.
 *
 * @throws PolicyKindError when a policy is passed in a slot its kind does not fit (e.g. a trust policy
 *   as an identity policy); InvalidContextError for a malformed context map.
 * @example
 * const role = parsePolicy(roleText, "identity", { name: "S3All" });
 * const session = parsePolicy(readOnlyText, "identity", { name: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" });
 * const d = evaluate(
 *   { principal: assumedRolePrincipal(roleArn, "host1"), action: "s3:PutObject", resource: "arn:aws:s3:::b/k" },
 *   { identity: [role], session: [session] },
 * );
 * d.decision; // "ImplicitDeny"
 * d.reason;   // "implicitly denied: no statement in the session policies allows s3:PutObject on arn:aws:s3:::b/k"
 */
export function evaluate(request: AuthorizationRequest, policies: PolicySet): Decision {
  const ctx = createRequestContext(request.context ?? EMPTY_CONTEXT);
  return evaluateCore(request, policies, ctx, {
    requireResourceAllow: false,
    requestText: requestText(request.action, request.resource),
  });
}

const EMPTY_CONTEXT: ContextMap = Object.freeze({});

/** A trust-policy check: who wants to assume which role, for which STS actions. */
export interface TrustRequest {
  /** The requester, e.g. `servicePrincipal("rolesanywhere.amazonaws.com")` or a role session for AssumeRole. */
  readonly principal: Principal;
  /** The role being assumed (its account decides same- vs cross-account for AWS principals). */
  readonly roleArn: string;
  /** The actions to check independently, e.g. `["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]`. */
  readonly actions: readonly string[];
  /** Condition keys: `aws:SourceArn`, `aws:PrincipalTag/x509Subject/CN`, `sts:SourceIdentity`, … */
  readonly context?: ContextMap | RequestContext;
}

/** The caller's own policies, for AWS principals assuming a role (not needed for service principals). */
export interface CallerPolicies {
  readonly identity?: readonly CompiledPolicy[];
  readonly boundary?: CompiledPolicy;
  readonly session?: readonly CompiledPolicy[];
}

/** The result of {@link evaluateTrust}: one decision per action, and the combined verdict. */
export interface TrustDecision {
  /** `Allow` only if every action is allowed; `ExplicitDeny` if any is explicitly denied. */
  readonly decision: DecisionType;
  readonly allowed: boolean;
  readonly actions: readonly { readonly action: string; readonly decision: Decision }[];
  /** The reason of the first action not allowed, prefixed with the action; or a summary when allowed. */
  readonly reason: string;
}

/**
 * Checks a role's trust policy for each action independently (rolesanywhere.md §5.4): the trust policy
 * is the resource policy and MUST allow; for AWS principals the caller's own policies apply as in
 * {@link evaluate} (same account: a trust policy naming the caller's session or user ARN suffices).
 *
 * @example
 * const t = evaluateTrust(
 *   {
 *     principal: servicePrincipal("rolesanywhere.amazonaws.com"),
 *     roleArn,
 *     actions: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
 *     context: { "aws:SourceArn": trustAnchorArn, "aws:PrincipalTag/x509Subject/CN": "host1" },
 *   },
 *   trustPolicy,
 * );
 * if (!t.allowed) throw new AccessDenied(t.reason);
 */
export function evaluateTrust(
  request: TrustRequest,
  trustPolicy: CompiledPolicy,
  caller: CallerPolicies = {},
): TrustDecision {
  if (trustPolicy.kind !== "trust") {
    throw new PolicyKindError(
      `policy "${trustPolicy.name}" is a ${trustPolicy.kind} policy, not a trust policy`,
    );
  }
  if (request.actions.length === 0) throw new TypeError("evaluateTrust needs at least one action");
  const ctx = createRequestContext(request.context ?? EMPTY_CONTEXT);
  const resourceAccount = arnAccount(request.roleArn);
  const results = request.actions.map((action) => ({
    action,
    decision: evaluateCore(
      {
        principal: request.principal,
        action,
        resource: request.roleArn,
        context: ctx,
        ...(resourceAccount !== undefined ? { resourceAccount } : {}),
      },
      { ...caller, resource: trustPolicy },
      ctx,
      { requireResourceAllow: true, requestText: `${action} on ${request.roleArn}` },
    ),
  }));
  const explicit = results.find((r) => r.decision.decision === "ExplicitDeny");
  const implicit = results.find((r) => r.decision.decision === "ImplicitDeny");
  const failed = explicit ?? implicit;
  if (failed) {
    return {
      decision: failed.decision.decision,
      allowed: false,
      actions: results,
      reason: `${failed.action}: ${failed.decision.reason}`,
    };
  }
  return {
    decision: "Allow",
    allowed: true,
    actions: results,
    reason: `trust policy ${JSON.stringify(trustPolicy.name)} allows ${describePrincipal(request.principal)} to perform ${request.actions.join(", ")} on ${request.roleArn}`,
  };
}
