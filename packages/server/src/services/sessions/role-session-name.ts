// The role session name (spec §5.7): by default the leaf certificate's serial number in upper-case
// hex, even length (pki's defaultRoleSessionName; the case is our choice where AWS's is
// UNCONFIRMED). A `roleSessionName` in the request is honoured only when the profile has
// acceptRoleSessionName; otherwise AccessDeniedException, as AWS ("Not authorized to set
// roleSessionName."). Its syntax (2..64 of [\w+=,.@-]) was checked with the parameters.
import { defaultRoleSessionName, type ParsedCertificate } from "@anchorage/pki";
import type { ProfileRecord } from "../../store/store.js";
import { CreateSessionRefusal } from "./refusal.js";

/** The session name for this request. */
export function roleSessionName(
  requested: string | undefined,
  profile: ProfileRecord,
  leaf: ParsedCertificate,
): string {
  if (requested === undefined) return defaultRoleSessionName(leaf);
  if (!profile.acceptRoleSessionName) {
    throw new CreateSessionRefusal(
      "RoleSessionNameNotAccepted",
      `the request sets roleSessionName ${JSON.stringify(requested)} but the profile ${profile.name} does not accept role session names (acceptRoleSessionName is false); omit roleSessionName, or set it on the profile (aws rolesanywhere update-profile --profile-id ${profile.id} --accept-role-session-name)`,
      { detail: { profileArn: profile.arn } },
    );
  }
  return requested;
}
