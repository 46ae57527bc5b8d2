import assert from "node:assert/strict";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { SessionCredentials } from "../session-response.js";
import { CredentialCache } from "./credential-cache.js";
import type { CacheEvent, CredentialCacheOptions } from "./credential-cache.js";

const T0 = Date.parse("2026-01-15T12:00:00Z");
const KEY = "0123456789abcdef".repeat(4);
const root = mkdtempSync(join(tmpdir(), "anchorage-cache-test-"));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

const creds = (expiration: string, n = 1): SessionCredentials => ({
  accessKeyId: `ASIA${n}`,
  secretAccessKey: "SECRET-VALUE",
  sessionToken: "TOKEN-VALUE",
  expiration,
});

function cacheAt(now: () => number, extra: Partial<CredentialCacheOptions> = {}) {
  const dir = join(root, `c${++dirs}`, "anchorage");
  const events: CacheEvent[] = [];
  const cache = new CredentialCache({ dir, now, onEvent: (e) => events.push(e), ...extra });
  return { dir, cache, events };
}

test("a stored entry is used until 5 minutes before it expires", () => {
  let now = T0;
  const { cache, dir } = cacheAt(() => now);
  assert.equal(cache.read(KEY), undefined);
  assert.ok(cache.write({ key: KEY, credentials: creds("2026-01-15T13:00:00Z") }));
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(cache.file(KEY)).mode & 0o777, 0o600);
  assert.equal(cache.read(KEY)?.credentials.accessKeyId, "ASIA1");
  now = Date.parse("2026-01-15T12:55:00Z") - 1;
  assert.equal(cache.read(KEY)?.credentials.accessKeyId, "ASIA1");
  now = Date.parse("2026-01-15T12:55:00Z");
  assert.equal(cache.read(KEY), undefined, "inside the refresh window");
});

test("corrupt, foreign and oversized entries are ignored and then replaced", async () => {
  const { cache, dir, events } = cacheAt(() => T0);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const bad: readonly string[] = [
    "{",
    "",
    JSON.stringify({ version: 1, key: "f".repeat(64) }),
    "x".repeat(70_000),
  ];
  for (const content of bad) {
    writeFileSync(cache.file(KEY), content, { mode: 0o600 });
    assert.equal(cache.read(KEY), undefined);
  }
  assert.equal(events.filter((e) => e.type === "miss").length, bad.length);
  let calls = 0;
  const result = await cache.getOrFetch(KEY, async () => {
    calls++;
    return { credentials: creds("2026-01-15T13:00:00Z", 2) };
  });
  assert.deepEqual([calls, result.fromCache, cache.read(KEY)?.credentials.accessKeyId], [1, false, "ASIA2"]);
  for (const e of events)
    assert.ok(!JSON.stringify(e).includes("SECRET-VALUE"), "events never carry content");
});

test("a symbolic link in place of the entry is not followed", () => {
  const { cache, dir } = cacheAt(() => T0);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const elsewhere = join(root, "planted.json");
  const planted = new CredentialCache({ dir: root, now: () => T0 });
  planted.write({ key: KEY, credentials: creds("2045-01-01T00:00:00Z", 9) });
  symlinkSync(planted.file(KEY), cache.file(KEY));
  assert.equal(cache.read(KEY), undefined);
  rmSync(elsewhere, { force: true });
});

test("a directory writable by others is not read; writing restricts it to 0700 first", () => {
  const { cache, dir } = cacheAt(() => T0);
  assert.ok(cache.write({ key: KEY, credentials: creds("2045-01-01T00:00:00Z") }));
  chmodSync(dir, 0o777);
  assert.equal(cache.read(KEY), undefined);
  assert.ok(cache.write({ key: KEY, credentials: creds("2045-01-01T00:00:00Z") }));
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(cache.read(KEY)?.credentials.accessKeyId, "ASIA1");
});

test("an unwritable cache is skipped, the credentials still returned", async () => {
  const file = join(root, "not-a-dir");
  writeFileSync(file, "");
  const events: CacheEvent[] = [];
  const cache = new CredentialCache({
    dir: join(file, "anchorage"),
    now: () => T0,
    onEvent: (e) => events.push(e),
  });
  const result = await cache.getOrFetch(KEY, async () => ({ credentials: creds("2045-01-01T00:00:00Z") }));
  assert.equal(result.entry.credentials.accessKeyId, "ASIA1");
  assert.ok(events.some((e) => e.type === "not-stored"));
});

test("concurrent misses for one key make one fetch; the others wait and read its entry", async () => {
  const { cache, dir } = cacheAt(() => Date.now(), { lockPollMs: 5 });
  let calls = 0;
  const fetch = async () => {
    calls++;
    await new Promise((r) => setTimeout(r, 50));
    return { credentials: creds("2045-01-01T00:00:00Z", calls) };
  };
  // Separate instances, as separate processes would have.
  const others = Array.from(
    { length: 5 },
    () => new CredentialCache({ dir, now: () => Date.now(), lockPollMs: 5 }),
  );
  const results = await Promise.all([cache, ...others].map((c) => c.getOrFetch(KEY, fetch)));
  assert.equal(calls, 1);
  assert.deepEqual(new Set(results.map((r) => r.entry.credentials.accessKeyId)), new Set(["ASIA1"]));
  assert.equal(results.filter((r) => !r.fromCache).length, 1);
  assert.deepEqual(readdirSync(dir), [`${KEY}.json`], "no lock or temporary file is left behind");
});

test("a stale lock (a crashed process) is taken over; a live one times out into a fetch of its own", async () => {
  let now = T0;
  const { cache, dir } = cacheAt(() => now, { lockPollMs: 1, sleep: async () => void (now += 1000) });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, `${KEY}.lock`), "");
  // The lock's mtime is the real clock's; the cache's clock is far before it: not stale, so it waits
  // until the 20 s timeout and fetches alone.
  const waited = await cache.getOrFetch(KEY, async () => ({ credentials: creds("2045-01-01T00:00:00Z", 1) }));
  assert.equal(waited.fromCache, false);
  assert.ok(now - T0 >= 20_000);
  rmSync(cache.file(KEY));
  now = Date.now() + 120_000; // two minutes after the lock was made: stale
  const takenOver = await cache.getOrFetch(KEY, async () => ({
    credentials: creds("2045-01-01T00:00:00Z", 2),
  }));
  assert.equal(takenOver.entry.credentials.accessKeyId, "ASIA2");
  assert.deepEqual(readdirSync(dir), [`${KEY}.json`]);
});

test("the file holds the credentials and the key, and nothing of the private key", () => {
  const { cache } = cacheAt(() => T0);
  cache.write({ key: KEY, credentials: creds("2045-01-01T00:00:00Z") });
  const text = readFileSync(cache.file(KEY), "utf8");
  assert.deepEqual(Object.keys(JSON.parse(text) as object), [
    "version",
    "key",
    "accessKeyId",
    "secretAccessKey",
    "sessionToken",
    "expiration",
  ]);
  assert.throws(() => cache.file("../x"), /64 lower-case hex/);
});
