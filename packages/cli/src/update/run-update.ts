import { debugEvent } from "../client/credential-process.js";
import type { CredentialProcessFlags } from "../client/credential-process.js";
import { cliClock } from "../client/fake-now.js";
import { CliInputError } from "../client/cli-input-error.js";
import { failureLine } from "../client/failure.js";
import type { CliIo } from "../client/io.js";
import { clientSession } from "../serve/client-session.js";
import { nodeTimer } from "../serve/node-timer.js";
import { RefreshingCredentials } from "../serve/refreshing-credentials.js";
import { checkProfileName, goTimeString } from "./update-options.js";
import type { UpdateOwnFlags } from "./update-options.js";
import { credentialsFilePath, writeCredentials } from "./write-credentials.js";

export type UpdateFlags = CredentialProcessFlags & UpdateOwnFlags;

/**
 * `anchorage update`: the composition root. Writes temporary credentials into a profile of the
 * shared credentials file (see `writeCredentials`); with `--once` it exits after the first write.
 * Otherwise it keeps running: it refreshes 5 minutes before expiry (logging "Credentials will be
 * refreshed at …" as the helper does), retries failures with backoff while the file keeps the
 * still-valid credentials, re-reads the certificate and key on each refresh, and exits 0 on SIGTERM
 * or SIGINT. A failure before the first write is one stderr line and exit 1; the file is untouched.
 */
export async function runUpdate(flags: UpdateFlags, io: CliIo, home: string): Promise<number> {
  let now: () => number;
  let source: RefreshingCredentials;
  const profile = flags.profile ?? "default";
  const file = credentialsFilePath(io.env, home);
  const log = (line: string): void => {
    io.stderr.write(`${new Date(now()).toISOString().replace(/\.\d{3}Z$/, "Z")} anchorage update: ${line}\n`);
  };
  try {
    const clock = cliClock(io.env);
    now = () => clock().getTime();
    const problem = checkProfileName(profile);
    if (problem !== undefined) throw new CliInputError(problem);
    const session = clientSession(
      flags,
      io.env,
      now,
      flags.debug === true ? (e) => debugEvent(e).forEach((l) => log(`debug: ${l}`)) : undefined,
    );
    source = new RefreshingCredentials({
      fetch: session.fetch,
      now,
      setTimer: nodeTimer(true),
      log,
    });
    source.onRefresh = async (credentials) => {
      await writeCredentials(file, profile, credentials, now);
      if (flags.once !== true)
        log(
          `Credentials will be refreshed at ${goTimeString(Date.parse(credentials.expiration) - 5 * 60_000)}`,
        );
    };
    await source.start();
  } catch (error) {
    io.stderr.write(failureLine("update", error));
    return 1;
  }
  if (flags.once === true) {
    source.stop();
    return 0;
  }
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      log(`${signal}: stopping`);
      source.stop();
      resolve(0);
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}
