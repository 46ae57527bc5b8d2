// Step `profile`: through the API (GetProfile), the profile exists, is enabled, lists --role-arn
// exactly, accepts --role-session-name when one is given, and the session's duration — min(what
// credential-process sends, the profile's) — is within the role's MaxSessionDuration. Warns when
// the helper's 3600 s default cuts a longer profile duration short (pitfall P5).
import type { DoctorContext } from "../context.js";
import { resourceId, roleName } from "../doctor-config.js";
import { fail, pass, warn, type DoctorStep, type StepOutcome } from "../step.js";
import { lookupProblem } from "./api-outcome.js";

export const profileStep: DoctorStep<DoctorContext> = {
  id: "profile",
  title: "profile",
  async run(context): Promise<StepOutcome> {
    const { session, durationFromFlag } = context.config;
    const id = resourceId(session.profileArn);
    const found = await context.lookups.profile(id);
    if (!found.ok)
      return (
        lookupProblem(found, "the profile", "rolesanywhere:GetProfile") ??
        fail(
          `there is no profile ${id} in account ${context.config.accountId} (${session.region})`,
          `check --profile-arn (${context.aws("rolesanywhere", "list-profiles")})`,
        )
      );
    const profile = found.value;
    if (profile.profileArn !== session.profileArn)
      return fail(
        `the profile with id ${id} is ${profile.profileArn}, not ${session.profileArn}`,
        "use the ARN the API shows, or admin credentials of the ARN's account",
      );
    if (!profile.enabled)
      return fail(
        `profile "${profile.name}" is disabled: CreateSession refuses every request naming it`,
        `enable it: ${context.aws("rolesanywhere", `enable-profile --profile-id ${id}`)}`,
      );
    if (!profile.roleArns.includes(session.roleArn))
      return fail(
        `profile "${profile.name}" does not list --role-arn ${session.roleArn} (it lists ${profile.roleArns.length === 0 ? "no role" : profile.roleArns.join(", ")}; the match is exact)`,
        `pass one of its roles to --role-arn, or add the role: ${context.aws("rolesanywhere", `update-profile --profile-id ${id} --role-arns ${[...profile.roleArns, session.roleArn].join(" ")}`)}`,
      );
    if (session.roleSessionName !== undefined && profile.acceptRoleSessionName !== true)
      return fail(
        `--role-session-name ${session.roleSessionName} is given, but profile "${profile.name}" does not accept role session names`,
        `drop --role-session-name, or: ${context.aws("rolesanywhere", `update-profile --profile-id ${id} --accept-role-session-name`)}`,
      );
    const profileSeconds = profile.durationSeconds ?? 3600;
    const seconds = Math.min(session.durationSeconds, profileSeconds);
    const role = await context.lookups.role(roleName(session.roleArn));
    const max = role.ok ? role.value.maxSessionDuration : undefined;
    if (max !== undefined && seconds > max)
      return fail(
        `the session would last ${seconds} s (min(--session-duration ${session.durationSeconds}, the profile's ${profileSeconds})) but the role's MaxSessionDuration is ${max} s`,
        `pass --session-duration ${max} or less, lower the profile's duration, or raise the role's: ${context.aws("iam", `update-role --role-name ${roleName(session.roleArn)} --max-session-duration ${seconds}`)}`,
      );
    const policies = [
      ...(profile.managedPolicyArns ?? []),
      ...(profile.sessionPolicy === undefined || profile.sessionPolicy === ""
        ? []
        : ["an inline session policy"]),
    ];
    const text = `profile "${profile.name}" is enabled and lists the role; sessions last ${seconds} s (profile ${profileSeconds} s${max === undefined ? "" : `, role maximum ${max} s`}); session policies: ${policies.length === 0 ? "none (the role's permissions apply in full)" : policies.join(", ")}`;
    if (!durationFromFlag && profileSeconds > session.durationSeconds)
      return warn(
        `${text}; the profile allows ${profileSeconds} s but credential-process asks for ${session.durationSeconds} s unless given --session-duration`,
        `add --session-duration ${Math.min(profileSeconds, max ?? profileSeconds)} to the credential_process line for longer sessions`,
      );
    return pass(text);
  },
};
