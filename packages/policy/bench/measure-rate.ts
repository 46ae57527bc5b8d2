// How benchmarks measure a rate on one core: warm up, then run batches until the time is up,
// reading the clock only between batches. Shared by `bench:policy` and `bench:authorize`.

/** What {@link measureRate} found. */
export interface Rate {
  /** Operations run in the measured time. */
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
}

export interface MeasureOptions {
  /** How long to measure. */
  readonly seconds: number;
  /** Batches to run first without measuring; default 0. */
  readonly warmupBatches?: number;
  /** Monotonic clock in nanoseconds; default `process.hrtime.bigint`. */
  readonly now?: () => bigint;
}

/**
 * Runs `batch` (which returns how many operations it ran) again and again for `seconds`, after
 * `warmupBatches` unmeasured runs.
 */
export async function measureRate(
  batch: () => number | Promise<number>,
  { seconds, warmupBatches = 0, now = process.hrtime.bigint }: MeasureOptions,
): Promise<Rate> {
  for (let i = 0; i < warmupBatches; i++) await batch();
  const limit = BigInt(Math.round(seconds * 1e9));
  const start = now();
  let count = 0;
  let elapsed = 0n;
  while (elapsed < limit) {
    count += await batch();
    elapsed = now() - start;
  }
  const measured = Number(elapsed) / 1e9;
  return { count, seconds: measured, perSecond: count / measured };
}

/** A rate as benchmarks print it: `12,345`. */
export const formatRate = (perSecond: number): string => Math.round(perSecond).toLocaleString("en-US");

/** How often each outcome occurs, in first-seen order: `Allow 3, ImplicitDeny 1`. */
export function tallyOutcomes(outcomes: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  return [...counts].map(([k, v]) => `${k} ${v}`).join(", ");
}
