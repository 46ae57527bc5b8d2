// Policy-based authorization of every call (iam-sts.md §3): gathers the caller's identity policies
// (inline and attached, customer and AWS-managed), permissions boundary, session policies and
// principal tags, supplies the context keys, and evaluates with @anchorage/policy. The account root
// is allowed everything. The same engine answers the decision API and feeds STS's trust checks.
import {
  assumedRolePrincipal,
  evaluate,
  rootPrincipal as policyRootPrincipal,
  userPrincipal,
  type CompiledPolicy,
  type ContextMap,
  type ContextValue,
  type Decision,
  type Principal,
  RequestContext,
} from "@anchorage/policy";
import type { Logger } from "pino";
import {
  accessDeniedMessage,
  type AuthorizationQuestion,
  type Authorizer,
  type RequestFacts,
} from "../authorize.js";
import { AnchorageError } from "../http/errors.js";
import type { CallerPrincipal, SessionTag } from "../principal.js";
import type { Store } from "../store/store.js";
import { denialReason } from "./denial-reason.js";
import { PolicyCache, type PolicyCacheOptions, type PrincipalPolicies } from "./policy-cache.js";
import { principalKeys, principalTags, requestKeys } from "./principal-context.js";

/** Everything that applies to a caller's requests, compiled. */
export interface CallerPolicies {
  /** The caller as the policy language sees it. */
  readonly principal: Principal;
  readonly identity: readonly CompiledPolicy[];
  readonly boundary: CompiledPolicy | undefined;
  readonly session: readonly CompiledPolicy[];
  /** `aws:PrincipalTag/*`: the role's or user's tags, overridden by session tags. */
  readonly tags: readonly SessionTag[];
  /** The role or user behind the caller (undefined for the root). */
  readonly entity: PrincipalPolicies | undefined;
  /** Set when the role or user behind the caller no longer exists: nothing is allowed. */
  readonly gone?: string;
  /** The caller's own context keys (identity, session, tags). */
  readonly keys: Readonly<Record<string, ContextValue>>;
  /** The same, keyed by lower-cased name (what the evaluator looks keys up by). */
  readonly lowerKeys: ReadonlyMap<string, ContextValue>;
}

interface Memo {
  readonly version: number;
  readonly policies: CallerPolicies;
}

/** How many users' policy sets to remember (role sessions are remembered per principal object). */
const USER_MEMO_CAPACITY = 10_000;

/** An authorization question with the optional resource-side inputs of the decision API. */
export interface DecisionQuestion extends AuthorizationQuestion {
  /** A resource-based policy of the target. */
  readonly resourcePolicy?: CompiledPolicy;
  /** The account owning the resource, when not the caller's (cross-account needs both sides). */
  readonly resourceAccount?: string;
}

/** Options of {@link PolicyEngine}. */
export interface PolicyEngineInit {
  readonly store: Store;
  readonly clock: () => Date;
  readonly log?: Pick<Logger, "warn">;
  readonly cache?: PolicyCacheOptions;
}

const ROOT_DECISION_GATES = {
  identity: "Absent",
  resource: "Absent",
  boundary: "Absent",
  session: "Absent",
} as const;

export class PolicyEngine {
  readonly cache: PolicyCache;
  readonly #clock: () => Date;
  /** Role sessions: the resolver hands the same principal object for every request of a session. */
  readonly #sessionMemo = new WeakMap<CallerPrincipal, Memo>();
  readonly #userMemo = new Map<string, Memo>();

  constructor(init: PolicyEngineInit) {
    this.cache = new PolicyCache(init.store, {
      ...init.cache,
      ...(init.log === undefined ? {} : { log: init.log }),
    });
    this.#clock = init.clock;
  }

  /** Starts invalidation through the store's generations (call before serving). */
  start(): Promise<void> {
    return this.cache.start();
  }

  stop(): void {
    this.cache.stop();
  }

