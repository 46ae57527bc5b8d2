import assert from "node:assert/strict";
import { test } from "node:test";
import { memoize } from "./memo.js";

test("memoize calls the function once per input, remembers undefined, and stays bounded", () => {
  let calls = 0;
  const f = memoize((s: string) => {
    calls++;
    return s === "none" ? undefined : s.length;
  }, 3);
  assert.equal(f("abc"), 3);
  assert.equal(f("abc"), 3);
  assert.equal(f("none"), undefined);
  assert.equal(f("none"), undefined);
  assert.equal(calls, 2);
  f("x");
  f("y"); // capacity reached: cleared, then stored
  assert.equal(f("abc"), 3);
  assert.equal(calls, 5);
});
