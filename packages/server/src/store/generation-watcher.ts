import type { GenerationRecord, GenerationRepository } from "./store.js";

/** The timer functions the watcher uses (inject fakes in tests). */
export interface WatcherTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers; the pending poll does not keep the process alive. */
const NODE_TIMERS: WatcherTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface WatchGenerationsOptions {
  /** Only scopes starting with this (e.g. `revocation:`); all scopes when omitted. */
  readonly prefix?: string;
  /** Poll period; default 500 ms, so a change reaches every replica within a second. */
  readonly intervalMs?: number;
  /** Called with the scopes whose value changed (or that appeared) since the previous poll. */
  readonly onChange: (changed: GenerationRecord[]) => void | Promise<void>;
  /** Called when a poll or `onChange` fails; the watcher keeps polling. */
  readonly onError: (error: unknown) => void;
  readonly timers?: WatcherTimers;
}

export interface GenerationWatcher {
  /** Polls now; resolves with what changed (the first poll only takes the baseline: `[]`). */
  poll(): Promise<GenerationRecord[]>;
  /** Stops the periodic polls. */
  stop(): void;
}

export const DEFAULT_WATCH_INTERVAL_MS = 500;

/**
 * Polls `generations.list(prefix)` periodically and reports the scopes that changed: how a
 * replica learns that another replica wrote something it caches. Take the baseline before
 * loading the cache (`await watcher.poll()`, then load), so no write can fall in between.
 *
 * @example
 * const watcher = watchGenerations(store.generations, {
 *   prefix: "revocation:",
 *   onChange: (changed) => changed.forEach((g) => revocationIndex.invalidate(g.scope.slice(11))),
 *   onError: (error) => log.warn({ err: error }, "generation poll failed"),
 * });
 * await watcher.poll();
 */
export function watchGenerations(
  generations: Pick<GenerationRepository, "list">,
  options: WatchGenerationsOptions,
): GenerationWatcher {
  const timers = options.timers ?? NODE_TIMERS;
  const intervalMs = options.intervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
  const known = new Map<string, number>();
  let baseline = false;
  let stopped = false;
  let timer: unknown;
  let inFlight: Promise<GenerationRecord[]> | undefined;

  const pollOnce = async (): Promise<GenerationRecord[]> => {
    const current = await generations.list(options.prefix);
    const changed = current.filter((g) => known.get(g.scope) !== g.value);
    for (const g of changed) known.set(g.scope, g.value);
    if (!baseline) {
      baseline = true;
      return [];
    }
    if (changed.length > 0) await options.onChange(changed);
    return changed;
  };

  // Concurrent callers share one poll.
  const poll = (): Promise<GenerationRecord[]> => {
    inFlight ??= pollOnce().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const schedule = () => {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      poll().then(
        () => schedule(),
        (error: unknown) => {
          options.onError(error);
          schedule();
        },
      );
    }, intervalMs);
  };
  schedule();

  return {
    poll,
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
    },
  };
}
