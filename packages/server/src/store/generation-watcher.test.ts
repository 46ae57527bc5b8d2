import assert from "node:assert/strict";
import { test } from "node:test";

import { DEFAULT_WATCH_INTERVAL_MS, watchGenerations, type WatcherTimers } from "./generation-watcher.js";
import { openStore } from "./open-store.js";
import { generationScopes } from "./store.js";
import { temporarySqliteDatabase } from "./test-databases.js";

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Set<() => void>();
  const timers: WatcherTimers = {
    setTimeout(fn) {
      pending.add(fn);
      return { fn };
    },
    clearTimeout(handle) {
      pending.delete((handle as { fn: () => void }).fn);
    },
  };
  return {
    timers,
    pending: () => pending.size,
    fire() {
      const due = [...pending];
      pending.clear();
      for (const fn of due) fn();
    },
  };
}

test("a replica's watcher reports what another replica wrote, scope by scope", async () => {
  const database = await temporarySqliteDatabase();
  const clock = () => "2024-01-01T00:00:00Z";
  const writer = await openStore(database.url, { clock });
  const reader = await openStore(database.url, { clock });
  try {
    const anchorArn = "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/a1";
    await writer.crls.create({
      id: "c0",
      arn: "arn:c0",
      name: "old",
      enabled: true,
      crlData: Buffer.from("x"),
      trustAnchorArn: anchorArn,
    });
    const seen: string[][] = [];
    const errors: unknown[] = [];
    const { timers, fire, pending } = manualTimers();
    const watcher = watchGenerations(reader.generations, {
      prefix: "revocation:",
      onChange: (changed) => void seen.push(changed.map((g) => `${g.scope}=${g.value}`)),
      onError: (error) => errors.push(error),
      timers,
    });
    assert.deepEqual(await watcher.poll(), [], "the first poll takes the baseline");
    await writer.crls.create({
      id: "c1",
      arn: "arn:c1",
      name: "new",
      enabled: true,
      crlData: Buffer.from("y"),
      trustAnchorArn: anchorArn,
    });
    await writer.trustAnchors.create({
      id: "a2",
      arn: "arn:a2",
      name: "ignored by the prefix",
      enabled: true,
      source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: "pem" } },
      notificationSettings: [],
    });
    assert.equal(pending(), 1);
    fire();
    // The fired poll reads the database: wait for it to land and schedule the next one.
    for (const deadline = Date.now() + 10_000; pending() === 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual(seen, [[`${generationScopes.revocation("a1")}=2`]]);
    assert.deepEqual(await watcher.poll(), [], "nothing new");
    assert.equal(pending(), 1, "the next poll is scheduled");
    watcher.stop();
    assert.equal(pending(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await writer.close();
    await reader.close();
    await database.dispose();
  }
});

test("a failing poll is reported and polling goes on", async () => {
  const { timers, fire, pending } = manualTimers();
  const errors: unknown[] = [];
  let calls = 0;
  const failure = new Error("database down");
  const watcher = watchGenerations(
    {
      list: async () => {
        calls += 1;
        if (calls === 2) throw failure;
        return [{ scope: "x", value: calls }];
      },
    },
    { onChange: () => undefined, onError: (error) => errors.push(error), timers },
  );
  await watcher.poll();
  fire();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(errors, [failure]);
  assert.equal(pending(), 1);
  fire();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(calls, 3);
  watcher.stop();
});

test("by default a replica polls every 500 ms: room for the promise that a revocation reaches every replica within one second", () => {
  const delays: number[] = [];
  const watcher = watchGenerations(
    { list: async () => [] },
    {
      onChange: () => undefined,
      onError: () => undefined,
      timers: { setTimeout: (_fn, ms) => delays.push(ms), clearTimeout: () => undefined },
    },
  );
  watcher.stop();
  assert.deepEqual(delays, [DEFAULT_WATCH_INTERVAL_MS]);
  assert.ok(DEFAULT_WATCH_INTERVAL_MS <= 500, `${DEFAULT_WATCH_INTERVAL_MS} ms`);
});
