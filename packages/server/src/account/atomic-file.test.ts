import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PUBLIC_FILE_MODE, SECRET_FILE_MODE, writeFileAtomic } from "./atomic-file.js";

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

test("an explicit mode: SECRET_FILE_MODE and PUBLIC_FILE_MODE", async () => {
  const dir = await mkdtemp(join(tmpdir(), "anchorage-atomic-"));
  const path = join(dir, "k.pem");
  await writeFile(path, "old", { mode: 0o644 });
  await writeFileAtomic(path, "new", SECRET_FILE_MODE);
  assert.equal(await readFile(path, "utf8"), "new");
  assert.equal((await stat(path)).mode & 0o777, 0o600);
  await writeFileAtomic(join(dir, "c.pem"), Buffer.from("c"), PUBLIC_FILE_MODE);
  assert.equal((await stat(join(dir, "c.pem"))).mode & 0o777, 0o644);
  assert.deepEqual((await readdir(dir)).sort(), ["c.pem", "k.pem"]);
});
