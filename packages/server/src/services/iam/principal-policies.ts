// Inline policies (Put/Get/Delete/List{Role,User}Policies) and attached managed policies
// (Attach/Detach/ListAttached{Role,User}Policies) of roles and users: the same operations for
// both kinds of principal, with IAM's quotas (inline size per principal, 10 attached policies).
import type { IamOperations } from "../../generated/iam.js";
import { AnchorageError } from "../../http/errors.js";
import { StoreLimitError, StoreNotFoundError } from "../../store/errors.js";
import type { InlinePolicyRepository, PrincipalKind } from "../../store/store.js";
import { changed, type Call, type OperationHandlers, type QueryServiceDeps } from "./call.js";
import { nameOfArn, pathOfArn } from "./iam-arns.js";
import { IAM_MESSAGES } from "./iam-messages.js";
import { requireManagedPolicy } from "./managed-policy-lookup.js";
import { pageOf } from "./markers.js";
import { checkInlineTotal, checkPolicyDocument } from "./policy-documents.js";
import { authorizedRole } from "./roles.js";
import { authorizedUser } from "./users.js";

/** IAM's default quota of managed policies attached to one role or user (adjustable to 20 on AWS). */
export const MAX_ATTACHED_POLICIES = 10;

interface Principal {
  readonly name: string;
  readonly id: string;
}

interface Kind {
  readonly kind: PrincipalKind;
  readonly label: "Role" | "User";
  readonly policies: InlinePolicyRepository;
  find(call: Call, action: string, name: string, context?: Record<string, string>): Promise<Principal>;
  noSuchPolicy(principal: string, policy: string): string;
  use(name: string): { use: "role-inline"; roleName: string } | { use: "user-inline"; userName: string };
}

async function putInline(
  deps: QueryServiceDeps,
  k: Kind,
  call: Call,
  name: string,
  policyName: string,
  document: string,
) {
  const principal = await k.find(call, `iam:Put${k.label}Policy`, name);
  const use = k.use(principal.name);
  checkPolicyDocument(document, use);
  checkInlineTotal(use, await k.policies.list(principal.name), policyName, document);
  await k.policies.put(principal.name, policyName, document);
  await changed(deps);
}

async function deleteInline(deps: QueryServiceDeps, k: Kind, call: Call, name: string, policyName: string) {
  const principal = await k.find(call, `iam:Delete${k.label}Policy`, name);
  try {
    await k.policies.delete(principal.name, policyName);
  } catch (error) {
    if (error instanceof StoreNotFoundError) {
      throw new AnchorageError("NotFound", k.noSuchPolicy(principal.name, policyName), { cause: error });
    }
    throw error;
  }
  await changed(deps);
}

