// STS AssumeRole (iam-sts.md §5.2): the role's trust policy must allow the caller (and the caller's
// own policies must allow sts:AssumeRole unless the trust policy names the caller's ARN, same
// account), plus sts:TagSession with session tags and sts:SetSourceIdentity with a source identity.
// Session policies (Policy, PolicyArns) narrow the session; tags and the source identity travel in
// the session token, transitive tags and the source identity on to chained sessions.
import { evaluateTrust, policySize, type ContextValue } from "@anchorage/policy";
import { awsManagedPolicy } from "../../authorization/aws-managed-policies.js";
import { mintRoleSession } from "../../credentials/mint.js";
import type { AssumeRoleRequest, AssumeRoleResponse } from "../../generated/sts.js";
import { AnchorageError } from "../../http/errors.js";
import type { SessionTag } from "../../principal.js";
import type { Call, QueryServiceDeps } from "../iam/call.js";
import { parsePolicyArn } from "../iam/iam-arns.js";
import { checkPolicyDocument } from "../iam/policy-documents.js";

/** Role chaining caps sessions at one hour (iam-sts.md §5.2). */
export const CHAINED_MAX_SECONDS = 3600;
/** At most this many managed session policies (STS's PolicyArns limit). */
export const MAX_POLICY_ARNS = 10;
/** Inline and managed session policies together, in plaintext characters (STS). */
export const SESSION_POLICIES_PLAINTEXT = 2048;

const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role((?:\/[\x21-\x7e]*)?\/)([\w+=,.@-]{1,64})$/;

export const STS_MESSAGES = {
  rootCannotAssume: "Roles may not be assumed by root accounts.",
  notRoleArn: (arn: string) =>
    `RoleArn ${arn} is not a role ARN: expected arn:aws:iam::<account>:role/<path/><name>.`,
  chaining:
    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
  maxSession: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
  duplicateTags: "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
  transitiveNotTag: (key: string) =>
    `The specified transitive tag key ${key} must be included in the requested tags.`,
  transitiveOverride: (key: string) =>
    `The session tag ${key} is a transitive tag of the calling session; chained sessions cannot set it again.`,
  sourceIdentityPrefix: "SourceIdentity cannot begin with the reserved prefix 'aws:'.",
  sourceIdentityChange: (current: string) =>
    `SourceIdentity cannot be changed once set: the calling session's source identity is ${current}.`,
  tooManyPolicyArns: `PolicyArns may hold at most ${MAX_POLICY_ARNS} managed session policies.`,
  noSuchPolicy: (arn: string) => `Policy ${arn} does not exist or is not attachable.`,
  plaintextTooLarge: `The inline and managed session policies together exceed ${SESSION_POLICIES_PLAINTEXT} characters of plaintext.`,
} as const;

function denied(callerArn: string, action: string, roleArn: string): AnchorageError {
  return new AnchorageError(
    "AccessDenied",
    `User: ${callerArn} is not authorized to perform: ${action} on resource: ${roleArn}`,
  );
}

/** Session tags: the calling session's transitive ones first, then the requested ones. */
function sessionTags(input: AssumeRoleRequest, call: Call): { tags: SessionTag[]; transitive: string[] } {
  const requested = (input.Tags ?? []).map((t) => ({ key: t.Key, value: t.Value }));
  const seen = new Set<string>();
  for (const tag of requested) {
    const lower = tag.key.toLowerCase();
    if (seen.has(lower)) throw new AnchorageError("Validation", STS_MESSAGES.duplicateTags);
    seen.add(lower);
  }
  const requestedTransitive = input.TransitiveTagKeys ?? [];
  for (const key of requestedTransitive) {
    if (!seen.has(key.toLowerCase()))
      throw new AnchorageError("Validation", STS_MESSAGES.transitiveNotTag(key));
  }
  const inherited: SessionTag[] = [];
  const inheritedKeys: string[] = [];
  if (call.caller.kind === "assumed-role") {
    const keys = new Set(call.caller.session.transitiveTagKeys.map((k) => k.toLowerCase()));
    for (const tag of call.caller.session.tags) {
      if (!keys.has(tag.key.toLowerCase())) continue;
      if (seen.has(tag.key.toLowerCase()))
        throw new AnchorageError("Validation", STS_MESSAGES.transitiveOverride(tag.key));
      inherited.push(tag);
      inheritedKeys.push(tag.key);
    }
  }
  return { tags: [...inherited, ...requested], transitive: [...inheritedKeys, ...requestedTransitive] };
}

function sourceIdentity(input: AssumeRoleRequest, call: Call): string | undefined {
  const asked = input.SourceIdentity;
  if (asked !== undefined && asked.toLowerCase().startsWith("aws:")) {
    throw new AnchorageError("Validation", STS_MESSAGES.sourceIdentityPrefix);
  }
  const current = call.caller.kind === "assumed-role" ? call.caller.session.sourceIdentity : undefined;
  if (current !== undefined && asked !== undefined && asked !== current) {
    throw new AnchorageError("Validation", STS_MESSAGES.sourceIdentityChange(current));
  }
  return asked ?? current;
}

