// Step `profile`: the profile named by profileArn must be this server's, exist and be enabled
// (DisableProfile: requests with it fail), and list roleArn exactly as sent (no normalisation:
// spec §5.1 item 7). Refused with AccessDeniedException whatever failed; the log says which.
import { formatArn, isLocal, parseArn, type ArnScope } from "../rolesanywhere/arns.js";
import type { ProfileRecord } from "../../store/store.js";
import type { ProfileState } from "./profile-state.js";
import { CreateSessionRefusal } from "./refusal.js";
import type { SessionCaches } from "./session-caches.js";

/** A usable profile (found, enabled, listing the role). */
export type UsableProfile = Extract<ProfileState, { found: true }>;

/** Resolves profileArn and checks that roleArn is one of its roles. */
export async function resolveProfile(
  profileArn: string,
  roleArn: string,
  scope: ArnScope,
  caches: SessionCaches,
): Promise<UsableProfile> {
  const detail = { profileArn, roleArn };
  const arn = parseArn(profileArn);
  if (arn === undefined || arn.resourceType !== "profile") {
    throw new CreateSessionRefusal(
      "ProfileNotFound",
      `profileArn ${profileArn} is not a profile ARN (${formatArn(scope, "profile", "<id>")})`,
      { detail },
    );
  }
  if (!isLocal(arn, scope)) {
    throw new CreateSessionRefusal(
      "ProfileNotInThisAccount",
      `the profile ${profileArn} is not in this server's account and region (${scope.accountId}, ${scope.region})`,
      { detail },
    );
  }
  const state = await caches.profile(arn.resourceId);
  if (!state.found) {
    throw new CreateSessionRefusal(
      "ProfileNotFound",
      `there is no profile ${arn.resourceId} in account ${scope.accountId}, region ${scope.region}; check profileArn (aws rolesanywhere list-profiles)`,
      { detail },
    );
  }
  const profile: ProfileRecord = state.record;
  if (!profile.enabled) {
    throw new CreateSessionRefusal(
      "ProfileDisabled",
      `the profile ${profile.name} (${profileArn}) is disabled; enable it (aws rolesanywhere enable-profile --profile-id ${profile.id})`,
      { detail },
    );
  }
  if (!state.roleArns.has(roleArn)) {
    throw new CreateSessionRefusal(
      "RoleNotInProfile",
      `the profile ${profile.name} does not list the role ${roleArn} (its roles: ${profile.roleArns.join(", ") || "none"}); add it (aws rolesanywhere update-profile --role-arns …) or ask for one of its roles`,
      { detail },
    );
  }
  return state;
}
