import type { SetTimer } from "./refreshing-credentials.js";

/** Longest delay setTimeout takes (about 24.8 days); longer waits re-arm on the way. */
const MAX_DELAY_MS = 2_147_483_647;

/**
 * A {@link SetTimer} over node's setTimeout that also waits longer than 24.8 days (a 12-hour session
 * never needs it; a clock jump might). `keepAlive: false` unrefs the timer (the HTTP server of
 * `serve` keeps the process alive); `update` needs it to hold the process.
 */
export function nodeTimer(keepAlive: boolean): SetTimer {
  return (ms, fn) => {
    let timer: NodeJS.Timeout;
    const arm = (left: number): void => {
      timer = setTimeout(
        () => (left > MAX_DELAY_MS ? arm(left - MAX_DELAY_MS) : fn()),
        Math.min(left, MAX_DELAY_MS),
      );
      if (!keepAlive) timer.unref();
    };
    arm(Math.max(0, ms));
    return { cancel: () => clearTimeout(timer) };
  };
}