async function sessionPolicyArns(deps: QueryServiceDeps, input: AssumeRoleRequest): Promise<string[]> {
  const arns = (input.PolicyArns ?? []).map((p, i) => {
    if (p.arn === undefined) throw new AnchorageError("Validation", `PolicyArns.member.${i + 1} has no arn.`);
    return p.arn;
  });
  if (arns.length > MAX_POLICY_ARNS) throw new AnchorageError("Validation", STS_MESSAGES.tooManyPolicyArns);
  for (const arn of arns) {
    const parsed = parsePolicyArn(arn);
    const exists =
      parsed.account === "aws"
        ? awsManagedPolicy(arn) !== undefined
        : parsed.account === deps.context.accountId &&
          (await deps.context.store.managedPolicies.get(arn)) !== undefined;
    if (!exists) throw new AnchorageError("Validation", STS_MESSAGES.noSuchPolicy(arn));
  }
  return arns;
}

export async function assumeRole(
  deps: QueryServiceDeps,
  input: AssumeRoleRequest,
  call: Call,
): Promise<AssumeRoleResponse> {
  const { caller } = call;
  const m = ROLE_ARN.exec(input.RoleArn);
  if (m === null) throw new AnchorageError("Validation", STS_MESSAGES.notRoleArn(input.RoleArn));
  if (caller.kind === "root") throw new AnchorageError("AccessDenied", STS_MESSAGES.rootCannotAssume);
  const roleName = m[4] ?? "";
  const role = m[2] === deps.context.accountId ? await deps.engine.cache.role(roleName) : undefined;
  if (role === undefined || role.record.arn !== input.RoleArn) {
    throw denied(caller.arn, "sts:AssumeRole", input.RoleArn);
  }

  const { tags, transitive } = sessionTags(input, call);
  const source = sourceIdentity(input, call);
  const inline =
    input.Policy === undefined
      ? undefined
      : (checkPolicyDocument(input.Policy, { use: "session" }), input.Policy);
  const policyArns = await sessionPolicyArns(deps, input);
  const plaintext =
    (inline === undefined ? 0 : policySize(inline)) + policyArns.reduce((n, arn) => n + arn.length, 0);
  if (plaintext > SESSION_POLICIES_PLAINTEXT)
    throw new AnchorageError("PackedPolicyTooLarge", STS_MESSAGES.plaintextTooLarge);

  const actions = ["sts:AssumeRole"];
  if (tags.length > 0) actions.push("sts:TagSession");
  if (source !== undefined) actions.push("sts:SetSourceIdentity");
  const callerPolicies = await deps.engine.callerPolicies(caller);
  if (callerPolicies.gone !== undefined) throw denied(caller.arn, "sts:AssumeRole", input.RoleArn);
  const extra: Record<string, ContextValue> = { "sts:RoleSessionName": input.RoleSessionName };
  for (const tag of tags) extra[`aws:RequestTag/${tag.key}`] = tag.value;
  if (tags.length > 0) extra["aws:TagKeys"] = tags.map((t) => t.key);
  if (transitive.length > 0) extra["sts:TransitiveTagKeys"] = transitive;
  if (input.SourceIdentity !== undefined) extra["sts:SourceIdentity"] = input.SourceIdentity;
  if (input.ExternalId !== undefined) extra["sts:ExternalId"] = input.ExternalId;
  const trust = evaluateTrust(
    {
      principal: callerPolicies.principal,
      roleArn: role.record.arn,
      actions,
      context: deps.engine.context(caller, callerPolicies, call.facts, extra),
    },
    role.trust,
    {
      identity: callerPolicies.identity,
      ...(callerPolicies.boundary === undefined ? {} : { boundary: callerPolicies.boundary }),
      session: callerPolicies.session,
    },
  );
  if (!trust.allowed) {
    const failed = trust.actions.find((a) => !a.decision.allowed)?.action ?? "sts:AssumeRole";
    throw new AnchorageError("AccessDenied", denied(caller.arn, failed, input.RoleArn).message, {
      detail: { reason: trust.reason },
    });
  }

  const chained = caller.kind === "assumed-role";
  const durationSeconds = input.DurationSeconds ?? 3600;
  if (chained && durationSeconds > CHAINED_MAX_SECONDS)
    throw new AnchorageError("Validation", STS_MESSAGES.chaining);
  if (durationSeconds > role.record.maxSessionDuration)
    throw new AnchorageError("Validation", STS_MESSAGES.maxSession);

  const minted = await mintRoleSession(deps.context, {
    role: role.record,
    sessionName: input.RoleSessionName,
    durationSeconds,
    sessionPolicies: { ...(inline === undefined ? {} : { inline }), managedArns: policyArns },
    tags,
    transitiveTagKeys: transitive,
    ...(source === undefined ? {} : { sourceIdentity: source }),
    chained,
    issuer: caller.arn,
  });
  await deps.context.store.roles
    .recordUse(role.record.name, { lastUsedDate: minted.issuedAt, region: deps.context.region })
    .catch((error: unknown) =>
      deps.context.log.warn({ err: error, role: role.record.name }, "could not record the role's last use"),
    );
  const packed = inline !== undefined || policyArns.length > 0 || tags.length > 0;
  return {
    Credentials: {
      AccessKeyId: minted.accessKeyId,
      SecretAccessKey: minted.secretAccessKey,
      SessionToken: minted.sessionToken,
      Expiration: minted.expiration,
    },
    AssumedRoleUser: { AssumedRoleId: minted.assumedRoleUser.assumedRoleId, Arn: minted.assumedRoleUser.arn },
    ...(packed ? { PackedPolicySize: minted.packedPolicySize } : {}),
    ...(source === undefined ? {} : { SourceIdentity: source }),
  };
}
