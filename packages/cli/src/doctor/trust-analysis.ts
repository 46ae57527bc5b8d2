// doctor's reading of a role's trust policy for a certificate: evaluated with @anchorage/policy
// exactly as CreateSession evaluates it (the three actions, each on its own), and, when it does not
// allow, WHICH statement and condition refuse — found by evaluating the statements and their
// conditions one at a time with the same evaluator (the evaluator itself reports only the verdict).
// It also names the P10 pitfall: a statement that lets Roles Anywhere assume the role without an
// aws:SourceArn condition or a condition on the certificate's subject.
import {
  evaluateTrust,
  MalformedPolicyError,
  parsePolicy,
  servicePrincipal,
  type ContextValue,
  type Decision,
} from "@anchorage/policy";
import { ROLES_ANYWHERE_SERVICE } from "./trust-context.js";

export const TRUST_ACTIONS = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"] as const;

/** One condition that is false for this certificate. */
export interface FailedCondition {
  /** `Statement[0]` or `Statement[1] (Sid "Tags")`. */
  readonly statement: string;
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  /** What the request context holds for the key (undefined: absent). */
  readonly actual: ContextValue | undefined;
}

export type TrustAnalysis =
  | { readonly kind: "malformed"; readonly message: string }
  | {
      readonly kind: "allowed";
      /** Granting statements (for sts:AssumeRole) lacking an aws:SourceArn condition. */
      readonly withoutSourceArn: readonly string[];
      /** Granting statements lacking any condition on the certificate's subject. */
      readonly withoutSubject: readonly string[];
      /** Condition keys the policy reads that doctor cannot know (aws:SourceIp). */
      readonly unknownKeys: readonly string[];
    }
  | { readonly kind: "not-granted"; readonly action: string; readonly reason: string }
  | {
      readonly kind: "condition-failed";
      readonly action: string;
      readonly failed: readonly FailedCondition[];
      readonly reason: string;
      readonly unknownKeys: readonly string[];
    }
  | {
      readonly kind: "explicit-deny";
      readonly action: string;
      readonly statements: readonly string[];
      readonly reason: string;
    };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys whose value the server alone knows. */
const SERVER_ONLY_KEYS = ["aws:sourceip", "aws:requestedregion"];
const SUBJECT_KEY =
  /^(aws:principaltag\/x509(subject|san)\/|aws:requesttag\/x509(subject|san)\/|sts:sourceidentity$|sts:rolesessionname$)/i;

function statementName(statement: Json, index: number): string {
  return typeof statement.Sid === "string" && statement.Sid !== ""
    ? `Statement[${index}] (Sid "${statement.Sid}")`
    : `Statement[${index}]`;
}

function conditionPairs(statement: Json): { operator: string; key: string; values: string[] }[] {
  const condition = statement.Condition;
  if (!isObject(condition)) return [];
  const pairs: { operator: string; key: string; values: string[] }[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    if (!isObject(block)) continue;
    for (const [key, value] of Object.entries(block))
      pairs.push({ operator, key, values: (Array.isArray(value) ? value : [value]).map((v) => String(v)) });
  }
  return pairs;
}

/**
 * Analyses `trustPolicy` (the role's document, decoded) for a CreateSession whose request context
 * is `context` (see trust-context.ts).
 *
 * @example
 * const a = analyzeTrust(role.trustPolicy, role.arn, trustContext(question));
 * if (a.kind === "condition-failed") console.log(a.failed[0]?.key); // "aws:PrincipalTag/x509Subject/CN"
 */
