import { CliInputError } from "./cli-input-error.js";

/**
 * TEST-ONLY: the environment variable that pins the CLI's signing clock, e.g.
 * `ANCHORAGE_FAKE_NOW=2026-01-15T12:00:00Z` (the instant AWS's helper vectors were recorded at). It is
 * read only at the CLI's composition root (the `credential-process` command), never by the library.
 * Do not set it outside tests: requests signed with a wrong clock are rejected by the server.
 */
export const FAKE_NOW_ENV = "ANCHORAGE_FAKE_NOW";

/**
 * The clock of a CLI run: the real one, or the instant in {@link FAKE_NOW_ENV} when set.
 *
 * @throws CliInputError when the variable is set but not an ISO 8601 instant.
 */
export function cliClock(env: NodeJS.ProcessEnv): () => Date {
  const pinned = env[FAKE_NOW_ENV];
  if (pinned === undefined || pinned === "") return () => new Date();
  const at = Date.parse(pinned);
  if (Number.isNaN(at))
    throw new CliInputError(`${FAKE_NOW_ENV} ${JSON.stringify(pinned)} is not an ISO 8601 time`);
  return () => new Date(at);
}
