// Write-behind recording of what CreateSession saw: every authentication attempt updates its
// subject (`subjects.recordAuthentication`: the subject, the certificate's credential entry with
// `seenAt` / `failed`, the instance properties) and a success records the role's last use. One
// `recordAuthentication` costs 0.5–1.4 ms, so doing it inline would cap CreateSession's rate; the
// recorder queues the records instead and writes them in batches (one transaction per batch).
//
// - Coalescing: records of the same subject, certificate and instance properties replace each other
//   in the queue (the newest wins, as the store itself would decide), so a busy client costs one
//   write per flush, not one per request; role uses coalesce per role.
// - Bounded: at most `maxPending` distinct records wait; beyond that a request waits for the flush
//   in progress (back-pressure, never a lost record).
// - Flushed every `flushIntervalMs` (default 200 ms), as soon as `batchSize` records wait, on
//   `flush()` (the subject read APIs of this replica call it first, so they read their own writes)
//   and on `close()` (server shutdown).
// - A subject's ARN must be in CreateSession's answer: the first success of a subject on this
//   replica is written at once (`recordNow`) to learn it; later ones reuse the remembered ARN.
import { StoreNotFoundError } from "../../store/errors.js";
import type { WatcherTimers } from "../../store/generation-watcher.js";
import type { AuthenticationRecord, Store, StoreRepositories, SubjectRecord } from "../../store/store.js";

/** Where the recorder reports write failures (a pino logger will do). */
export interface RecorderLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Options of {@link ActivityRecorder}. */
export interface ActivityRecorderOptions {
  readonly store: Store;
  readonly log: RecorderLog;
  /** Longest a record waits before it is written; default 200 ms. */
  readonly flushIntervalMs?: number;
  /** Records written per transaction; a flush starts at once when this many wait. Default 256. */
  readonly batchSize?: number;
  /** Most distinct records waiting; beyond it, callers wait for a flush. Default 10,000. */
  readonly maxPending?: number;
  /** Subjects whose ARN is remembered; default 100,000. */
  readonly knownSubjects?: number;
  readonly timers?: WatcherTimers;
}

interface RoleUse {
  readonly name: string;
  readonly at: Date;
  readonly region: string;
}

const NODE_TIMERS: WatcherTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const time = (at: AuthenticationRecord["seenAt"]): number =>
  at instanceof Date ? at.getTime() : Date.parse(at);

