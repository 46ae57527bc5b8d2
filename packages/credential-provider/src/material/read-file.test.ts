import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { readBoundedFile } from "./read-file.js";

test("readBoundedFile reads whole files and refuses ones over the limit", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "anchorage-read-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const small = join(dir, "small");
  await writeFile(small, Buffer.alloc(100_000, 7));
  assert.deepEqual(await readBoundedFile(small), Buffer.alloc(100_000, 7));
  const exact = join(dir, "exact");
  await writeFile(exact, Buffer.alloc(1000, 1));
  assert.equal((await readBoundedFile(exact, 1000)).length, 1000);
  await assert.rejects(readBoundedFile(exact, 999), { code: "EFBIG" });
  await assert.rejects(readBoundedFile(join(dir, "missing")), { code: "ENOENT" });
  await assert.rejects(readBoundedFile(dir), { code: "EISDIR" });
});

test("readBoundedFile stops reading an endless device at the limit", async () => {
  await assert.rejects(readBoundedFile("/dev/zero", 4096), { code: "EFBIG" });
});
