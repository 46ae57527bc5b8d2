// How a step reports an API lookup that gave no value: not found is the step's own finding (the
// caller words it); no credentials, a refusal or an unreachable endpoint mean the check could not
// be made (skipped, with what would lift it); anything else fails with the service's words.
import type { Lookup } from "../context.js";
import { fail, skip, type StepOutcome } from "../step.js";

const NO_CREDENTIALS_FIX =
  "pass --admin-credentials FILE (an Anchorage server writes <data-dir>/admin-credentials) or --aws-profile NAME with keys that may read Roles Anywhere and IAM";

/**
 * The outcome for a failed lookup of `what` (e.g. `the trust anchor`), or `undefined` when it was
 * not found (the step reports that itself).
 */
export function lookupProblem<T>(
  lookup: Extract<Lookup<T>, { ok: false }>,
  what: string,
  permission: string,
): StepOutcome | undefined {
  const { problem } = lookup;
  switch (problem.kind) {
    case "not-found":
      return undefined;
    case "unavailable":
      return skip(`cannot read ${what}: ${problem.message}`, NO_CREDENTIALS_FIX);
    case "denied":
      return skip(
        `the API refused to show ${what}: ${problem.message}`,
        `use admin credentials allowed ${permission} (--admin-credentials or --aws-profile)`,
      );
    case "unreachable":
      return skip(`cannot reach the API to read ${what}: ${problem.message}`, "check --endpoint");
    case "other":
      return fail(`reading ${what} failed: ${problem.message}`, "check the ARN and the endpoint");
  }
}