/** The queue key: subject, certificate (serial and issuer) and instance properties. */
function recordKey(auth: AuthenticationRecord): string {
  const properties =
    auth.instanceProperties === undefined
      ? ""
      : JSON.stringify(
          Object.entries(auth.instanceProperties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        );
  return `${auth.x509Subject}\n${auth.certificate.serialNumber}\n${auth.certificate.issuer}\n${properties}`;
}

export class ActivityRecorder {
  readonly #store: Store;
  readonly #log: ActivityRecorderOptions["log"];
  readonly #intervalMs: number;
  readonly #batchSize: number;
  readonly #maxPending: number;
  readonly #knownCapacity: number;
  readonly #timers: WatcherTimers;
  #records = new Map<string, AuthenticationRecord>();
  #roleUses = new Map<string, RoleUse>();
  readonly #known = new Map<string, string>();
  #timer: unknown;
  #flushing: Promise<void> | undefined;
  #closed = false;

  constructor(options: ActivityRecorderOptions) {
    this.#store = options.store;
    this.#log = options.log;
    this.#intervalMs = options.flushIntervalMs ?? 200;
    this.#batchSize = options.batchSize ?? 256;
    this.#maxPending = options.maxPending ?? 10_000;
    this.#knownCapacity = options.knownSubjects ?? 100_000;
    this.#timers = options.timers ?? NODE_TIMERS;
  }

  /** Records waiting to be written. */
  get pending(): number {
    return this.#records.size + this.#roleUses.size;
  }

  /** The ARN of a subject this replica has written, by its `x509Subject`. */
  subjectArn(x509Subject: string): string | undefined {
    return this.#known.get(x509Subject);
  }

  /** Queues an authentication attempt (waits only when the queue is full). */
  async recordAuthentication(auth: AuthenticationRecord): Promise<void> {
    while (this.#records.size >= this.#maxPending && !this.#closed) await this.flush();
    const key = recordKey(auth);
    const queued = this.#records.get(key);
    if (queued === undefined || time(queued.seenAt) <= time(auth.seenAt)) this.#records.set(key, auth);
    this.#schedule();
  }

  /** Writes an authentication attempt now and returns the subject (its ARN is remembered). */
  async recordNow(auth: AuthenticationRecord): Promise<SubjectRecord> {
    const subject = await this.#store.subjects.recordAuthentication(auth);
    this.#remember(auth.x509Subject, subject.arn);
    return subject;
  }

  /** Queues the use of a role (`roleLastUsed`). */
  recordRoleUse(name: string, at: Date, region: string): void {
    const key = name.toLowerCase();
    const queued = this.#roleUses.get(key);
    if (queued === undefined || queued.at.getTime() <= at.getTime())
      this.#roleUses.set(key, { name, at, region });
    this.#schedule();
  }

  /** Writes everything queued so far (and waits for a flush already running). */
  async flush(): Promise<void> {
    while (this.#flushing !== undefined) await this.#flushing;
    if (this.pending === 0) return;
    const flushing = this.#write().finally(() => {
      this.#flushing = undefined;
    });
    this.#flushing = flushing;
    await flushing;
  }

  /** Stops the timer and writes what is queued (server shutdown). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  #schedule(): void {
    if (this.pending >= this.#batchSize) {
      void this.flush().catch((error: unknown) =>
        this.#log.error({ err: error }, "subject recording failed"),
      );
      return;
    }
    if (this.#timer !== undefined || this.#closed) return;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      void this.flush().catch((error: unknown) =>
        this.#log.error({ err: error }, "subject recording failed"),
      );
    }, this.#intervalMs);
  }

  async #write(): Promise<void> {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    const records = [...this.#records.values()];
    const roleUses = [...this.#roleUses.values()];
    this.#records = new Map();
    this.#roleUses = new Map();
    for (let i = 0; i < records.length || (i === 0 && roleUses.length > 0); i += this.#batchSize) {
      const batch = records.slice(i, i + this.#batchSize);
      const uses = i === 0 ? roleUses : [];
      try {
        await this.#store.transaction(async (tx) => {
          for (const auth of batch) await this.#apply(tx, auth);
          for (const use of uses) await this.#applyRoleUse(tx, use);
        });
      } catch (error) {
        // One bad record must not lose the others: write them one by one.
        this.#log.warn({ err: error, records: batch.length }, "subject batch failed; writing one by one");
        for (const auth of batch) {
          await this.#apply(this.#store, auth).catch((cause: unknown) =>
            this.#log.error({ err: cause, x509Subject: auth.x509Subject }, "could not record a subject"),
          );
        }
        for (const use of uses) {
          await this.#applyRoleUse(this.#store, use).catch((cause: unknown) =>
            this.#log.error({ err: cause, role: use.name }, "could not record a role's last use"),
          );
        }
      }
    }
  }

  async #apply(repositories: StoreRepositories, auth: AuthenticationRecord): Promise<void> {
    const subject = await repositories.subjects.recordAuthentication(auth);
    this.#remember(auth.x509Subject, subject.arn);
  }

  async #applyRoleUse(repositories: StoreRepositories, use: RoleUse): Promise<void> {
    try {
      await repositories.roles.recordUse(use.name, { lastUsedDate: use.at, region: use.region });
    } catch (error) {
      if (!(error instanceof StoreNotFoundError)) throw error; // deleted since: nothing to record
    }
  }

  #remember(x509Subject: string, arn: string): void {
    this.#known.delete(x509Subject);
    this.#known.set(x509Subject, arn);
    if (this.#known.size > this.#knownCapacity) this.#known.delete(this.#known.keys().next().value as string);
  }
}
