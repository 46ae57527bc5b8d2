// IAM's policy simulator: SimulateCustomPolicy (the policies given) and SimulatePrincipalPolicy
// (a role's or user's own policies, plus any given). Each action is evaluated on each resource with
// @anchorage/policy; results carry IAM's decision, the matched statements with their positions,
// the condition keys the policies use that the context did not supply, and the boundary's verdict.
// Trust policies are not evaluated (as on AWS).
import {
  assumedRolePrincipal,
  rootPrincipal,
  splitArn,
  userPrincipal,
  evaluate,
  type CompiledPolicy,
  type ContextMap,
  type Decision,
  type MatchedStatement,
  type Principal,
} from "@anchorage/policy";
import { labelPolicy, policySource } from "../../authorization/policy-labels.js";
import type {
  EvaluationResult,
  IamOperations,
  PolicyEvaluationDecisionType,
  PolicySourceType,
  SimulateCustomPolicyRequest,
  Statement,
} from "../../generated/iam.js";
import { AnchorageError } from "../../http/errors.js";
import { authorizeCall, type OperationHandlers, type QueryServiceDeps } from "./call.js";
import { contextFromEntries } from "./context-entries.js";
import { IAM_MESSAGES } from "./iam-messages.js";
import { pageOf } from "./markers.js";
import { checkPolicyDocument } from "./policy-documents.js";

/** The most evaluations (actions × resources) one simulation may ask for. */
export const MAX_EVALUATIONS = 1000;
/** The most policies of each input list. */
export const MAX_INPUT_POLICIES = 50;

const DECISION: Record<Decision["decision"], PolicyEvaluationDecisionType> = {
  Allow: "allowed",
  ExplicitDeny: "explicitDeny",
  ImplicitDeny: "implicitDeny",
};

/** AWS reports identity policies (inline, managed, input) as "IAM Policy" (not one of the model's enum values). */
const IAM_POLICY = "IAM Policy" as PolicySourceType;

interface Simulation {
  readonly principal: Principal;
  readonly identity: readonly CompiledPolicy[];
  readonly boundary: CompiledPolicy | undefined;
  readonly resourcePolicy: CompiledPolicy | undefined;
}

function inputPolicies(
  texts: readonly string[] | undefined,
  list: string,
  kind: "identity" | "boundary",
): CompiledPolicy[] {
  const all = texts ?? [];
  if (all.length > MAX_INPUT_POLICIES) {
    throw new AnchorageError("InvalidInput", `${list} may hold at most ${MAX_INPUT_POLICIES} policies.`);
  }
  return all.map((text, i) => {
    const name = `${list}.${i + 1}`;
    const policy = checkPolicyDocument(text, { use: "simulation", kind, name });
    labelPolicy(policy, { id: name, type: "none" });
    return policy;
  });
}

function onlyBoundary(policies: readonly CompiledPolicy[]): CompiledPolicy | undefined {
  if (policies.length > 1) {
    throw new AnchorageError(
      "InvalidInput",
      "PermissionsBoundaryPolicyInputList may hold one policy: a principal has one permissions boundary.",
    );
  }
  return policies[0];
}

/** The principal a resource policy sees: the CallerArn (a user, the root, a role or a role session). */
function principalOfArn(arn: string): Principal {
  const f = splitArn(arn);
  const invalid = () =>
    new AnchorageError(
      "InvalidInput",
      `CallerArn ${arn} must be the ARN of an IAM user, the account root, a role or an assumed-role session.`,
    );
  if (f === undefined || !/^\d{12}$/.test(f[4])) throw invalid();
  if (f[2] === "iam" && f[5] === "root") return rootPrincipal(f[4]);
  if (f[2] === "iam" && f[5].startsWith("user/")) return userPrincipal(arn);
  if (f[2] === "iam" && f[5].startsWith("role/")) return assumedRolePrincipal(arn, "SimulatedSession");
  const session = /^assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/.exec(f[5]);
  if (f[2] === "sts" && session !== null) {
    return {
      type: "AssumedRole",
      account: f[4],
      roleArn: `arn:${f[1]}:iam::${f[4]}:role/${session[1] ?? ""}`,
      sessionArn: arn,
    };
  }
  throw invalid();
}

function statementOf(m: MatchedStatement, byName: ReadonlyMap<string, CompiledPolicy>): Statement {
  const policy = byName.get(m.policy);
  const source = policy === undefined ? { id: m.policy, type: "none" as const } : policySource(policy);
  return {
    SourcePolicyId: source.id,
    SourcePolicyType: source.type === "resource" ? "resource" : IAM_POLICY,
    StartPosition: { Line: m.start.line, Column: m.start.column },
    EndPosition: { Line: m.end.line, Column: m.end.column },
  };
}

function missingKeys(policies: readonly CompiledPolicy[], context: ContextMap): string[] {
  const supplied = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of policies) {
    for (const key of p.conditionKeys) {
      const lower = key.toLowerCase();
      if (supplied.has(lower) || seen.has(lower)) continue;
      seen.add(lower);
      out.push(key);
    }
  }
  return out;
}

type SimulationInput = Omit<
  SimulateCustomPolicyRequest,
  "PolicyInputList" | "PermissionsBoundaryPolicyInputList"
>;

