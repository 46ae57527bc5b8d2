/**
 * The compiled, immutable form of a policy. The public part describes the policy; the matchers the
 * evaluator uses are kept in a private table keyed by the policy object, so callers cannot reach or
 * change them.
 */
import type { CompiledCondition } from "./condition.js";
import type { PolicyFinding } from "./findings.js";
import type { ActionMatcher } from "./action-index.js";
import type { JsonNode, SourcePosition } from "./json-source.js";
import type { PolicyKind } from "./limits.js";
import type { GlobTemplate } from "./policy-variables.js";
import type { PrincipalEntry } from "./principal.js";

/** The policy language versions (iam-sts.md §1). */
export type PolicyVersion = "2012-10-17" | "2008-10-17";

/** What a caller can see of one statement. */
export interface StatementInfo {
  /** 0-based position in `Statement` (as in `Statement[i]`). */
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: "Allow" | "Deny";
  /** Where the statement object starts and ends in the document (1-based line/column; end is exclusive). */
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/**
 * A parsed and validated policy, ready for {@link evaluate}. Immutable; safe to cache and share.
 * Create with `parsePolicy`.
 */
export interface CompiledPolicy {
  /** The caller-given name or id shown in explanations, e.g. a policy ARN or `inline:RoleName/PolicyName`. */
  readonly name: string;
  readonly kind: PolicyKind;
  /** The effective language version: `2008-10-17` when `Version` is absent (policy variables are then literal). */
  readonly version: PolicyVersion;
  /** Whether the document states a `Version`. */
  readonly versionStated: boolean;
  /** The document's `Id`, if any. */
  readonly id: string | undefined;
  readonly statements: readonly StatementInfo[];
  /** The condition keys the policy refers to, as first written (deduplicated case-insensitively). */
  readonly conditionKeys: readonly string[];
  /** Warnings found while parsing (the policy is valid). */
  readonly warnings: readonly PolicyFinding[];
  /** The document text exactly as given. */
  readonly text: string;
}

/** The evaluator's view of one statement. */
export interface CompiledStatement {
  readonly info: StatementInfo;
  readonly deny: boolean;
  /** The compiled Action / NotAction list. */
  readonly actions: ActionMatcher;
  readonly notAction: boolean;
  /** `undefined` in trust policies (no Resource element). */
  readonly resources: readonly GlobTemplate[] | undefined;
  readonly notResource: boolean;
  /** `undefined` when the statement has no Principal/NotPrincipal (identity-shaped policies). */
  readonly principals: readonly PrincipalEntry[] | undefined;
  readonly notPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
}

/** Internals of a compiled policy. */
export interface PolicyInternals {
  readonly statements: readonly CompiledStatement[];
  readonly root: JsonNode;
}

const INTERNALS = new WeakMap<CompiledPolicy, PolicyInternals>();

/** Registers the internals of a freshly compiled policy. */
export function attachInternals(policy: CompiledPolicy, internals: PolicyInternals): void {
  INTERNALS.set(policy, internals);
}

/** The internals of a policy produced by `parsePolicy`. */
export function internalsOf(policy: CompiledPolicy): PolicyInternals {
  const i = INTERNALS.get(policy);
  if (!i) throw new TypeError(`policy "${policy.name}" was not produced by parsePolicy()`);
  return i;
}
