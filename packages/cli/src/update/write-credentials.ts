import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { SessionCredentials } from "@anchorage/credential-provider";
import { SECRET_FILE_MODE, writeFileAtomic } from "@anchorage/server/atomic-file";
import { mergeCredentials } from "./credentials-file.js";
import { withFileLock } from "./file-lock.js";

/** Mode of a directory `update` creates for the credentials file (`~/.aws`). */
export const CREDENTIALS_DIR_MODE = 0o700;
/** Largest credentials file `update` rewrites. */
export const MAX_CREDENTIALS_FILE_BYTES = 1024 * 1024;

/**
 * The shared credentials file: `AWS_SHARED_CREDENTIALS_FILE` when set (a leading `~/` is the home
 * directory, as the AWS CLI expands it), else `<home>/.aws/credentials`.
 */
export function credentialsFilePath(env: NodeJS.ProcessEnv, home: string): string {
  const fromEnv = env.AWS_SHARED_CREDENTIALS_FILE;
  if (fromEnv !== undefined && fromEnv !== "")
    return fromEnv.startsWith("~/") ? join(home, fromEnv.slice(2)) : fromEnv;
  return join(home, ".aws", "credentials");
}

/**
 * Writes the credentials into `profile` of the credentials file: under the file's lock (concurrent
 * `update`s never lose each other's profiles), read, merged (see `mergeCredentials`), and replaced
 * atomically with mode 0600 (a reader sees the old file or the new one, never a part; a failure
 * leaves the old file as it was). A missing directory is created with mode 0700.
 */
export async function writeCredentials(
  file: string,
  profile: string,
  credentials: SessionCredentials,
  now: () => number,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: CREDENTIALS_DIR_MODE });
  await withFileLock(
    file,
    async () => {
      let current: string | undefined;
      try {
        const bytes = await readFile(file);
        if (bytes.length > MAX_CREDENTIALS_FILE_BYTES)
          throw new Error(`${file} is larger than ${MAX_CREDENTIALS_FILE_BYTES} bytes; not rewriting it`);
        current = bytes.toString("utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      await writeFileAtomic(file, mergeCredentials(current, profile, credentials), SECRET_FILE_MODE);
    },
    { now },
  );
}
