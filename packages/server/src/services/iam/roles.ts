// IAM roles: CreateRole, GetRole, ListRoles, DeleteRole, UpdateRole, UpdateAssumeRolePolicy,
// TagRole / UntagRole / ListRoleTags, Put/DeleteRolePermissionsBoundary.
import type { IamOperations } from "../../generated/iam.js";
import { AnchorageError } from "../../http/errors.js";
import { awsId } from "../../ids.js";
import { StoreConflictError, StoreLimitError } from "../../store/errors.js";
import type { RoleRecord } from "../../store/store.js";
import { authorizeCall, changed, type Call, type OperationHandlers, type QueryServiceDeps } from "./call.js";
import { iamArn } from "./iam-arns.js";
import { IAM_MESSAGES } from "./iam-messages.js";
import { cursorFromMarker, DEFAULT_MAX_ITEMS, pageOf, truncation } from "./markers.js";
import { requireManagedPolicy } from "./managed-policy-lookup.js";
import { checkPolicyDocument } from "./policy-documents.js";
import { checkTagKeys, MAX_TAGS, requestTagContext } from "./tags.js";
import { roleToWire, tagsFromWire, tagsToWire } from "./wire.js";

/** IAM's quota of roles per account (IUG quotas; UNCONFIRMED in the spec). */
export const MAX_ROLES = 1000;

/** The role and its ARN for authorization; the ARN of a missing role has the default path. */
export async function roleForCall(
  deps: QueryServiceDeps,
  name: string,
): Promise<{ role: RoleRecord | undefined; arn: string }> {
  const role = await deps.context.store.roles.get(name);
  return {
    role,
    arn: role?.arn ?? iamArn(deps.context.partition, deps.context.accountId, "role", "/", name),
  };
}

/** Authorizes `action` on the role, then returns it (NoSuchEntity when it does not exist). */
export async function authorizedRole(
  deps: QueryServiceDeps,
  call: Call,
  action: string,
  name: string,
  context?: Parameters<typeof authorizeCall>[4],
): Promise<RoleRecord> {
  const { role, arn } = await roleForCall(deps, name);
  await authorizeCall(deps, call, action, arn, context);
  if (role === undefined) throw new AnchorageError("NotFound", IAM_MESSAGES.noSuchRole(name));
  return role;
}

