// Step `role`: through IAM (GetRole), the role named by --role-arn exists with exactly that ARN
// (its path included) and how long its sessions may last. Its trust policy: the next step.
import type { DoctorContext } from "../context.js";
import { roleName } from "../doctor-config.js";
import { fail, pass, type DoctorStep, type StepOutcome } from "../step.js";
import { lookupProblem } from "./api-outcome.js";

export const roleStep: DoctorStep<DoctorContext> = {
  id: "role",
  title: "role",
  async run(context): Promise<StepOutcome> {
    const arn = context.config.session.roleArn;
    const name = roleName(arn);
    const found = await context.lookups.role(name);
    if (!found.ok)
      return (
        lookupProblem(found, "the role", "iam:GetRole") ??
        fail(
          `there is no role named ${name} in account ${context.config.accountId}`,
          `check --role-arn (${context.aws("iam", `get-role --role-name ${name}`)})`,
        )
      );
    const role = found.value;
    if (role.arn !== arn)
      return fail(
        `the role named ${name} is ${role.arn}, not --role-arn ${arn} (the path must match too)`,
        `pass --role-arn ${role.arn} (and list that ARN in the profile)`,
      );
    return pass(`role ${name} exists (MaxSessionDuration ${role.maxSessionDuration} s)`);
  },
};
