import assert from "node:assert/strict";
import test from "node:test";
import { defaultCacheDir } from "./cache-dir.js";

const CASES: readonly [string, Record<string, string>, string][] = [
  ["XDG_CACHE_HOME when absolute", { XDG_CACHE_HOME: "/var/cache/u" }, "/var/cache/u/anchorage"],
  ["~/.cache without XDG_CACHE_HOME", {}, "/home/ada/.cache/anchorage"],
  ["~/.cache when XDG_CACHE_HOME is empty", { XDG_CACHE_HOME: "" }, "/home/ada/.cache/anchorage"],
  [
    "~/.cache when XDG_CACHE_HOME is relative (XDG: ignored)",
    { XDG_CACHE_HOME: "cache" },
    "/home/ada/.cache/anchorage",
  ],
];

test("the per-user cache directory", () => {
  let n = 0;
  for (const [what, env, expected] of CASES) {
    assert.equal(defaultCacheDir(env, "/home/ada"), expected, what);
    n++;
  }
  assert.equal(n, CASES.length);
});
