import { REFRESH_EARLY_MS } from "../constants.js";
import type { SessionCredentials } from "../session-response.js";
import { formatCacheEntry, parseCacheEntry } from "./cache-entry.js";
import type { CacheEntry } from "./cache-entry.js";

/** Mode of the cache directory: only its owner may list or enter it. */
export const CACHE_DIR_MODE = 0o700;
/** Mode of each cache file: it holds a secret access key and a session token. */
export const CACHE_FILE_MODE = 0o600;
/** Largest cache file read (a real entry is about 2 KB). */
export const MAX_CACHE_FILE_BYTES = 64 * 1024;

/** What the cache did, for `--debug` and loggers. Never holds the entry's content. */
export type CacheEvent =
  | { readonly type: "hit"; readonly file: string; readonly expiration: string }
  | { readonly type: "miss"; readonly file: string; readonly reason: string }
  | { readonly type: "stored"; readonly file: string }
  | { readonly type: "not-stored"; readonly file: string; readonly reason: string }
  | { readonly type: "lock-wait"; readonly file: string }
  | { readonly type: "lock-timeout"; readonly file: string };

export interface CredentialCacheOptions {
  /** The cache directory (see `defaultCacheDir`); created with mode 0700 on the first write. */
  readonly dir: string;
  /** The clock, in ms: freshness and lock staleness. */
  readonly now: () => number;
  /** An entry is used only while more than this many ms remain before it expires (default 5 min). */
  readonly refreshEarlyMs?: number;
  readonly onEvent?: (event: CacheEvent) => void;
  /** How long a process waits for another one fetching the same key (default 20 s; then it fetches itself). */
  readonly lockTimeoutMs?: number;
  /** A lock file older than this is left over from a crashed process and taken over (default 60 s). */
  readonly staleLockMs?: number;
  /** Pause between looks while another process holds the lock (default 25 ms). */
  readonly lockPollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What a cached fetch returns. */
export interface CachedResult {
  readonly entry: CacheEntry;
  /** True when the credentials came from the cache (no CreateSession call was made). */
  readonly fromCache: boolean;
}

// node:fs through process.getBuiltinModule: no ES module facade on the credential-process hot path.
const fs = () => process.getBuiltinModule("node:fs");
const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const ownUid = (): number | undefined =>
  typeof process.getuid === "function" ? process.getuid() : undefined;
let temporaryCounter = 0;

/**
 * A per-user, on-disk cache of CreateSession answers, keyed by `credentialCacheKey` (a SHA-256 of
 * every input). Entries are used until `refreshEarlyMs` before they expire. Files are written
 * atomically (a temporary file renamed over the entry), so concurrent processes never see a partial
 * entry; a corrupt, foreign or unreadable entry is ignored and replaced. The directory must be owned
 * by the current user and not writable by others, files are opened without following symlinks, and
 * their content is never logged. Synchronous file calls: the read is one small file on the
 * `credential-process` hot path.
 */
export class CredentialCache {
  readonly dir: string;
  readonly #options: CredentialCacheOptions;

  constructor(options: CredentialCacheOptions) {
    this.dir = options.dir;
    this.#options = options;
  }

  /** The file an entry is stored in. */
  file(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new TypeError("a cache key is 64 lower-case hex digits");
    return `${this.dir}/${key}.json`;
  }

  #emit(event: CacheEvent): void {
    this.#options.onEvent?.(event);
  }

