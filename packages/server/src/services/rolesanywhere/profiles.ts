// Profiles: CreateProfile, GetProfile, UpdateProfile, DeleteProfile, EnableProfile, DisableProfile,
// ListProfiles (spec §1.2, §2). Defaults for omitted members are in defaults.ts and
// attribute-mappings.ts; `createdBy` is the caller's ARN (as AWS's CloudTrail example shows).
// UpdateProfile cannot change `enabled` nor `requireInstanceProperties` (the model has no such
// members). A session policy must be a valid IAM policy document (session-policy grammar); its size
// is bounded by UpdateProfile's model limit (100,000 characters) on both Create and Update, and the
// STS limits apply when CreateSession uses it (spec §5.6).
import { validatePolicy } from "@anchorage/policy";
import { AnchorageError } from "../../http/errors.js";
import { StoreLimitError } from "../../store/errors.js";
import { defaultAttributeMappings } from "./attribute-mappings.js";
import { formatArn } from "./arns.js";
import {
  DEFAULT_ACCEPT_ROLE_SESSION_NAME,
  DEFAULT_DURATION_SECONDS,
  DEFAULT_REQUIRE_INSTANCE_PROPERTIES,
  ENABLED_WHEN_OMITTED,
} from "./defaults.js";
import { toProfileDetail } from "./details.js";
import type { Handlers, RolesAnywhere } from "./handler.js";
import { MESSAGES } from "./messages.js";
import { readPage } from "./pagination.js";
import { QUOTAS } from "./quotas.js";
import { existing, present } from "./resources.js";
import { checkNewTags, requestTagContext, writeNewTags } from "./tags.js";

/** The largest session policy a profile keeps, in characters (UpdateProfileRequestSessionPolicyString). */
export const MAX_SESSION_POLICY_LENGTH = 100_000;

/** ValidationException unless `text` is a valid session policy document. */
export function checkSessionPolicy(text: string): void {
  const result = validatePolicy(text, "session", {
    name: "sessionPolicy",
    limits: { maxSize: MAX_SESSION_POLICY_LENGTH, maxDocumentLength: MAX_SESSION_POLICY_LENGTH },
  });
  if (!result.valid) {
    throw new AnchorageError(
      "Validation",
      MESSAGES.sessionPolicyInvalid(result.errors.map((e) => e.message).join("; ")),
    );
  }
}

type ProfileOperations =
  | "CreateProfile"
  | "GetProfile"
  | "UpdateProfile"
  | "DeleteProfile"
  | "EnableProfile"
  | "DisableProfile"
  | "ListProfiles";

export function profileHandlers(service: RolesAnywhere): Pick<Handlers, ProfileOperations> {
  const { store } = service.context;
  const arnOf = (id: string) => formatArn(service.scope, "profile", id);
  const setEnabled = async (id: string, enabled: boolean) => ({
    profile: toProfileDetail(await existing("profile", id, () => store.profiles.update(id, { enabled }))),
  });

  return {
    async CreateProfile(input, call) {
      await call.authorize("CreateProfile", "*", requestTagContext(input.tags));
      checkNewTags(input.tags);
      if (input.sessionPolicy !== undefined) checkSessionPolicy(input.sessionPolicy);
      const id = service.newId();
      const arn = arnOf(id);
      try {
        const profile = await store.transaction(async (tx) => {
          const created = await tx.profiles.create(
            {
              id,
              arn,
              name: input.name,
              enabled: input.enabled ?? ENABLED_WHEN_OMITTED,
              createdBy: call.caller.arn,
              roleArns: input.roleArns,
              managedPolicyArns: input.managedPolicyArns ?? [],
              ...(input.sessionPolicy === undefined ? {} : { sessionPolicy: input.sessionPolicy }),
              durationSeconds: input.durationSeconds ?? DEFAULT_DURATION_SECONDS,
              requireInstanceProperties:
                input.requireInstanceProperties ?? DEFAULT_REQUIRE_INSTANCE_PROPERTIES,
              acceptRoleSessionName: input.acceptRoleSessionName ?? DEFAULT_ACCEPT_ROLE_SESSION_NAME,
              attributeMappings: defaultAttributeMappings(),
            },
            { maxCount: QUOTAS.profiles },
          );
          await writeNewTags(tx, arn, input.tags);
          return created;
        });
        return { profile: toProfileDetail(profile) };
      } catch (error) {
        if (error instanceof StoreLimitError && error.entity === "profile") {
          throw new AnchorageError("Validation", MESSAGES.profileQuota(), { cause: error });
        }
        throw error;
      }
    },

    async GetProfile({ profileId }, call) {
      await call.authorize("GetProfile", arnOf(profileId));
      return { profile: toProfileDetail(present("profile", profileId, await store.profiles.get(profileId))) };
    },

    async UpdateProfile(input, call) {
      await call.authorize("UpdateProfile", arnOf(input.profileId));
      if (input.sessionPolicy !== undefined) checkSessionPolicy(input.sessionPolicy);
      const profile = await existing("profile", input.profileId, () =>
        store.profiles.update(input.profileId, {
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.sessionPolicy === undefined ? {} : { sessionPolicy: input.sessionPolicy }),
          ...(input.roleArns === undefined ? {} : { roleArns: input.roleArns }),
          ...(input.managedPolicyArns === undefined ? {} : { managedPolicyArns: input.managedPolicyArns }),
          ...(input.durationSeconds === undefined ? {} : { durationSeconds: input.durationSeconds }),
          ...(input.acceptRoleSessionName === undefined
            ? {}
            : { acceptRoleSessionName: input.acceptRoleSessionName }),
        }),
      );
      return { profile: toProfileDetail(profile) };
    },

    async DeleteProfile({ profileId }, call) {
      await call.authorize("DeleteProfile", arnOf(profileId));
      return {
        profile: toProfileDetail(
          await existing("profile", profileId, () => store.profiles.delete(profileId)),
        ),
      };
    },

    async EnableProfile({ profileId }, call) {
      await call.authorize("EnableProfile", arnOf(profileId));
      return setEnabled(profileId, true);
    },

    async DisableProfile({ profileId }, call) {
      await call.authorize("DisableProfile", arnOf(profileId));
      return setEnabled(profileId, false);
    },

    async ListProfiles(input, call) {
      await call.authorize("ListProfiles", "*");
      const page = await readPage(service.pageTokens, "ListProfiles", input, (options) =>
        store.profiles.list(options),
      );
      return { profiles: page.items.map(toProfileDetail), nextToken: page.nextToken };
    },
  };
}