export function roleHandlers(deps: QueryServiceDeps): OperationHandlers<IamOperations> {
  const { store, partition, accountId, random } = deps.context;
  return {
    async CreateRole(input, call) {
      const path = input.Path ?? "/";
      const arn = iamArn(partition, accountId, "role", path, input.RoleName);
      await authorizeCall(deps, call, "iam:CreateRole", arn, {
        ...requestTagContext(input.Tags),
        ...(input.PermissionsBoundary === undefined
          ? {}
          : { "iam:PermissionsBoundary": input.PermissionsBoundary }),
      });
      checkPolicyDocument(input.AssumeRolePolicyDocument, { use: "trust", roleName: input.RoleName });
      checkTagKeys(input.Tags);
      if (input.PermissionsBoundary !== undefined)
        await requireManagedPolicy(deps, input.PermissionsBoundary, "boundary");
      const tags = tagsFromWire(input.Tags);
      try {
        const role = await store.transaction(async (tx) => {
          const created = await tx.roles.create(
            {
              id: awsId("AROA", random),
              name: input.RoleName,
              path,
              arn,
              assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
              ...(input.Description === undefined ? {} : { description: input.Description }),
              maxSessionDuration: input.MaxSessionDuration ?? 3600,
              ...(input.PermissionsBoundary === undefined
                ? {}
                : { permissionsBoundary: input.PermissionsBoundary }),
            },
            { maxCount: MAX_ROLES },
          );
          if (tags.length > 0) await tx.tags.put(arn, tags, { maxTags: MAX_TAGS, ignoreKeyCase: true });
          return created;
        });
        await changed(deps);
        const out = roleToWire(role);
        return { Role: tags.length === 0 ? out : { ...out, Tags: tagsToWire(tags) } };
      } catch (error) {
        if (error instanceof StoreConflictError && error.reason === "exists") {
          throw new AnchorageError("EntityAlreadyExists", IAM_MESSAGES.roleExists(input.RoleName), {
            cause: error,
          });
        }
        if (error instanceof StoreLimitError) {
          throw new AnchorageError("LimitExceeded", IAM_MESSAGES.quota("RolesPerAccount", MAX_ROLES), {
            cause: error,
          });
        }
        throw error;
      }
    },

    async GetRole(input, call) {
      const role = await authorizedRole(deps, call, "iam:GetRole", input.RoleName);
      return { Role: roleToWire(role, { tags: await store.tags.list(role.arn) }) };
    },

    async ListRoles(input, call) {
      await authorizeCall(deps, call, "iam:ListRoles", "*");
      const page = await store.roles.list({
        limit: input.MaxItems ?? DEFAULT_MAX_ITEMS,
        ...(input.PathPrefix === undefined ? {} : { pathPrefix: input.PathPrefix }),
        ...optionalCursor(cursorFromMarker("roles", input.Marker)),
      });
      return { Roles: page.items.map((r) => roleToWire(r)), ...truncation("roles", page.next) };
    },

    async DeleteRole(input, call) {
      const role = await authorizedRole(deps, call, "iam:DeleteRole", input.RoleName);
      const [inline, attached] = await Promise.all([
        store.rolePolicies.list(role.name),
        store.attachments.list({ kind: "role", name: role.name }),
      ]);
      if (inline.length > 0) throw new AnchorageError("DeleteConflict", IAM_MESSAGES.mustDeletePolicies);
      if (attached.length > 0) throw new AnchorageError("DeleteConflict", IAM_MESSAGES.mustDetachPolicies);
      await store.roles.delete(role.name);
      await changed(deps);
      return {};
    },

    async UpdateRole(input, call) {
      const role = await authorizedRole(deps, call, "iam:UpdateRole", input.RoleName);
      await store.roles.update(role.name, {
        ...(input.Description === undefined ? {} : { description: input.Description }),
        ...(input.MaxSessionDuration === undefined ? {} : { maxSessionDuration: input.MaxSessionDuration }),
      });
      await changed(deps);
      return {};
    },

    async UpdateAssumeRolePolicy(input, call) {
      const role = await authorizedRole(deps, call, "iam:UpdateAssumeRolePolicy", input.RoleName);
      checkPolicyDocument(input.PolicyDocument, { use: "trust", roleName: role.name });
      await store.roles.update(role.name, { assumeRolePolicyDocument: input.PolicyDocument });
      await changed(deps);
      return {};
    },

    async TagRole(input, call) {
      const role = await authorizedRole(
        deps,
        call,
        "iam:TagRole",
        input.RoleName,
        requestTagContext(input.Tags),
      );
      checkTagKeys(input.Tags);
      try {
        await store.tags.put(role.arn, tagsFromWire(input.Tags), { maxTags: MAX_TAGS, ignoreKeyCase: true });
      } catch (error) {
        if (error instanceof StoreLimitError) {
          throw new AnchorageError("LimitExceeded", IAM_MESSAGES.quota("TagsPerRole", MAX_TAGS), {
            cause: error,
          });
        }
        throw error;
      }
      await changed(deps);
      return {};
    },

    async UntagRole(input, call) {
      const role = await authorizedRole(deps, call, "iam:UntagRole", input.RoleName, {
        "aws:TagKeys": input.TagKeys,
      });
      await store.tags.remove(role.arn, input.TagKeys, { ignoreKeyCase: true });
      await changed(deps);
      return {};
    },

    async ListRoleTags(input, call) {
      const role = await authorizedRole(deps, call, "iam:ListRoleTags", input.RoleName);
      const { page, ...more } = pageOf(
        `role-tags ${role.id}`,
        await store.tags.list(role.arn),
        input.Marker,
        input.MaxItems,
      );
      return { Tags: tagsToWire(page), ...more };
    },

    async PutRolePermissionsBoundary(input, call) {
      const role = await authorizedRole(deps, call, "iam:PutRolePermissionsBoundary", input.RoleName, {
        "iam:PermissionsBoundary": input.PermissionsBoundary,
      });
      await requireManagedPolicy(deps, input.PermissionsBoundary, "boundary");
      await store.roles.update(role.name, { permissionsBoundary: input.PermissionsBoundary });
      await changed(deps);
      return {};
    },

    async DeleteRolePermissionsBoundary(input, call) {
      const role = await authorizedRole(deps, call, "iam:DeleteRolePermissionsBoundary", input.RoleName);
      await store.roles.update(role.name, { permissionsBoundary: null });
      await changed(deps);
      return {};
    },
  };
}

export const optionalCursor = <C>(after: C | undefined): { after?: C } =>
  after === undefined ? {} : { after };
