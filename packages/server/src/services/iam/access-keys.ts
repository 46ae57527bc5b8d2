// Long-term access keys of users (and of the account root, when the root calls without
// UserName): CreateAccessKey (the secret is returned once), ListAccessKeys, UpdateAccessKey
// (Active/Inactive), DeleteAccessKey. Keys take effect at once: the credential resolver reads them
// from the store on every request.
import type { IamOperations } from "../../generated/iam.js";
import { AnchorageError } from "../../http/errors.js";
import { awsId, secretAccessKey } from "../../ids.js";
import { StoreLimitError } from "../../store/errors.js";
import type { AccessKeyRecord } from "../../store/store.js";
import { authorizeCall, changed, type Call, type OperationHandlers, type QueryServiceDeps } from "./call.js";
import { IAM_MESSAGES } from "./iam-messages.js";
import { pageOf } from "./markers.js";
import { authorizedUser, ownUserName } from "./users.js";
import { accessKeyToWire, toDate } from "./wire.js";

/** IAM's quota of access keys per user (and per root). */
export const MAX_ACCESS_KEYS = 2;

/** Whose keys an operation is about: a user by name, or the root (no UserName, root caller). */
interface KeyOwner {
  /** The store's owner key: the user's name, or undefined for the root. */
  readonly userName: string | undefined;
  /** The name shown in `UserName` (the root's: its account id). */
  readonly displayName: string;
  readonly id: string;
}

async function owner(
  deps: QueryServiceDeps,
  call: Call,
  action: string,
  userName: string | undefined,
): Promise<KeyOwner> {
  if (userName === undefined && call.caller.kind === "root") {
    await authorizeCall(deps, call, action, call.caller.arn);
    return { userName: undefined, displayName: call.caller.accountId, id: "root" };
  }
  const user = await authorizedUser(deps, call, action, userName ?? ownUserName(call, action.slice(4)));
  return { userName: user.name, displayName: user.name, id: user.id };
}

async function ownedKey(
  deps: QueryServiceDeps,
  who: KeyOwner,
  accessKeyId: string,
): Promise<AccessKeyRecord> {
  const key = await deps.context.store.accessKeys.get(accessKeyId);
  if (key === undefined || key.userName?.toLowerCase() !== who.userName?.toLowerCase()) {
    throw new AnchorageError("NotFound", IAM_MESSAGES.noSuchAccessKey(accessKeyId));
  }
  return key;
}

export function accessKeyHandlers(deps: QueryServiceDeps): OperationHandlers<IamOperations> {
  const { store, random } = deps.context;
  return {
    async CreateAccessKey(input, call) {
      const who = await owner(deps, call, "iam:CreateAccessKey", input.UserName);
      const secret = secretAccessKey(random);
      try {
        const key = await store.accessKeys.create(
          {
            id: awsId("AKIA", random),
            ...(who.userName === undefined ? {} : { userName: who.userName }),
            secretAccessKey: secret,
            status: "Active",
          },
          { maxPerUser: MAX_ACCESS_KEYS },
        );
        return {
          AccessKey: {
            UserName: who.displayName,
            AccessKeyId: key.id,
            Status: key.status,
            SecretAccessKey: secret,
            CreateDate: toDate(key.createdAt),
          },
        };
      } catch (error) {
        if (error instanceof StoreLimitError) {
          throw new AnchorageError(
            "LimitExceeded",
            IAM_MESSAGES.quota("AccessKeysPerUser", MAX_ACCESS_KEYS),
            {
              cause: error,
            },
          );
        }
        throw error;
      }
    },

    async ListAccessKeys(input, call) {
      const who = await owner(deps, call, "iam:ListAccessKeys", input.UserName);
      const keys = (await store.accessKeys.listByUser(who.userName)).map((k) =>
        accessKeyToWire(k, who.displayName),
      );
      const { page, ...more } = pageOf(`access-keys ${who.id}`, keys, input.Marker, input.MaxItems);
      return { AccessKeyMetadata: page, ...more };
    },

    async UpdateAccessKey(input, call) {
      const who = await owner(deps, call, "iam:UpdateAccessKey", input.UserName);
      await ownedKey(deps, who, input.AccessKeyId);
      if (input.Status === "Expired") {
        throw new AnchorageError(
          "InvalidInput",
          "An access key's status can be set to Active or Inactive, not Expired.",
        );
      }
      await store.accessKeys.setStatus(input.AccessKeyId, input.Status);
      await changed(deps);
      return {};
    },

    async DeleteAccessKey(input, call) {
      const who = await owner(deps, call, "iam:DeleteAccessKey", input.UserName);
      await ownedKey(deps, who, input.AccessKeyId);
      await store.accessKeys.delete(input.AccessKeyId);
      await changed(deps);
      return {};
    },
  };
}
