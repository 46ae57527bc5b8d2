/**
 * Evaluation of one compiled condition (operator + key + values) against the request context, with
 * the missing-key and multivalued-key rules of iam-sts.md §2.3–§2.4:
 * - absent key: `…IfExists` → true; `ForAllValues:` → true; `ForAnyValue:` → false; negated operator → true;
 *   any other operator → false. An empty array counts as absent.
 * - one request value: the operator's test; a negated operator is true when the value matches NONE of
 *   the policy values (NOR); a positive one when it matches ANY (OR).
 * - several request values: `ForAllValues:` → every value passes the test; `ForAnyValue:` or no
 *   qualifier → at least one does (the plain case is UNCONFIRMED; see README).
 * - a request value the operator cannot parse (not a number, date, IP, ARN, boolean, base64) fails the
 *   test, for negated operators too.
 */
import type { OperatorName, ValueSet } from "./condition-operators.js";
import type { RequestContext } from "./request-context.js";

/** One operator/key pair of a statement's `Condition` block. */
export interface CompiledCondition {
  readonly operator: OperatorName;
  /** The key as written in the policy. */
  readonly keyName: string;
  /** The key lower-cased (keys are case-insensitive). */
  readonly key: string;
  readonly values: ValueSet;
  /** For `Null` only: whether the policy values include "true" (absent) and "false" (present). */
  readonly nullAccepts?: { readonly absent: boolean; readonly present: boolean };
  /** The result when the key is absent (precomputed). */
  readonly whenAbsent: boolean;
}

/** The result for an absent key (see module comment). */
export function absentResult(op: OperatorName): boolean {
  if (op.ifExists) return true;
  if (op.set === "ForAllValues") return true;
  if (op.set === "ForAnyValue") return false;
  return op.base.negated;
}

function test(c: CompiledCondition, v: string, ctx: RequestContext): boolean {
  const r = c.values.match(v, ctx);
  if (r === -1) return false;
  return c.operator.base.negated ? r === 0 : r === 1;
}

/** Evaluates one condition. */
export function evaluateCondition(c: CompiledCondition, ctx: RequestContext): boolean {
  const value = ctx.getLower(c.key);
  const absent = value === undefined || (typeof value !== "string" && value.length === 0);
  if (c.nullAccepts) return absent ? c.nullAccepts.absent : c.nullAccepts.present;
  if (absent) return c.whenAbsent;
  if (typeof value === "string") return test(c, value, ctx);
  const all = c.operator.set === "ForAllValues";
  for (const v of value as readonly string[]) {
    const ok = test(c, v, ctx);
    if (all ? !ok : ok) return !all;
  }
  return all;
}

/** Evaluates a statement's conditions: all must hold (AND across operators and keys). */
export function evaluateConditions(conditions: readonly CompiledCondition[], ctx: RequestContext): boolean {
  for (let i = 0; i < conditions.length; i++) {
    if (!evaluateCondition(conditions[i] as CompiledCondition, ctx)) return false;
  }
  return true;
}
