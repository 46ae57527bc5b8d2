// scripts/system.mjs: how the test scripts install a missing service (PostgreSQL, SoftHSM2) from
// Debian's packages, driven here against a fake apt-get that records its calls and fails on cue.
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { installDebianPackages, isRoot, onPath } from "../../scripts/system.mjs";

const dir = mkdtempSync(join(tmpdir(), "anchorage-fake-apt-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const calls = join(dir, "calls");
const failInstalls = join(dir, "fail-installs");
// Records "DEBIAN_FRONTEND args…"; fails `install` while fail-installs holds a positive count.
writeFileSync(
  join(dir, "apt-get"),
  `#!/bin/sh
echo "$DEBIAN_FRONTEND $*" >> "${calls}"
if [ "$1" = install ]; then
  n=$(cat "${failInstalls}" 2>/dev/null || echo 0)
  if [ "$n" -gt 0 ]; then
    echo $((n - 1)) > "${failInstalls}"
    echo "E: Unable to locate package $4"; echo "line two"; echo "E: the last line"
    exit 100
  fi
fi
exit 0
`,
);
chmodSync(join(dir, "apt-get"), 0o755);
const PATH = `${dir}:/usr/bin:/bin`;
const skip = isRoot() ? false : "runs as root only (the fake apt-get is not reached through sudo)";

function install(failures: number): { lines: string[]; calls: string[]; error?: Error } {
  writeFileSync(calls, "");
  writeFileSync(failInstalls, String(failures));
  const lines: string[] = [];
  try {
    installDebianPackages(["pkg-a", "pkg-b"], { missing: "Thing", log: (l) => lines.push(l), path: PATH });
    return { lines, calls: readFileSync(calls, "utf8").trim().split("\n") };
  } catch (error) {
    return { lines, calls: readFileSync(calls, "utf8").trim().split("\n"), error: error as Error };
  }
}

const INSTALL = "noninteractive install -y --no-install-recommends pkg-a pkg-b";

test("finds the fake apt-get first on the given PATH", () => {
  assert.equal(onPath("apt-get", PATH), join(dir, "apt-get"));
  assert.equal(onPath("apt-get", dir.concat("-none")), undefined);
});

test("installs with one non-interactive apt-get install when it works", { skip }, () => {
  const run = install(0);
  assert.equal(run.error, undefined);
  assert.deepEqual(run.calls, [INSTALL]);
  assert.deepEqual(run.lines, []);
});

test("a failed install runs apt-get update, says so, and tries once more", { skip }, () => {
  const run = install(1);
  assert.equal(run.error, undefined);
  assert.deepEqual(run.calls, [INSTALL, "noninteractive update", INSTALL]);
  assert.deepEqual(run.lines, ["apt-get install failed; running apt-get update and trying again"]);
});

test("a second failure throws, naming the packages and apt-get's last lines", { skip }, () => {
  const run = install(2);
  assert.deepEqual(run.calls, [INSTALL, "noninteractive update", INSTALL]);
  assert.equal(
    run.error?.message,
    "apt-get install pkg-a pkg-b failed: E: Unable to locate package pkg-a line two E: the last line",
  );
});

test("without apt-get on PATH: what is missing, and that it cannot be installed", () => {
  assert.throws(
    () => installDebianPackages(["pkg-a"], { missing: "Thing", log: () => {}, path: join(dir, "empty") }),
    { message: "Thing is not installed and apt-get is not available to install it" },
  );
});
