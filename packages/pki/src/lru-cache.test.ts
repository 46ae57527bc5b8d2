import assert from "node:assert/strict";
import { test } from "node:test";
import { LruCache } from "./lru-cache.js";

test("evicts the least recently used entry", () => {
  const c = new LruCache<string, number>(2);
  c.set("a", 1);
  c.set("b", 2);
  assert.equal(c.get("a"), 1); // a is now the most recent
  c.set("c", 3);
  assert.equal(c.get("b"), undefined);
  assert.equal(c.get("a"), 1);
  assert.equal(c.get("c"), 3);
  assert.equal(c.size, 2);
});

test("rejects a capacity below 1", () => {
  assert.throws(() => new LruCache(0), RangeError);
});
