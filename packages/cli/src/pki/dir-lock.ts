// One command at a time per CA directory: `cert issue`, `crl revoke` and `crl create` read, change
// and rewrite index.json, so two running at once would lose an update. The lock is a file created
// exclusively (O_EXCL); a lock older than `staleMs` (a crashed command) is taken over.
import { open, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { CliError } from "./cli-error.js";

export const LOCK_FILE = ".anchorage.lock";

export interface DirLockOptions {
  /** The clock (milliseconds), for staleness. */
  readonly now: () => number;
  /** Give up after this long. Default 10 s. */
  readonly timeoutMs?: number;
  /** A lock file older than this is abandoned. Default 2 minutes. */
  readonly staleMs?: number;
  readonly retryMs?: number;
}

/** Runs `fn` holding `dir`'s lock. */
export async function withDirLock<T>(dir: string, fn: () => Promise<T>, options: DirLockOptions): Promise<T> {
  const path = join(dir, LOCK_FILE);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 120_000;
  const start = options.now();
  for (;;) {
    try {
      const handle = await open(path, "wx", 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = await ageOf(path, options.now());
      if (age !== undefined && age > staleMs) {
        await rm(path, { force: true });
        continue;
      }
      if (options.now() - start >= timeoutMs)
        throw new CliError(
          `${dir} is locked by another anchorage command (${path}); if none is running, delete that file`,
          1,
          { cause: error },
        );
      await sleep(options.retryMs ?? 50);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}

async function ageOf(path: string, now: number): Promise<number | undefined> {
  try {
    return now - (await stat(path)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined; // released meanwhile
    throw error;
  }
}
