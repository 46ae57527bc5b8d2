// IAM users (so operators stop using the root key): CreateUser, GetUser, ListUsers, DeleteUser.
import type { IamOperations, User } from "../../generated/iam.js";
import { AnchorageError } from "../../http/errors.js";
import { awsId } from "../../ids.js";
import { StoreConflictError, StoreLimitError } from "../../store/errors.js";
import type { UserRecord } from "../../store/store.js";
import { authorizeCall, changed, type Call, type OperationHandlers, type QueryServiceDeps } from "./call.js";
import { iamArn } from "./iam-arns.js";
import { IAM_MESSAGES } from "./iam-messages.js";
import { requireManagedPolicy } from "./managed-policy-lookup.js";
import { cursorFromMarker, DEFAULT_MAX_ITEMS, truncation } from "./markers.js";
import { optionalCursor } from "./roles.js";
import { checkTagKeys, MAX_TAGS, requestTagContext } from "./tags.js";
import { tagsFromWire, userToWire } from "./wire.js";

/** IAM's quota of users per account (IUG quotas). */
export const MAX_USERS = 5000;

/** Authorizes `action` on the user, then returns it (NoSuchEntity when it does not exist). */
export async function authorizedUser(
  deps: QueryServiceDeps,
  call: Call,
  action: string,
  name: string,
  context?: Parameters<typeof authorizeCall>[4],
): Promise<UserRecord> {
  const { store, partition, accountId } = deps.context;
  const user = await store.users.get(name);
  await authorizeCall(
    deps,
    call,
    action,
    user?.arn ?? iamArn(partition, accountId, "user", "/", name),
    context,
  );
  if (user === undefined) throw new AnchorageError("NotFound", IAM_MESSAGES.noSuchUser(name));
  return user;
}

/** The user an operation without `UserName` is about: the calling user (ValidationError for anyone else). */
export function ownUserName(call: Call, operation: string): string {
  if (call.caller.kind === "user") return call.caller.userName;
  throw new AnchorageError(
    "Validation",
    `Must specify userName when calling ${operation} with non-User credentials.`,
  );
}

export function userHandlers(deps: QueryServiceDeps): OperationHandlers<IamOperations> {
  const { store, partition, accountId, random } = deps.context;
  return {
    async CreateUser(input, call) {
      const path = input.Path ?? "/";
      const arn = iamArn(partition, accountId, "user", path, input.UserName);
      await authorizeCall(deps, call, "iam:CreateUser", arn, {
        ...requestTagContext(input.Tags),
        ...(input.PermissionsBoundary === undefined
          ? {}
          : { "iam:PermissionsBoundary": input.PermissionsBoundary }),
      });
      checkTagKeys(input.Tags);
      if (input.PermissionsBoundary !== undefined)
        await requireManagedPolicy(deps, input.PermissionsBoundary, "boundary");
      const tags = tagsFromWire(input.Tags);
      try {
        const user = await store.transaction(async (tx) => {
          const created = await tx.users.create(
            {
              id: awsId("AIDA", random),
              name: input.UserName,
              path,
              arn,
              ...(input.PermissionsBoundary === undefined
                ? {}
                : { permissionsBoundary: input.PermissionsBoundary }),
            },
            { maxCount: MAX_USERS },
          );
          if (tags.length > 0) await tx.tags.put(arn, tags, { maxTags: MAX_TAGS, ignoreKeyCase: true });
          return created;
        });
        await changed(deps);
        return { User: userToWire(user, { tags }) };
      } catch (error) {
        if (error instanceof StoreConflictError && error.reason === "exists") {
          throw new AnchorageError("EntityAlreadyExists", IAM_MESSAGES.userExists(input.UserName), {
            cause: error,
          });
        }
        if (error instanceof StoreLimitError) {
          throw new AnchorageError("LimitExceeded", IAM_MESSAGES.quota("UsersPerAccount", MAX_USERS), {
            cause: error,
          });
        }
        throw error;
      }
    },

    async GetUser(input, call) {
      if (input.UserName === undefined && call.caller.kind === "root") {
        // AWS answers the root's GetUser with the account's identity (no UserName or Path; Anchorage
        // keeps no creation date for the root).
        await authorizeCall(deps, call, "iam:GetUser", call.caller.arn);
        const root = { UserId: accountId, Arn: call.caller.arn } as unknown as User;
        return { User: root };
      }
      const name = input.UserName ?? ownUserName(call, "GetUser");
      const user = await authorizedUser(deps, call, "iam:GetUser", name);
      return { User: userToWire(user, { tags: await store.tags.list(user.arn) }) };
    },

    async ListUsers(input, call) {
      await authorizeCall(deps, call, "iam:ListUsers", "*");
      const page = await store.users.list({
        limit: input.MaxItems ?? DEFAULT_MAX_ITEMS,
        ...(input.PathPrefix === undefined ? {} : { pathPrefix: input.PathPrefix }),
        ...optionalCursor(cursorFromMarker("users", input.Marker)),
      });
      return { Users: page.items.map((u) => userToWire(u)), ...truncation("users", page.next) };
    },

    async DeleteUser(input, call) {
      const user = await authorizedUser(deps, call, "iam:DeleteUser", input.UserName);
      const [keys, inline, attached] = await Promise.all([
        store.accessKeys.listByUser(user.name),
        store.userPolicies.list(user.name),
        store.attachments.list({ kind: "user", name: user.name }),
      ]);
      if (keys.length > 0) throw new AnchorageError("DeleteConflict", IAM_MESSAGES.mustDeleteAccessKeys);
      if (inline.length > 0) throw new AnchorageError("DeleteConflict", IAM_MESSAGES.mustDeletePolicies);
      if (attached.length > 0) throw new AnchorageError("DeleteConflict", IAM_MESSAGES.mustDetachPolicies);
      await store.users.delete(user.name);
      await changed(deps);
      return {};
    },
  };
}
