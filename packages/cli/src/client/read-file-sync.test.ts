import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { readFileSyncBounded } from "./read-file-sync.js";

test("reads whole files, refuses ones over the bound, and rejects with the system error code", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "anchorage-read-sync-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "f");
  writeFileSync(file, Buffer.alloc(100_000, 7));
  assert.deepEqual(await readFileSyncBounded()(file), Buffer.alloc(100_000, 7));
  assert.equal((await readFileSyncBounded(100_000)(file)).length, 100_000);
  await assert.rejects(readFileSyncBounded(99_999)(file), { code: "EFBIG" });
  await assert.rejects(readFileSyncBounded()(join(dir, "missing")), { code: "ENOENT" });
  await assert.rejects(readFileSyncBounded()(dir), { code: "EISDIR" });
  await assert.rejects(readFileSyncBounded(4096)("/dev/zero"), { code: "EFBIG" });
});
