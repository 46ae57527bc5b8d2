import assert from "node:assert/strict";
import test from "node:test";
import { formatCacheEntry, parseCacheEntry } from "./cache-entry.js";
import type { CacheEntry } from "./cache-entry.js";

const KEY = "a".repeat(64);
const ENTRY: CacheEntry = {
  key: KEY,
  credentials: {
    accessKeyId: "ASIAEXAMPLE",
    secretAccessKey: "secret/+=",
    sessionToken: "token",
    expiration: "2045-01-01T00:00:00Z",
  },
  assumedRoleArn: "arn:aws:sts::123456789012:assumed-role/test-role/4098",
};

test("an entry round-trips, expiration verbatim", () => {
  const text = formatCacheEntry(ENTRY);
  assert.ok(text.endsWith("\n"));
  assert.deepEqual(parseCacheEntry(text, KEY), { ok: true, entry: ENTRY });
  const { assumedRoleArn: _, ...bare } = ENTRY;
  assert.deepEqual(parseCacheEntry(formatCacheEntry(bare), KEY), { ok: true, entry: bare });
});

const BAD: readonly [string, string, string][] = [
  ["truncated", formatCacheEntry(ENTRY).slice(0, 40), "not JSON"],
  ["empty", "", "not JSON"],
  ["an array", "[]", "not JSON"],
  ["another version", formatCacheEntry(ENTRY).replace('"version":1', '"version":2'), "wrong version"],
  ["another key", formatCacheEntry({ ...ENTRY, key: "b".repeat(64) }), "wrong key"],
  [
    "no token",
    formatCacheEntry(ENTRY).replace('"sessionToken":"token"', '"sessionToken":""'),
    "missing fields",
  ],
  ["bad expiration", formatCacheEntry(ENTRY).replace("2045-01-01T00:00:00Z", "soon"), "bad expiration"],
];

test("anything unexpected is a problem, never an exception, and never quotes the content", () => {
  for (const [what, text, problem] of BAD) {
    const parsed = parseCacheEntry(text, KEY);
    assert.deepEqual(parsed, { ok: false, problem }, what);
  }
  assert.equal(BAD.length, 7);
});
