import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { writeFileAtomic } from "./atomic-file.js";

test("writes the file with mode 0600, replacing what was there, and leaves no temporary file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "anchorage-atomic-"));
  const path = join(dir, "creds");
  await writeFile(path, "old", { mode: 0o644 });
  await writeFileAtomic(path, "new");
  assert.equal(await readFile(path, "utf8"), "new");
  assert.equal((await stat(path)).mode & 0o777, 0o600);
  assert.deepEqual(await readdir(dir), ["creds"]);
});

test("a failed write leaves the old file untouched", async () => {
  const dir = await mkdtemp(join(tmpdir(), "anchorage-atomic-"));
  const path = join(dir, "creds");
  await writeFile(path, "old");
  await assert.rejects(writeFileAtomic(join(dir, "missing-dir", "creds"), "new"), { code: "ENOENT" });
  assert.equal(await readFile(path, "utf8"), "old");
  assert.deepEqual(await readdir(dir), ["creds"]);
});
