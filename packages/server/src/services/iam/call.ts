// What every IAM and STS operation handler is given: the operation's typed input and the call —
// who signed it, how, and the request facts condition keys need — plus the service's dependencies.
import type { ContextValue } from "@anchorage/policy";
import type { Authenticated } from "../../auth/sigv4.js";
import type { PolicyEngine } from "../../authorization/policy-engine.js";
import type { RequestFacts } from "../../authorize.js";
import type { OperationTypes } from "../../protocol/model.js";
import type { CallerPrincipal } from "../../principal.js";
import type { ServiceContext } from "../../service-context.js";

/** One authenticated call. */
export interface Call {
  readonly caller: CallerPrincipal;
  readonly auth: Authenticated;
  readonly facts: RequestFacts;
}

/** What the IAM and STS handlers share. */
export interface QueryServiceDeps {
  readonly context: ServiceContext;
  readonly engine: PolicyEngine;
}

/** Handlers of some operations of a Query service, typed by the model. */
export type OperationHandlers<Ops extends OperationTypes> = {
  readonly [K in keyof Ops]?: (input: Ops[K]["input"], call: Call) => Promise<Ops[K]["output"]>;
};

/**
 * Asks the context's authorizer whether the caller may perform `action` on `resource`; throws
 * AccessDenied (AWS's message) when not.
 */
export function authorizeCall(
  deps: QueryServiceDeps,
  call: Call,
  action: string,
  resource: string,
  context?: Readonly<Record<string, ContextValue>>,
): Promise<void> {
  return deps.context.authorize({
    caller: call.caller,
    action,
    resource,
    request: call.facts,
    ...(context === undefined ? {} : { context }),
  });
}

/** Makes IAM changes visible to this replica's authorization at once (others follow within a second). */
export function changed(deps: QueryServiceDeps): Promise<void> {
  return deps.engine.cache.refresh();
}