  /** Undefined when the directory may be trusted, else why not. */
  #dirProblem(forWriting: boolean): string | undefined {
    const f = fs();
    let stat;
    try {
      if (forWriting) f.mkdirSync(this.dir, { recursive: true, mode: CACHE_DIR_MODE });
      stat = f.lstatSync(this.dir);
    } catch (error) {
      return codeOf(error) === "ENOENT"
        ? "no cache directory yet"
        : `cache directory unusable (${codeOf(error) ?? "error"})`;
    }
    if (!stat.isDirectory()) return "the cache directory is not a directory (or is a symbolic link)";
    const uid = ownUid();
    if (uid !== undefined && stat.uid !== uid) return "the cache directory belongs to another user";
    if ((stat.mode & 0o077) !== 0) {
      if (!forWriting && (stat.mode & 0o022) !== 0) return "the cache directory is writable by others";
      if (forWriting) {
        try {
          f.chmodSync(this.dir, CACHE_DIR_MODE);
        } catch (error) {
          return `cannot restrict the cache directory to mode 0700 (${codeOf(error) ?? "error"})`;
        }
      }
    }
    return undefined;
  }

  /** A fresh entry for `key`, or undefined (a miss: absent, stale, corrupt or untrusted). */
  read(key: string): CacheEntry | undefined {
    const file = this.file(key);
    const miss = (reason: string): undefined => {
      this.#emit({ type: "miss", file, reason });
      return undefined;
    };
    const problem = this.#dirProblem(false);
    if (problem !== undefined) return miss(problem);
    const f = fs();
    let text: string;
    try {
      const fd = f.openSync(file, f.constants.O_RDONLY | f.constants.O_NOFOLLOW);
      try {
        const stat = f.fstatSync(fd);
        const uid = ownUid();
        if (!stat.isFile()) return miss("the entry is not a regular file");
        if (uid !== undefined && stat.uid !== uid) return miss("the entry belongs to another user");
        if (stat.size > MAX_CACHE_FILE_BYTES) return miss("the entry is too large");
        const buffer = Buffer.alloc(stat.size);
        let offset = 0;
        while (offset < buffer.length) {
          const n = f.readSync(fd, buffer, offset, buffer.length - offset, offset);
          if (n === 0) break;
          offset += n;
        }
        text = buffer.subarray(0, offset).toString("utf8");
      } finally {
        f.closeSync(fd);
      }
    } catch (error) {
      const code = codeOf(error);
      return miss(code === "ENOENT" ? "no entry" : `the entry is unreadable (${code ?? "error"})`);
    }
    const parsed = parseCacheEntry(text, key);
    if (!parsed.ok) return miss(`the entry is corrupt (${parsed.problem})`);
    const { expiration } = parsed.entry.credentials;
    const left = Date.parse(expiration) - this.#options.now();
    if (left <= (this.#options.refreshEarlyMs ?? REFRESH_EARLY_MS))
      return miss(`the entry expires at ${expiration}`);
    this.#emit({ type: "hit", file, expiration });
    return parsed.entry;
  }

  /** Stores an entry atomically (mode 0600). Never throws: a cache that cannot be written is skipped. */
  write(entry: CacheEntry): boolean {
    const file = this.file(entry.key);
    const problem = this.#dirProblem(true);
    if (problem !== undefined) {
      this.#emit({ type: "not-stored", file, reason: problem });
      return false;
    }
    const f = fs();
    const temporary = `${file}.${process.pid}.${++temporaryCounter}.tmp`;
    try {
      const fd = f.openSync(temporary, "wx", CACHE_FILE_MODE);
      try {
        f.writeSync(fd, formatCacheEntry(entry));
        f.fchmodSync(fd, CACHE_FILE_MODE); // the umask may have narrowed the mode given to open
      } finally {
        f.closeSync(fd);
      }
      f.renameSync(temporary, file);
    } catch (error) {
      f.rmSync(temporary, { force: true });
      this.#emit({
        type: "not-stored",
        file,
        reason: `cannot write the entry (${codeOf(error) ?? "error"})`,
      });
      return false;
    }
    this.#emit({ type: "stored", file });
    return true;
  }

  /**
   * Returns the cached entry for `key` when it is fresh; otherwise runs `fetch` and stores its answer.
   * Processes missing the same key at once take turns through a lock file beside the entry: the
   * first fetches, the others find its entry, so a burst of processes makes one CreateSession call.
   * A lock older than `staleLockMs` (a crashed process) is taken over; after `lockTimeoutMs` a
   * waiting process fetches on its own.
   */
  async getOrFetch(
    key: string,
    fetch: () => Promise<{ credentials: SessionCredentials; assumedRoleArn?: string | undefined }>,
  ): Promise<CachedResult> {
    const cached = this.read(key);
    if (cached !== undefined) return { entry: cached, fromCache: true };
    const lock = await this.#lock(key);
    if (lock.hit !== undefined) return { entry: lock.hit, fromCache: true };
    try {
      if (lock.held) {
        const again = this.read(key); // filled while we waited for the lock
        if (again !== undefined) return { entry: again, fromCache: true };
      }
      const fetched = await fetch();
      const entry: CacheEntry = {
        key,
        credentials: fetched.credentials,
        ...(fetched.assumedRoleArn === undefined ? {} : { assumedRoleArn: fetched.assumedRoleArn }),
      };
      this.write(entry);
      return { entry, fromCache: false };
    } finally {
      if (lock.held) fs().rmSync(`${this.dir}/${key}.lock`, { force: true });
    }
  }

  async #lock(key: string): Promise<{ held: boolean; hit?: CacheEntry }> {
    const path = `${this.dir}/${key}.lock`;
    if (this.#dirProblem(true) !== undefined) return { held: false };
    const f = fs();
    const { now } = this.#options;
    const start = now();
    const timeout = this.#options.lockTimeoutMs ?? 20_000;
    const stale = this.#options.staleLockMs ?? 60_000;
    const sleep = this.#options.sleep ?? defaultSleep;
    let waited = false;
    for (;;) {
      try {
        const fd = f.openSync(path, "wx", CACHE_FILE_MODE);
        f.closeSync(fd);
        return { held: true };
      } catch (error) {
        if (codeOf(error) !== "EEXIST") return { held: false }; // cannot lock: fetch without it
      }
      try {
        if (now() - f.statSync(path).mtimeMs > stale) {
          f.rmSync(path, { force: true });
          continue;
        }
      } catch (error) {
        if (codeOf(error) === "ENOENT") continue; // released meanwhile
        return { held: false };
      }
      if (!waited) this.#emit({ type: "lock-wait", file: this.file(key) });
      waited = true;
      if (now() - start >= timeout) {
        this.#emit({ type: "lock-timeout", file: this.file(key) });
        return { held: false };
      }
      await sleep(this.#options.lockPollMs ?? 25);
      const hit = this.read(key);
      if (hit !== undefined) return { held: false, hit };
    }
  }
}
