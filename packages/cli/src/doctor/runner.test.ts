import assert from "node:assert/strict";
import { test } from "node:test";
import { runSteps } from "./runner.js";
import { fail, pass, skip, type DoctorStep, type StepResult } from "./step.js";

test("runs the steps in order, timing each, reporting each as it finishes", async () => {
  const seen: string[] = [];
  const steps: DoctorStep<string[]>[] = [
    { id: "a", title: "A", run: async (log) => (log.push("a"), pass("fine")) },
    { id: "b", title: "B", run: async (log) => (log.push("b"), fail("broken", "mend it")) },
    { id: "c", title: "C", run: async (log) => (log.push("c"), skip("needs b")) },
  ];
  let t = 0;
  const reported: StepResult[] = [];
  const results = await runSteps(steps, seen, { clock: () => (t += 5), onResult: (r) => reported.push(r) });
  assert.deepEqual(seen, ["a", "b", "c"]);
  assert.deepEqual(
    results.map((r) => [r.id, r.status, r.ms]),
    [
      ["a", "pass", 5],
      ["b", "fail", 5],
      ["c", "skip", 5],
    ],
  );
  assert.deepEqual(reported, results);
  assert.equal(results[1]!.fix, "mend it");
});

test("a step that throws fails with its message, and the next steps still run", async () => {
  const errors: unknown[] = [];
  const steps: DoctorStep<undefined>[] = [
    {
      id: "boom",
      title: "Boom",
      run: async () => {
        throw new Error("unexpected\nanswer");
      },
    },
    { id: "after", title: "After", run: async () => pass("ran") },
  ];
  const results = await runSteps(steps, undefined, { clock: () => 0, onError: (e) => errors.push(e) });
  assert.deepEqual(
    results.map((r) => [r.id, r.status, r.message]),
    [
      ["boom", "fail", "unexpected error: unexpected answer"],
      ["after", "pass", "ran"],
    ],
  );
  assert.equal(errors.length, 1);
});
