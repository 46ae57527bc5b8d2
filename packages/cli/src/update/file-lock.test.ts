import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { FileLockTimeout, lockPath, withFileLock } from "./file-lock.js";

const dir = mkdtempSync(join(tmpdir(), "anchorage-lock-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, "credentials");

test("holders run one at a time, and the lock is gone afterwards", async () => {
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 8 }, () =>
      withFileLock(
        file,
        async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 5));
          inside--;
        },
        { now: Date.now, retryMs: 1 },
      ),
    ),
  );
  assert.equal(most, 1);
  assert.equal(existsSync(lockPath(file)), false);
});

test("a lock of a dead process on this host is taken over at once", async () => {
  writeFileSync(lockPath(file), `${hostname()} 999999\n`);
  assert.equal(await withFileLock(file, async () => "ran", { now: Date.now, isAlive: () => false }), "ran");
});

test("a live owner's lock times out with the path to delete; an old one is stale", async () => {
  writeFileSync(lockPath(file), `other-host 1\n`);
  let now = Date.now();
  await assert.rejects(
    withFileLock(file, async () => "x", {
      now: () => (now += 1000),
      timeoutMs: 5000,
      staleMs: 1e12,
      retryMs: 0,
    }),
    (e: unknown) =>
      e instanceof FileLockTimeout && /credentials is locked by another process/.test(e.message),
  );
  assert.equal(await withFileLock(file, async () => "ran", { now: () => Date.now() + 10 * 60_000 }), "ran");
});

test("the lock is released when the holder throws", async () => {
  await assert.rejects(
    withFileLock(file, async () => Promise.reject(new Error("boom")), { now: Date.now }),
    /boom/,
  );
  assert.equal(existsSync(lockPath(file)), false);
});
