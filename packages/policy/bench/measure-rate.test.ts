import assert from "node:assert/strict";
import { test } from "node:test";
import { formatRate, measureRate, tallyOutcomes } from "./measure-rate.ts";

/** A clock that moves `stepNs` each time it is read. */
const steppingClock = (stepNs: bigint) => {
  let t = 0n;
  return () => (t += stepNs);
};

test("runs batches until the time is up and counts what they report, warm-up excluded", async () => {
  let runs = 0;
  const rate = await measureRate(
    () => {
      runs++;
      return 100;
    },
    { seconds: 1, warmupBatches: 2, now: steppingClock(250_000_000n) },
  );
  // Warm-up 2 runs; then the clock reads 0.25 s after the first batch, 1 s after the fourth.
  assert.deepEqual([runs, rate.count, rate.seconds, rate.perSecond], [6, 400, 1, 400]);
});

test("awaits asynchronous batches", async () => {
  const rate = await measureRate(async () => 7, { seconds: 0.5, now: steppingClock(500_000_000n) });
  assert.deepEqual([rate.count, rate.seconds], [7, 0.5]);
});

test("formats rates and tallies outcomes in first-seen order", () => {
  assert.equal(formatRate(1234567.6), "1,234,568");
  assert.equal(tallyOutcomes(["Allow", "ExplicitDeny", "Allow"]), "Allow 2, ExplicitDeny 1");
  assert.equal(tallyOutcomes([]), "");
});
