import assert from "node:assert/strict";
import test from "node:test";
import type { SessionCredentials } from "@anchorage/credential-provider";
import { NoCredentialsError, RefreshingCredentials } from "./refreshing-credentials.js";
import type { SetTimer } from "./refreshing-credentials.js";

const T0 = Date.parse("2026-01-15T12:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/** A manual clock with timers that fire when the clock passes them. */
function fakeTime() {
  let now = T0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const setTimer: SetTimer = (ms, fn) => {
    const id = ++ids;
    timers.push({ at: now + ms, fn, id });
    return { cancel: () => void (timers = timers.filter((t) => t.id !== id)) };
  };
  const advance = async (ms: number) => {
    const target = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
      await new Promise((r) => setImmediate(r));
    }
    now = target;
  };
  return { now: () => now, setTimer, advance, pending: () => timers.map((t) => t.at - now) };
}

function setup(results: (number | Error)[]) {
  const time = fakeTime();
  const log: string[] = [];
  let calls = 0;
  const source = new RefreshingCredentials({
    now: time.now,
    setTimer: time.setTimer,
    log: (l) => log.push(l),
    fetch: async () => {
      const r = results[calls++];
      if (r === undefined) throw new Error("no more answers");
      if (r instanceof Error) throw r;
      const c: SessionCredentials = {
        accessKeyId: `ASIA${calls}`,
        secretAccessKey: "S",
        sessionToken: "T",
        expiration: iso(time.now() + r),
      };
      return c;
    },
  });
  return { source, time, log, calls: () => calls };
}

const HOUR = 3_600_000;

test("refreshes 5 minutes before expiry in the background", async () => {
  const { source, time, calls } = setup([HOUR, HOUR]);
  assert.equal((await source.start()).accessKeyId, "ASIA1");
  assert.deepEqual(time.pending(), [HOUR - 300_000]);
  await time.advance(HOUR - 300_001);
  assert.equal(calls(), 1);
  await time.advance(1);
  assert.equal(calls(), 2);
  assert.equal((await source.get()).accessKeyId, "ASIA2");
});

test("a failed refresh keeps serving still-valid credentials, retries with backoff, then recovers", async () => {
  const down = new Error("cannot connect to http://127.0.0.1:1: ECONNREFUSED");
  const { source, time, log, calls } = setup([HOUR, down, down, HOUR]);
  await source.start();
  await time.advance(HOUR - 300_000);
  assert.equal(calls(), 2);
  assert.equal(
    (await source.get()).accessKeyId,
    "ASIA1",
    "inside the window, the refresh fails: the old ones",
  );
  assert.equal(calls(), 3, "get() inside the window tried once more");
  assert.match(
    log.at(-1)!,
    /refresh failed \(attempt 2\): cannot connect .*; still serving the credentials that expire at 2026-01-15T13:00:00Z; retrying in 2 s/,
  );
  await time.advance(2000);
  assert.equal(calls(), 4);
  assert.equal((await source.get()).accessKeyId, "ASIA4");
});

test("once they expire, get() fails with NoCredentialsError: never expired credentials", async () => {
  const down = new Error("CreateSession failed: HTTP 503");
  const { source, time } = setup([HOUR, ...Array.from({ length: 30 }, () => down)]);
  await source.start();
  await time.advance(HOUR - 1);
  assert.equal((await source.get()).accessKeyId, "ASIA1");
  await time.advance(1);
  assert.equal(source.current(), undefined);
  await assert.rejects(source.get(), (e: unknown) => {
    assert.ok(e instanceof NoCredentialsError);
    assert.match(
      e.message,
      /^no valid credentials: the last refresh failed \(CreateSession failed: HTTP 503\) and the previous credentials expired at 2026-01-15T13:00:00Z$/,
    );
    return true;
  });
});

test("one fetch at a time: concurrent get() and refreshNow() share it", async () => {
  let release: () => void = () => undefined;
  const time = fakeTime();
  let calls = 0;
  const source = new RefreshingCredentials({
    now: time.now,
    setTimer: time.setTimer,
    log: () => undefined,
    fetch: async () => {
      calls++;
      await new Promise<void>((r) => (release = r));
      return {
        accessKeyId: "A",
        secretAccessKey: "S",
        sessionToken: "T",
        expiration: iso(time.now() + HOUR),
      };
    },
  });
  const all = Promise.all([source.get(), source.get(), source.start()]);
  source.refreshNow("test");
  await new Promise((r) => setImmediate(r));
  release();
  await all;
  assert.equal(calls, 1);
});

test("credentials that are already expired or unreadable are refused", async () => {
  const { source } = setup([-1000]);
  await assert.rejects(source.start(), /expired at 2026-01-15T11:59:59Z/);
  assert.equal(source.current(), undefined);
});
