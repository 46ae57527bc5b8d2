// The quickstart's profile: found by name and reused (its role and session policy put back, enabled
// when someone disabled it), or created enabled. Never a second one.
import type { ProfileDetail, RolesAnywhereApi } from "../doctor/api/roles-anywhere-api.js";
import { QUICKSTART_TAG, SESSION_POLICY_ARN } from "./documents.js";
import type { EnsuredResource } from "./ensure-trust-anchor.js";

type ProfileApi = Pick<
  RolesAnywhereApi,
  "listProfiles" | "createProfile" | "updateProfile" | "enableProfile"
>;

const sameList = (a: readonly string[] | undefined, b: readonly string[]): boolean =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...b].sort());

export async function ensureProfile(
  api: ProfileApi,
  name: string,
  roleArn: string,
): Promise<EnsuredResource<ProfileDetail>> {
  const managedPolicyArns = [SESSION_POLICY_ARN];
  let profile = (await api.listProfiles()).find((p) => p.name === name);
  if (profile === undefined)
    return {
      value: await api.createProfile({
        name,
        roleArns: [roleArn],
        managedPolicyArns,
        enabled: true,
        durationSeconds: 3600,
        tags: [QUICKSTART_TAG],
      }),
      action: "created",
      changes: [],
    };
  const changes: string[] = [];
  if (!sameList(profile.roleArns, [roleArn]) || !sameList(profile.managedPolicyArns, managedPolicyArns)) {
    profile = await api.updateProfile(profile.profileId, { roleArns: [roleArn], managedPolicyArns });
    changes.push("role and session policy put back");
  }
  if (!profile.enabled) {
    profile = await api.enableProfile(profile.profileId);
    changes.push("enabled");
  }
  return { value: profile, action: changes.length === 0 ? "reused" : "updated", changes };
}
