// The Roles Anywhere session of the credential flags (`credential-process`, `serve`, `update`):
// the ARNs, region, endpoint, duration and session name, checked and with their defaults, worded
// with the CLI's option names. Imports nothing heavy: credential-process runs before every AWS call.
import {
  CLI_OPTION_NAMES,
  CreateSessionError,
  HELPER_DEFAULT_DURATION_SECONDS,
  resolveSessionConfig,
  type SessionConfig,
} from "@anchorage/credential-provider";
import type { CredentialProcessFlags } from "./credential-process.js";

/**
 * The session configuration the flags ask for; `--session-duration` defaults to 3600 as AWS's
 * helper's does, so the request bytes are the helper's.
 *
 * @throws CreateSessionError (step `configure`) for a bad flag, before any I/O.
 */
export function sessionConfigFromFlags(flags: CredentialProcessFlags): SessionConfig {
  return resolveSessionConfig(
    {
      trustAnchorArn: flags.trustAnchorArn ?? "",
      profileArn: flags.profileArn ?? "",
      roleArn: flags.roleArn ?? "",
      region: flags.region,
      endpoint: flags.endpoint,
      durationSeconds: parseDuration(flags.sessionDuration),
      roleSessionName: flags.roleSessionName,
    },
    CLI_OPTION_NAMES,
  );
}

function parseDuration(value: string | undefined): number {
  if (value === undefined) return HELPER_DEFAULT_DURATION_SECONDS;
  if (!/^\d{1,9}$/.test(value.trim())) {
    throw new CreateSessionError(
      "configure",
      `${CLI_OPTION_NAMES.durationSeconds} ${JSON.stringify(value.slice(0, 40))} is not a whole number of seconds`,
    );
  }
  return Number(value.trim());
}