  /**
   * The policies and tags that apply to a caller; remembered until anything cached changes (the
   * cache's version), so a request costs no work here beyond a lookup.
   */
  async callerPolicies(caller: CallerPrincipal): Promise<CallerPolicies> {
    const version = this.cache.version;
    const userKey = caller.kind === "user" ? `${caller.userId} ${caller.arn}` : undefined;
    const memo = userKey === undefined ? this.#sessionMemo.get(caller) : this.#userMemo.get(userKey);
    if (memo !== undefined && memo.version === version) return memo.policies;
    const computed = await this.#computeCallerPolicies(caller);
    const keys = principalKeys(caller, computed.tags);
    const lowerKeys = new Map(Object.entries(keys).map(([k, v]) => [k.toLowerCase(), v] as const));
    const policies = { ...computed, keys, lowerKeys };
    if (this.cache.version === version) {
      if (userKey === undefined) this.#sessionMemo.set(caller, { version, policies });
      else {
        this.#userMemo.delete(userKey);
        this.#userMemo.set(userKey, { version, policies });
        if (this.#userMemo.size > USER_MEMO_CAPACITY)
          this.#userMemo.delete(this.#userMemo.keys().next().value as string);
      }
    }
    return policies;
  }

  async #computeCallerPolicies(caller: CallerPrincipal): Promise<Omit<CallerPolicies, "keys" | "lowerKeys">> {
    switch (caller.kind) {
      case "root":
        return {
          principal: policyRootPrincipal(caller.accountId),
          identity: [],
          boundary: undefined,
          session: [],
          tags: [],
          entity: undefined,
        };
      case "user": {
        const entity = await this.cache.user(caller.userName);
        const principal = userPrincipal(caller.arn);
        if (entity === undefined || entity.record.id !== caller.userId) {
          return {
            principal,
            identity: [],
            boundary: undefined,
            session: [],
            tags: [],
            entity: undefined,
            gone: `the user ${caller.userName} no longer exists`,
          };
        }
        return {
          principal,
          identity: entity.identity,
          boundary: entity.boundary,
          session: [],
          tags: principalTags(entity.tags),
          entity,
        };
      }
      case "assumed-role": {
        const principal = assumedRolePrincipal(caller.roleArn, caller.sessionName);
        const entity = await this.cache.role(caller.roleName);
        if (entity === undefined || entity.record.id !== caller.roleId) {
          return {
            principal,
            identity: [],
            boundary: undefined,
            session: [],
            tags: [],
            entity: undefined,
            gone: `the role ${caller.roleName} no longer exists`,
          };
        }
        const session: CompiledPolicy[] = [];
        if (caller.session.policy !== undefined) {
          session.push(this.cache.text(caller.session.policy, "session", "session policy (inline)"));
        }
        for (const arn of caller.session.policyArns) session.push(await this.cache.managedOrNothing(arn));
        return {
          principal,
          identity: entity.identity,
          boundary: entity.boundary,
          session,
          tags: principalTags(entity.tags, caller.session.tags),
          entity,
        };
      }
    }
  }

  /** The context keys of a request by this caller: Anchorage's keys, then `extra` where it adds keys. */
  context(
    caller: CallerPrincipal,
    policies: CallerPolicies,
    facts: RequestFacts | undefined,
    extra?: ContextMap,
  ): RequestContext {
    // Built as the evaluator's lower-cased map directly: the caller's keys are lower-cased once
    // (memoised with its policies); the first spelling of a key wins, so `extra` never replaces
    // Anchorage's keys.
    const map = new Map(policies.lowerKeys);
    const request = requestKeys(this.#clock(), facts);
    for (const key in request) map.set(key.toLowerCase(), request[key] as ContextValue);
    if (extra !== undefined) {
      for (const key in extra) {
        const value = extra[key];
        const lower = key.toLowerCase();
        if (value !== undefined && !map.has(lower)) map.set(lower, value);
      }
    }
    return new RequestContext(map);
  }

  /** Evaluates a question with everything that applies to the caller. */
  async decide(question: DecisionQuestion): Promise<Decision> {
    const { caller } = question;
    if (caller.kind === "root" && question.resourceAccount === undefined) {
      return {
        decision: "Allow",
        allowed: true,
        matchedStatements: [],
        gates: ROOT_DECISION_GATES,
        reason: `the account root (${caller.arn}) is allowed every action on its account's resources`,
      };
    }
    const policies = await this.callerPolicies(caller);
    if (policies.gone !== undefined) {
      return {
        decision: "ImplicitDeny",
        allowed: false,
        matchedStatements: [],
        gates: ROOT_DECISION_GATES,
        reason: `implicitly denied: ${policies.gone}`,
      };
    }
    return evaluate(
      {
        principal: policies.principal,
        action: question.action,
        resource: question.resource,
        context: this.context(caller, policies, question.request, question.context),
        ...(question.resourceAccount === undefined ? {} : { resourceAccount: question.resourceAccount }),
      },
      {
        identity: policies.identity,
        ...(policies.boundary === undefined ? {} : { boundary: policies.boundary }),
        session: policies.session,
        ...(question.resourcePolicy === undefined ? {} : { resource: question.resourcePolicy }),
      },
    );
  }

  /** The {@link Authorizer} for ServiceContext: AccessDenied in AWS's words when not allowed. */
  readonly authorizer: Authorizer = async (question) => {
    const decision = await this.decide(question);
    if (decision.allowed) return;
    throw new AnchorageError(
      "AccessDenied",
      accessDeniedMessage(question, denialReason(question.action, decision)),
      {
        detail: { action: question.action, resource: question.resource, reason: decision.reason },
      },
    );
  };
}

const ENGINES = new WeakMap<object, PolicyEngine>();

/** Makes `engine` the one {@link policyEngineFor} returns for its store (the composition root does). */
export function attachPolicyEngine(store: Store, engine: PolicyEngine): void {
  ENGINES.set(store, engine);
}

/**
 * The policy engine of a store: the composition root's (which watches generations), or, for apps
 * assembled by hand, one created on first use that relies on `cache.refresh()` after writes.
 */
export function policyEngineFor(context: {
  readonly store: Store;
  readonly clock: () => Date;
}): PolicyEngine {
  let engine = ENGINES.get(context.store);
  if (engine === undefined) {
    engine = new PolicyEngine({
      store: context.store,
      clock: context.clock,
      cache: { watchIntervalMs: false },
    });
    ENGINES.set(context.store, engine);
  }
  return engine;
}
