import assert from "node:assert/strict";
import { test } from "node:test";
import { GenerationCache, type Loaded } from "./generation-cache.js";

const loader = (log: string[], value: string, scopes: string[]) => async (): Promise<Loaded<string>> => {
  log.push(value);
  return { value, scopes };
};

test("a value is loaded once and kept until a scope it depends on changes", async () => {
  const cache = new GenerationCache<string>(10);
  const loads: string[] = [];
  assert.equal(await cache.get("a", loader(loads, "a1", ["anchor:a"])), "a1");
  assert.equal(await cache.get("a", loader(loads, "a2", ["anchor:a"])), "a1");
  cache.invalidate(["profile:a"]);
  assert.equal(await cache.get("a", loader(loads, "a3", ["anchor:a"])), "a1");
  cache.invalidate(["anchor:a"]);
  assert.equal(await cache.get("a", loader(loads, "a4", ["anchor:a"])), "a4");
  assert.deepEqual(loads, ["a1", "a4"]);
});

test("concurrent gets share one load", async () => {
  const cache = new GenerationCache<string>(10);
  let loads = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const load = async (): Promise<Loaded<string>> => {
    loads++;
    await gate;
    return { value: "v", scopes: [] };
  };
  const both = Promise.all([cache.get("k", load), cache.get("k", load)]);
  release();
  assert.deepEqual(await both, ["v", "v"]);
  assert.equal(loads, 1);
});

test("a load that overlaps an invalidation answers its caller but is not kept", async () => {
  const cache = new GenerationCache<string>(10);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const slow = cache.get("k", async () => {
    await gate;
    return { value: "stale", scopes: ["anchor:k"] };
  });
  cache.invalidate(["anchor:other"]);
  release();
  assert.equal(await slow, "stale");
  assert.equal(await cache.get("k", async () => ({ value: "fresh", scopes: ["anchor:k"] })), "fresh");
});

test("a failed load is not kept", async () => {
  const cache = new GenerationCache<string>(10);
  await assert.rejects(
    cache.get("k", async () => {
      throw new Error("store down");
    }),
    /store down/,
  );
  assert.equal(await cache.get("k", async () => ({ value: "v", scopes: [] })), "v");
});

test("the least recently used key goes when over capacity; clear drops everything", async () => {
  const cache = new GenerationCache<string>(2);
  const loads: string[] = [];
  await cache.get("a", loader(loads, "a", []));
  await cache.get("b", loader(loads, "b", []));
  await cache.get("a", loader(loads, "a!", []));
  await cache.get("c", loader(loads, "c", []));
  assert.equal(cache.size, 2);
  assert.equal(await cache.get("b", loader(loads, "b2", [])), "b2");
  cache.clear();
  assert.equal(cache.size, 0);
  assert.deepEqual(loads, ["a", "b", "c", "b2"]);
});

test("a capacity below 1 is refused", () => assert.throws(() => new GenerationCache(0), RangeError));

test("a load marked keep: false answers its callers and is loaded again next time", async () => {
  const cache = new GenerationCache<string | undefined>(10);
  const loads: string[] = [];
  const load = async (): Promise<Loaded<string | undefined>> => {
    loads.push("miss");
    return { value: undefined, scopes: ["key:k"], keep: false };
  };
  assert.equal(await cache.get("k", load), undefined);
  assert.equal(await cache.get("k", load), undefined);
  assert.deepEqual([loads.length, cache.size], [2, 0]);
});

test("the epoch moves on every invalidation that names a scope and on clear", () => {
  const cache = new GenerationCache<string>(10);
  const epochs = [cache.epoch];
  cache.invalidate([]);
  epochs.push(cache.epoch);
  cache.invalidate(["role:a"]);
  epochs.push(cache.epoch);
  cache.clear();
  epochs.push(cache.epoch);
  assert.deepEqual(epochs, [0, 0, 1, 2]);
});
