// The session policies of a profile (spec §5.6): its managed policies (`managedPolicyArns`) and its
// inline `sessionPolicy` go into the session, narrowing the role's permissions. A profile may hold
// more than STS accepts (50 ARNs, 100,000 characters); how AWS reconciles the two is UNCONFIRMED,
// so STS's limits are enforced here, per request, with a ValidationException naming the profile
// and the limit: at most 10 managed policies, at most 2,048 characters of plaintext (inline
// document without whitespace plus the ARNs). Every managed policy must exist (AWS-managed from
// the catalogue, customer-managed in this account).
import type { PolicyEngine } from "../../authorization/policy-engine.js";
import { CreateSessionRefusal } from "./refusal.js";
import type { UsableProfile } from "./resolve-profile.js";

/** STS's limits on session policies. */
export const SESSION_POLICY_LIMITS = { managedArns: 10, plaintext: 2048 } as const;

/** The session policies to mint with. */
export interface SessionPolicies {
  readonly inline?: string;
  readonly managedArns: readonly string[];
}

/** The profile's session policies, checked against STS's limits and for existence. */
export async function sessionPolicies(
  profile: UsableProfile,
  engine: PolicyEngine,
): Promise<SessionPolicies> {
  const { record } = profile;
  const detail = { profileArn: record.arn };
  if (record.managedPolicyArns.length > SESSION_POLICY_LIMITS.managedArns) {
    throw new CreateSessionRefusal(
      "SessionPoliciesTooLarge",
      `The profile ${record.name} has ${record.managedPolicyArns.length} managed policies; a session takes at most ${SESSION_POLICY_LIMITS.managedArns} (STS's PolicyArns limit). Remove some from the profile.`,
      { detail },
    );
  }
  if (profile.sessionPolicyPlaintext > SESSION_POLICY_LIMITS.plaintext) {
    throw new CreateSessionRefusal(
      "SessionPoliciesTooLarge",
      `The session policies of the profile ${record.name} have ${profile.sessionPolicyPlaintext} characters of plaintext (inline policy without whitespace plus managed policy ARNs); a session takes at most ${SESSION_POLICY_LIMITS.plaintext}. Shorten the profile's sessionPolicy or use fewer managed policies.`,
      { detail },
    );
  }
  for (const arn of record.managedPolicyArns) {
    if ((await engine.cache.managed(arn)) === undefined) {
      throw new CreateSessionRefusal(
        "SessionPolicyNotFound",
        `The profile ${record.name} names the managed policy ${arn}, which does not exist. Create it or remove it from the profile's managedPolicyArns.`,
        { detail: { ...detail, policyArn: arn } },
      );
    }
  }
  return {
    ...(record.sessionPolicy === undefined ? {} : { inline: record.sessionPolicy }),
    managedArns: record.managedPolicyArns,
  };
}
