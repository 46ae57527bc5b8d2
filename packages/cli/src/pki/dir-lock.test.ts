import assert from "node:assert/strict";
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { LOCK_FILE, withDirLock } from "./dir-lock.js";

const fresh = () => mkdtempSync(join(tmpdir(), "anchorage-lock-"));

test("concurrent holders run one after the other and the lock is released", async () => {
  const dir = fresh();
  const order: string[] = [];
  const job = (name: string) =>
    withDirLock(
      dir,
      async () => {
        order.push(`${name}+`);
        await new Promise((r) => setTimeout(r, 20));
        order.push(`${name}-`);
      },
      { now: Date.now, retryMs: 5 },
    );
  await Promise.all([job("a"), job("b"), job("c")]);
  assert.equal(order.length, 6);
  for (let i = 0; i < 6; i += 2)
    assert.equal(order[i]!.slice(0, 1), order[i + 1]!.slice(0, 1), order.join(" "));
  assert.equal(existsSync(join(dir, LOCK_FILE)), false);
});

test("a held lock times out with a message naming the file", async () => {
  const dir = fresh();
  writeFileSync(join(dir, LOCK_FILE), "1\n");
  await assert.rejects(
    withDirLock(dir, async () => "never", { now: Date.now, timeoutMs: 30, retryMs: 5 }),
    {
      name: "CliError",
      message: new RegExp(`is locked by another anchorage command \\(.*${LOCK_FILE.replace(".", "\\.")}\\)`),
    },
  );
});

test("a stale lock is taken over; the lock is released when fn throws", async () => {
  const dir = fresh();
  writeFileSync(join(dir, LOCK_FILE), "1\n");
  const old = new Date(Date.now() - 10 * 60_000);
  utimesSync(join(dir, LOCK_FILE), old, old);
  assert.equal(await withDirLock(dir, async () => "ran", { now: Date.now, timeoutMs: 30 }), "ran");
  await assert.rejects(
    withDirLock(dir, async () => Promise.reject(new Error("boom")), { now: Date.now }),
    /boom/,
  );
  assert.equal(existsSync(join(dir, LOCK_FILE)), false);
});
