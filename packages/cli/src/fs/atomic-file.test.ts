import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PUBLIC_FILE_MODE, SECRET_FILE_MODE, writeFileAtomic } from "./atomic-file.js";

test("writes the content with the mode, replacing an existing file, leaving no temporary file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "anchorage-atomic-"));
  const path = join(dir, "k.pem");
  writeFileSync(path, "old", { mode: 0o644 });
  await writeFileAtomic(path, "new", SECRET_FILE_MODE);
  assert.equal(readFileSync(path, "utf8"), "new");
  assert.equal(statSync(path).mode & 0o777, 0o600);
  await writeFileAtomic(join(dir, "c.pem"), Buffer.from("c"), PUBLIC_FILE_MODE);
  assert.equal(statSync(join(dir, "c.pem")).mode & 0o777, 0o644);
  assert.deepEqual(readdirSync(dir).sort(), ["c.pem", "k.pem"]);
});

test("a missing directory fails and leaves nothing behind", async () => {
  const dir = mkdtempSync(join(tmpdir(), "anchorage-atomic-"));
  await assert.rejects(writeFileAtomic(join(dir, "no", "x"), "x", SECRET_FILE_MODE), { code: "ENOENT" });
  assert.deepEqual(readdirSync(dir), []);
});
