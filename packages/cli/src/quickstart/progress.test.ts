import assert from "node:assert/strict";
import { test } from "node:test";
import { Progress, StepFailure } from "./progress.js";

test("one numbered line per step, with its detail and time", async () => {
  const lines: string[] = [];
  let t = 0;
  const progress = new Progress(
    (l) => lines.push(l),
    () => (t += 250),
    10,
  );
  assert.equal(await progress.step("server", async () => ({ value: 7, detail: "started" })), 7);
  await progress.step("CA", async () => ({ value: undefined, detail: "reused" }));
  assert.deepEqual(lines, ["[ 1/10] server: started (0.25 s)", "[ 2/10] CA: reused (0.25 s)"]);
});

test("a failing step is a StepFailure naming the step, and prints nothing", async () => {
  const lines: string[] = [];
  const progress = new Progress(
    (l) => lines.push(l),
    () => 0,
    3,
  );
  await assert.rejects(
    progress.step("trust anchor", async () => {
      throw new Error("ValidationException: bad bundle");
    }),
    (e: unknown) => e instanceof StepFailure && e.step === "trust anchor" && /bad bundle/.test(e.message),
  );
  assert.deepEqual(lines, []);
});