async function attach(deps: QueryServiceDeps, k: Kind, call: Call, name: string, policyArn: string) {
  const principal = await k.find(call, `iam:Attach${k.label}Policy`, name, { "iam:PolicyARN": policyArn });
  await requireManagedPolicy(deps, policyArn, "attach");
  try {
    await deps.context.store.attachments.attach({ kind: k.kind, name: principal.name }, policyArn, {
      maxAttached: MAX_ATTACHED_POLICIES,
    });
  } catch (error) {
    if (error instanceof StoreLimitError) {
      throw new AnchorageError(
        "LimitExceeded",
        IAM_MESSAGES.quota(`PoliciesPer${k.label}`, MAX_ATTACHED_POLICIES),
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  await changed(deps);
}

async function detach(deps: QueryServiceDeps, k: Kind, call: Call, name: string, policyArn: string) {
  const principal = await k.find(call, `iam:Detach${k.label}Policy`, name, { "iam:PolicyARN": policyArn });
  try {
    await deps.context.store.attachments.detach({ kind: k.kind, name: principal.name }, policyArn);
  } catch (error) {
    if (error instanceof StoreNotFoundError) {
      throw new AnchorageError("NotFound", IAM_MESSAGES.policyNotFound(policyArn), { cause: error });
    }
    throw error;
  }
  await changed(deps);
}

async function listAttached(
  deps: QueryServiceDeps,
  k: Kind,
  call: Call,
  name: string,
  input: { readonly PathPrefix?: string; readonly Marker?: string; readonly MaxItems?: number },
) {
  const principal = await k.find(call, `iam:ListAttached${k.label}Policies`, name);
  const attached = (await deps.context.store.attachments.list({ kind: k.kind, name: principal.name }))
    .map((a) => a.policyArn)
    .filter((arn) => input.PathPrefix === undefined || pathOfArn(arn).startsWith(input.PathPrefix));
  const { page, ...more } = pageOf(
    `attached ${k.kind} ${principal.id}`,
    attached,
    input.Marker,
    input.MaxItems,
  );
  return { AttachedPolicies: page.map((arn) => ({ PolicyName: nameOfArn(arn), PolicyArn: arn })), ...more };
}

async function listInline(
  k: Kind,
  call: Call,
  name: string,
  input: { readonly Marker?: string; readonly MaxItems?: number },
) {
  const principal = await k.find(call, `iam:List${k.label}Policies`, name);
  const names = (await k.policies.list(principal.name)).map((p) => p.policyName);
  const { page, ...more } = pageOf(`inline ${k.kind} ${principal.id}`, names, input.Marker, input.MaxItems);
  return { PolicyNames: page, ...more };
}

export function principalPolicyHandlers(deps: QueryServiceDeps): OperationHandlers<IamOperations> {
  const { store } = deps.context;
  const role: Kind = {
    kind: "role",
    label: "Role",
    policies: store.rolePolicies,
    find: (call, action, name, context) => authorizedRole(deps, call, action, name, context),
    noSuchPolicy: IAM_MESSAGES.noSuchRolePolicy,
    use: (roleName) => ({ use: "role-inline", roleName }),
  };
  const user: Kind = {
    kind: "user",
    label: "User",
    policies: store.userPolicies,
    find: (call, action, name, context) => authorizedUser(deps, call, action, name, context),
    noSuchPolicy: IAM_MESSAGES.noSuchUserPolicy,
    use: (userName) => ({ use: "user-inline", userName }),
  };

  const getInline = async (k: Kind, call: Call, name: string, policyName: string) => {
    const principal = await k.find(call, `iam:Get${k.label}Policy`, name);
    const policy = await k.policies.get(principal.name, policyName);
    if (policy === undefined)
      throw new AnchorageError("NotFound", k.noSuchPolicy(principal.name, policyName));
    return { name: principal.name, policyName: policy.policyName, document: policy.document };
  };

  return {
    async PutRolePolicy(input, call) {
      await putInline(deps, role, call, input.RoleName, input.PolicyName, input.PolicyDocument);
      return {};
    },
    async GetRolePolicy(input, call) {
      const got = await getInline(role, call, input.RoleName, input.PolicyName);
      return { RoleName: got.name, PolicyName: got.policyName, PolicyDocument: got.document };
    },
    async DeleteRolePolicy(input, call) {
      await deleteInline(deps, role, call, input.RoleName, input.PolicyName);
      return {};
    },
    ListRolePolicies: (input, call) => listInline(role, call, input.RoleName, input),
    async AttachRolePolicy(input, call) {
      await attach(deps, role, call, input.RoleName, input.PolicyArn);
      return {};
    },
    async DetachRolePolicy(input, call) {
      await detach(deps, role, call, input.RoleName, input.PolicyArn);
      return {};
    },
    ListAttachedRolePolicies: (input, call) => listAttached(deps, role, call, input.RoleName, input),

    async PutUserPolicy(input, call) {
      await putInline(deps, user, call, input.UserName, input.PolicyName, input.PolicyDocument);
      return {};
    },
    async GetUserPolicy(input, call) {
      const got = await getInline(user, call, input.UserName, input.PolicyName);
      return { UserName: got.name, PolicyName: got.policyName, PolicyDocument: got.document };
    },
    async DeleteUserPolicy(input, call) {
      await deleteInline(deps, user, call, input.UserName, input.PolicyName);
      return {};
    },
    ListUserPolicies: (input, call) => listInline(user, call, input.UserName, input),
    async AttachUserPolicy(input, call) {
      await attach(deps, user, call, input.UserName, input.PolicyArn);
      return {};
    },
    async DetachUserPolicy(input, call) {
      await detach(deps, user, call, input.UserName, input.PolicyArn);
      return {};
    },
    ListAttachedUserPolicies: (input, call) => listAttached(deps, user, call, input.UserName, input),
  };
}