export function analyzeTrust(
  trustPolicy: string,
  roleArn: string,
  context: Readonly<Record<string, ContextValue>>,
): TrustAnalysis {
  let document: Json;
  try {
    parsePolicy(trustPolicy, "trust", { name: "trust policy" });
    document = JSON.parse(trustPolicy) as Json;
  } catch (error) {
    if (error instanceof MalformedPolicyError || error instanceof SyntaxError)
      return { kind: "malformed", message: error.message };
    throw error;
  }
  const statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]).filter(
    isObject,
  );
  const evaluateWith = (subset: Json[], action: string): Decision => {
    const policy = parsePolicy(JSON.stringify({ ...document, Statement: subset }), "trust", {
      name: "trust policy",
    });
    const decision = evaluateTrust(
      { principal: servicePrincipal(ROLES_ANYWHERE_SERVICE), roleArn, actions: [action], context },
      policy,
    );
    return decision.actions[0]!.decision;
  };
  const withoutConditions = (s: Json): Json => {
    const { Condition: _dropped, ...rest } = s;
    return rest;
  };
  const granting = (action: string): { statement: Json; index: number }[] =>
    statements
      .map((statement, index) => ({ statement, index }))
      .filter(
        ({ statement }) =>
          statement.Effect === "Allow" && evaluateWith([withoutConditions(statement)], action).allowed,
      );
  const keysRead = statements.flatMap((s) => conditionPairs(s).map((p) => p.key));
  const unknownKeys = [...new Set(keysRead.filter((k) => SERVER_ONLY_KEYS.includes(k.toLowerCase())))];

  const whole = parsePolicy(trustPolicy, "trust", { name: "trust policy" });
  const decision = evaluateTrust(
    {
      principal: servicePrincipal(ROLES_ANYWHERE_SERVICE),
      roleArn,
      actions: [...TRUST_ACTIONS],
      context,
    },
    whole,
  );
  if (decision.allowed) {
    const grants = granting("sts:AssumeRole");
    const lacking = (test: (key: string) => boolean) =>
      grants
        .filter(({ statement }) => !conditionPairs(statement).some((p) => test(p.key)))
        .map(({ statement, index }) => statementName(statement, index));
    return {
      kind: "allowed",
      withoutSourceArn: lacking((k) => k.toLowerCase() === "aws:sourcearn"),
      withoutSubject: lacking((k) => SUBJECT_KEY.test(k)),
      unknownKeys,
    };
  }
  const failedAction =
    decision.actions.find((a) => a.decision.decision === "ExplicitDeny") ??
    decision.actions.find((a) => !a.decision.allowed)!;
  const action = failedAction.action;
  if (failedAction.decision.decision === "ExplicitDeny") {
    const allowAll: Json = {
      Effect: "Allow",
      Principal: { Service: ROLES_ANYWHERE_SERVICE },
      Action: action,
    };
    const denying = statements
      .map((statement, index) => ({ statement, index }))
      .filter(
        ({ statement }) =>
          statement.Effect === "Deny" &&
          evaluateWith([statement, allowAll], action).decision === "ExplicitDeny",
      )
      .map(({ statement, index }) => statementName(statement, index));
    return { kind: "explicit-deny", action, statements: denying, reason: failedAction.decision.reason };
  }
  const grants = granting(action);
  if (grants.length === 0) return { kind: "not-granted", action, reason: failedAction.decision.reason };
  const failed: FailedCondition[] = [];
  for (const { statement, index } of grants) {
    for (const pair of conditionPairs(statement)) {
      const only = {
        ...withoutConditions(statement),
        Condition: { [pair.operator]: { [pair.key]: pair.values } },
      };
      if (!evaluateWith([only], action).allowed)
        failed.push({
          statement: statementName(statement, index),
          operator: pair.operator,
          key: pair.key,
          values: pair.values,
          actual: lookup(context, pair.key),
        });
    }
  }
  return { kind: "condition-failed", action, failed, reason: failedAction.decision.reason, unknownKeys };
}

function lookup(context: Readonly<Record<string, ContextValue>>, key: string): ContextValue | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** `StringEquals aws:PrincipalTag/x509Subject/CN ["app"] (the request has "other")`. */
export function describeFailedCondition(c: FailedCondition): string {
  const actual =
    c.actual === undefined
      ? "the request has no such key"
      : `the request has ${typeof c.actual === "string" ? JSON.stringify(c.actual) : JSON.stringify([...c.actual])}`;
  return `${c.statement}: ${c.operator} ${c.key} ${JSON.stringify(c.values)} is false (${actual})`;
}