function simulate(sim: Simulation, input: SimulationInput) {
  const resources = input.ResourceArns ?? ["*"];
  if (input.ActionNames.length * resources.length > MAX_EVALUATIONS) {
    throw new AnchorageError(
      "InvalidInput",
      `A simulation may evaluate at most ${MAX_EVALUATIONS} action and resource pairs; split it into several calls.`,
    );
  }
  const context = contextFromEntries(input.ContextEntries);
  const all = [
    ...sim.identity,
    ...(sim.boundary === undefined ? [] : [sim.boundary]),
    ...(sim.resourcePolicy === undefined ? [] : [sim.resourcePolicy]),
  ];
  const byName = new Map(all.map((p) => [p.name, p]));
  const missing = missingKeys(all, context);
  const results: EvaluationResult[] = [];
  for (const action of input.ActionNames) {
    for (const resource of resources) {
      const decision = evaluate(
        {
          principal: sim.principal,
          action,
          resource,
          context,
          ...(input.ResourceOwner === undefined
            ? {}
            : { resourceAccount: splitArn(input.ResourceOwner)?.[4] ?? input.ResourceOwner }),
        },
        {
          identity: sim.identity,
          ...(sim.boundary === undefined ? {} : { boundary: sim.boundary }),
          ...(sim.resourcePolicy === undefined ? {} : { resource: sim.resourcePolicy }),
        },
      );
      const matched = decision.matchedStatements.map((m) => statementOf(m, byName));
      const boundaryDetail =
        sim.boundary === undefined
          ? {}
          : {
              PermissionsBoundaryDecisionDetail: {
                AllowedByPermissionsBoundary: decision.gates.boundary === "Allowed",
              },
            };
      results.push({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: DECISION[decision.decision],
        MatchedStatements: matched,
        MissingContextValues: missing,
        ...boundaryDetail,
        ...(input.ResourceArns === undefined
          ? {}
          : {
              ResourceSpecificResults: [
                {
                  EvalResourceName: resource,
                  EvalResourceDecision: DECISION[decision.decision],
                  MatchedStatements: matched,
                  MissingContextValues: missing,
                  ...boundaryDetail,
                },
              ],
            }),
      });
    }
  }
  const { page, ...more } = pageOf("simulation", results, input.Marker, input.MaxItems);
  return { EvaluationResults: page, ...more };
}

function resourcePolicyOf(input: SimulationInput): CompiledPolicy | undefined {
  if (input.ResourcePolicy === undefined) return undefined;
  if (input.CallerArn === undefined) {
    throw new AnchorageError(
      "InvalidInput",
      "CallerArn is required with ResourcePolicy: it is the principal the resource policy's Principal element is matched against.",
    );
  }
  const policy = checkPolicyDocument(input.ResourcePolicy, {
    use: "simulation",
    kind: "resource",
    name: "ResourcePolicy",
  });
  labelPolicy(policy, { id: "ResourcePolicy", type: "resource" });
  return policy;
}

export function simulateHandlers(deps: QueryServiceDeps): OperationHandlers<IamOperations> {
  return {
    async SimulateCustomPolicy(input, call) {
      await authorizeCall(deps, call, "iam:SimulateCustomPolicy", "*");
      return simulate(
        {
          principal: input.CallerArn === undefined ? { type: "Anonymous" } : principalOfArn(input.CallerArn),
          identity: inputPolicies(input.PolicyInputList, "PolicyInputList", "identity"),
          boundary: onlyBoundary(
            inputPolicies(
              input.PermissionsBoundaryPolicyInputList,
              "PermissionsBoundaryPolicyInputList",
              "boundary",
            ),
          ),
          resourcePolicy: resourcePolicyOf(input),
        },
        input,
      );
    },

    async SimulatePrincipalPolicy(input, call) {
      const source = input.PolicySourceArn;
      const f = splitArn(source);
      const kind =
        f?.[2] === "iam"
          ? f[5].startsWith("role/")
            ? "role"
            : f[5].startsWith("user/")
              ? "user"
              : undefined
          : undefined;
      if (f === undefined || kind === undefined) {
        throw new AnchorageError(
          "InvalidInput",
          `PolicySourceArn ${source} must be the ARN of a role or a user (Anchorage has no groups).`,
        );
      }
      await authorizeCall(deps, call, "iam:SimulatePrincipalPolicy", source);
      const name = f[5].slice(f[5].lastIndexOf("/") + 1);
      const entity =
        kind === "role" ? await deps.engine.cache.role(name) : await deps.engine.cache.user(name);
      if (entity === undefined || entity.record.arn !== source || f[4] !== deps.context.accountId) {
        throw new AnchorageError(
          "NotFound",
          kind === "role" ? IAM_MESSAGES.noSuchRole(name) : IAM_MESSAGES.noSuchUser(name),
        );
      }
      const extraBoundary = inputPolicies(
        input.PermissionsBoundaryPolicyInputList,
        "PermissionsBoundaryPolicyInputList",
        "boundary",
      );
      const principal =
        input.CallerArn !== undefined
          ? principalOfArn(input.CallerArn)
          : kind === "role"
            ? assumedRolePrincipal(source, "SimulatedSession")
            : userPrincipal(source);
      return simulate(
        {
          principal,
          identity: [
            ...entity.identity,
            ...inputPolicies(input.PolicyInputList, "PolicyInputList", "identity"),
          ],
          boundary: extraBoundary.length > 0 ? onlyBoundary(extraBoundary) : entity.boundary,
          resourcePolicy: resourcePolicyOf(input),
        },
        input,
      );
    },
  };
}
