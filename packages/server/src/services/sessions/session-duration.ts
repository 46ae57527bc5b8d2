// The session's duration (spec §5.5): min(profile, request) when the request gives one, else the
// profile's (3600 by default); above the role's MaxSessionDuration it is refused with STS's own
// words. Not capped by the certificate's notAfter (no such rule in AWS's documentation).

import { CreateSessionRefusal } from "./refusal.js";

/**
 * The duration to mint, in seconds.
 *
 * @example
 * sessionDuration(undefined, 3600, 3600) // 3600
 * sessionDuration(900, 3600, 3600) // 900
 * sessionDuration(43200, 7200, 3600) // refused: 7200 > the role's 3600
 */
export function sessionDuration(
  requested: number | undefined,
  profileSeconds: number,
  roleMaxSeconds: number,
): number {
  const seconds = requested === undefined ? profileSeconds : Math.min(requested, profileSeconds);
  if (seconds > roleMaxSeconds) {
    throw new CreateSessionRefusal(
      "DurationExceedsRoleMaximum",
      `the session would last ${seconds} s (${requested === undefined ? "the profile's durationSeconds" : `min(durationSeconds ${requested}, the profile's ${profileSeconds})`}) but the role's MaxSessionDuration is ${roleMaxSeconds} s; ask for at most ${roleMaxSeconds} (durationSeconds), lower the profile's durationSeconds, or raise the role's (aws iam update-role --max-session-duration)`,
      {
        detail: {
          durationSeconds: seconds,
          profileDurationSeconds: profileSeconds,
          roleMaxSessionDuration: roleMaxSeconds,
        },
      },
    );
  }
  return seconds;
}
