// Waiting for something another process (or a background task) does: poll a condition until it
// holds, with a deadline, instead of sleeping a fixed time that a busy CI machine can overrun.

/** Resolves when `check()` is true (polled every 50 ms), or rejects after `ms`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
