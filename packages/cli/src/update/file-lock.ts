import { hostname } from "node:os";
import { open, readFile, rm, stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

/** The lock beside a file: `<file>.lock`, holding `<host> <pid>` of its owner. */
export const lockPath = (file: string): string => `${file}.lock`;

export interface FileLockOptions {
  /** The clock (ms), for the timeout and staleness. */
  readonly now: () => number;
  /** Give up after this long (default 30 s). */
  readonly timeoutMs?: number;
  /** A lock older than this is abandoned whoever holds it (default 2 minutes). */
  readonly staleMs?: number;
  readonly retryMs?: number;
  /** Whether a process of this host is alive (default: `process.kill(pid, 0)`). */
  readonly isAlive?: (pid: number) => boolean;
}

/** The lock could not be taken in time. */
export class FileLockTimeout extends Error {
  override readonly name = "FileLockTimeout";
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/**
 * Runs `fn` holding an exclusive lock on `file` against other Anchorage processes (`update` writers
 * of the same credentials file). The lock is a file created with O_EXCL beside it. A lock whose owner
 * (on this host) is gone, or that is older than `staleMs`, is taken over: a crashed writer never
 * blocks the next one. Readers take no lock: writers replace the file atomically.
 *
 * @throws FileLockTimeout after `timeoutMs`.
 */
export async function withFileLock<T>(
  file: string,
  fn: () => Promise<T>,
  options: FileLockOptions,
): Promise<T> {
  const path = lockPath(file);
  const host = hostname();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const staleMs = options.staleMs ?? 120_000;
  const isAlive = options.isAlive ?? processAlive;
  const start = options.now();
  for (;;) {
    try {
      const handle = await open(path, "wx", 0o600);
      try {
        await handle.writeFile(`${host} ${process.pid}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = await lockOwner(path);
    if (owner !== undefined) {
      const sameHostDead = owner.host === host && owner.pid !== undefined && !isAlive(owner.pid);
      if (sameHostDead || options.now() - owner.mtimeMs > staleMs) {
        // Only remove the lock judged stale: a new owner's lock has another inode.
        const again = await stat(path).catch(() => undefined);
        if (again?.ino === owner.ino) await rm(path, { force: true });
        continue;
      }
    }
    if (options.now() - start >= timeoutMs)
      throw new FileLockTimeout(
        `${file} is locked by another process (${path}); if none is running, delete that file`,
      );
    await sleep(options.retryMs ?? 25);
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}

async function lockOwner(
  path: string,
): Promise<{ host: string; pid: number | undefined; mtimeMs: number; ino: number } | undefined> {
  try {
    const [info, text] = await Promise.all([stat(path), readFile(path, "utf8")]);
    const [host = "", pid = ""] = text.trim().split(" ");
    return { host, pid: /^\d+$/.test(pid) ? Number(pid) : undefined, mtimeMs: info.mtimeMs, ino: info.ino };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined; // released meanwhile
    throw error;
  }
}
