import assert from "node:assert/strict";
import { test } from "node:test";

import { AsyncMutex } from "./mutex.js";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test("runs callers one at a time, in call order, past a rejection", async () => {
  const mutex = new AsyncMutex();
  const events: string[] = [];
  const job = (name: string, fail = false) =>
    mutex.run(async () => {
      events.push(`${name} start`);
      await tick();
      events.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    });
  const results = await Promise.allSettled([job("a"), job("b", true), job("c")]);
  assert.deepEqual(events, ["a start", "a end", "b start", "b end", "c start", "c end"]);
  assert.deepEqual(
    results.map((r) => r.status),
    ["fulfilled", "rejected", "fulfilled"],
  );
});
