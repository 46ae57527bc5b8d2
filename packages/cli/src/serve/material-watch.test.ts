import assert from "node:assert/strict";
import { mkdtempSync, renameSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { contentChanged, fileState, watchMaterial } from "./material-watch.js";

const dir = mkdtempSync(join(tmpdir(), "anchorage-watch-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("a touch or an identical rewrite is no change; new content or a deletion is", () => {
  const file = join(dir, "a.pem");
  writeFileSync(file, "one");
  const a = fileState(file);
  utimesSync(file, new Date(), new Date(Date.now() + 5000));
  assert.equal(contentChanged(a, fileState(file, a)), false);
  writeFileSync(file, "two");
  assert.equal(contentChanged(a, fileState(file, a)), true);
  unlinkSync(file);
  assert.deepEqual(fileState(file), { kind: "missing" });
});

test("a file replaced by rename is reported once both files are in place", async () => {
  const cert = join(dir, "c.pem");
  const key = join(dir, "c.key");
  writeFileSync(cert, "cert-1");
  writeFileSync(key, "key-1");
  const reports: string[][] = [];
  const watcher = watchMaterial([cert, key], {
    onChange: (c) => reports.push([...c]),
    log: () => undefined,
    debounceMs: 100,
  });
  try {
    writeFileSync(join(dir, ".c.key.new"), "key-2");
    renameSync(join(dir, ".c.key.new"), key);
    writeFileSync(join(dir, ".c.pem.new"), "cert-2");
    renameSync(join(dir, ".c.pem.new"), cert);
    const until = Date.now() + 5000;
    while (reports.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(reports, [[cert, key]]);
    writeFileSync(join(dir, "unrelated"), "x");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(reports.length, 1, "other files in the directory do not count");
  } finally {
    watcher.close();
  }
});
