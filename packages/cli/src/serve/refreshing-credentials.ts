import type { SessionCredentials } from "@anchorage/credential-provider";

/** Fetch new credentials this long before the current ones expire (AWS's helper: 5 minutes). */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;
/** Backoff after a failed refresh: 1 s, doubling, at most 60 s (never past the expiry). */
export const RETRY_FIRST_MS = 1000;
export const RETRY_MAX_MS = 60_000;
/**
 * Inside the refresh window (credentials that live less than 5 minutes), fetch at most this often:
 * otherwise every request would make a CreateSession call, as the helper does.
 */
export const MIN_REFRESH_INTERVAL_MS = 1000;

/** A one-shot timer; `cancel` stops it. */
export type SetTimer = (ms: number, fn: () => void) => { cancel(): void };

/** No valid credentials to hand out: the last refresh failed and the previous ones expired. */
export class NoCredentialsError extends Error {
  override readonly name = "NoCredentialsError";
}

export interface RefreshingCredentialsOptions {
  /** One CreateSession (material re-read as needed). Never called twice at once. */
  readonly fetch: () => Promise<SessionCredentials>;
  /** The clock, in ms. */
  readonly now: () => number;
  /** Schedules the background refresh and retries. */
  readonly setTimer: SetTimer;
  /** Status lines (refreshes, failures); never secrets. */
  readonly log: (line: string) => void;
  readonly refreshBeforeMs?: number;
  readonly retryFirstMs?: number;
  readonly retryMaxMs?: number;
}

/** When credentials expire, in ms (the server's string, parsed once). */
const expiresAt = (c: SessionCredentials): number => Date.parse(c.expiration);
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Credentials that stay fresh for a long-running process (`serve`, `update`): fetched once at
 * `start()`, fetched again `refreshBeforeMs` before they expire, and on demand (`refreshNow()`, e.g.
 * after the certificate file changed). One fetch at a time: concurrent callers share it. A failed
 * refresh is logged and retried with backoff (1 s doubling to 60 s) while the current credentials
 * keep being handed out; once they have expired `get()` fails with {@link NoCredentialsError}: never
 * expired or empty credentials.
 */
export class RefreshingCredentials {
  readonly #o: RefreshingCredentialsOptions;
  #current: SessionCredentials | undefined;
  #lastUpdated = 0;
  #inFlight: Promise<SessionCredentials> | undefined;
  #timer: { cancel(): void } | undefined;
  #failures = 0;
  #lastError: unknown;
  #stopped = false;
  /** Called after each successful fetch (update writes the file here). */
  onRefresh: ((credentials: SessionCredentials) => void | Promise<void>) | undefined;

  constructor(options: RefreshingCredentialsOptions) {
    this.#o = options;
  }

  get #early(): number {
    return this.#o.refreshBeforeMs ?? REFRESH_BEFORE_EXPIRY_MS;
  }

  /** The current credentials while they have not expired, else undefined. */
  current(): SessionCredentials | undefined {
    const c = this.#current;
    return c !== undefined && expiresAt(c) > this.#o.now() ? c : undefined;
  }

  /** When the current credentials were fetched (ms), or 0. */
  get lastUpdated(): number {
    return this.#lastUpdated;
  }

  /** When the next background refresh is due (ms), or undefined before the first fetch. */
  refreshAt(): number | undefined {
    return this.#current === undefined ? undefined : expiresAt(this.#current) - this.#early;
  }

  /** The first fetch; rejects with its error, unlogged and not retried (the caller gives up). */
  async start(): Promise<SessionCredentials> {
    return this.#refresh(true);
  }

  /** Stops the background refresh. */
  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  /**
   * Credentials to hand out now: the current ones when they are not due for a refresh; inside the
   * refresh window a refresh is awaited, and if it fails the still-valid current ones are returned.
   *
   * @throws NoCredentialsError when none are valid (the cause is the last refresh's error).
   */
  async get(): Promise<SessionCredentials> {
    const current = this.current();
    const now = this.#o.now();
    if (
      current !== undefined &&
      (expiresAt(current) - now > this.#early || now - this.#lastUpdated < MIN_REFRESH_INTERVAL_MS)
    )
      return current;
    try {
      return await this.#refresh();
    } catch (error) {
      const still = this.current();
      if (still !== undefined) return still;
      throw new NoCredentialsError(
        `no valid credentials: the last refresh failed (${messageOf(error)})${this.#current === undefined ? "" : ` and the previous credentials expired at ${this.#current.expiration}`}`,
        { cause: error },
      );
    }
  }

  /** Fetches now (after a certificate rotation); failures are logged and retried, never thrown. */
  refreshNow(reason: string): void {
    this.#o.log(`refreshing credentials: ${reason}`);
    this.#refresh().catch(() => undefined); // #refresh logged it and scheduled the retry
  }

  /** The last refresh error while failing, for status output. */
  get lastError(): unknown {
    return this.#failures === 0 ? undefined : this.#lastError;
  }

  #refresh(first = false): Promise<SessionCredentials> {
    if (this.#inFlight !== undefined) return this.#inFlight;
    const flight = (async () => {
      try {
        const fresh = await this.#o.fetch();
        const at = expiresAt(fresh);
        if (Number.isNaN(at))
          throw new Error(
            `CreateSession returned an unreadable expiration ${JSON.stringify(fresh.expiration)}`,
          );
        if (at <= this.#o.now())
          throw new Error(`CreateSession returned credentials that expired at ${fresh.expiration}`);
        this.#current = fresh;
        this.#lastUpdated = this.#o.now();
        this.#failures = 0;
        await this.onRefresh?.(fresh);
        const due = at - this.#early - this.#o.now();
        // Short-lived credentials are due at once: refresh at half their life instead of in a loop.
        this.#schedule(due > 0 ? due : Math.max(MIN_REFRESH_INTERVAL_MS, (at - this.#o.now()) / 2));
        return fresh;
      } catch (error) {
        if (first) throw error;
        this.#failures++;
        this.#lastError = error;
        const retryIn = Math.min(
          (this.#o.retryFirstMs ?? RETRY_FIRST_MS) * 2 ** (this.#failures - 1),
          this.#o.retryMaxMs ?? RETRY_MAX_MS,
        );
        const valid = this.current();
        this.#o.log(
          `refresh failed (attempt ${this.#failures}): ${messageOf(error)}; ${valid === undefined ? "no valid credentials to serve" : `still serving the credentials that expire at ${valid.expiration}`}; retrying in ${Math.round(retryIn / 1000)} s`,
        );
        this.#schedule(retryIn);
        throw error;
      } finally {
        this.#inFlight = undefined;
      }
    })();
    this.#inFlight = flight;
    return flight;
  }

  #schedule(ms: number): void {
    this.#timer?.cancel();
    if (this.#stopped) return;
    this.#timer = this.#o.setTimer(ms, () => {
      this.#timer = undefined;
      this.#refresh().catch(() => undefined); // logged and rescheduled inside
    });
  }
}
