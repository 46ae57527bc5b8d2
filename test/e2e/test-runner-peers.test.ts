// scripts/test.mjs and the peer commands it does not install (the AWS CLI, openssl): without them a
// run under CI fails before any test starts, so CI never passes with the AWS CLI tests skipped;
// outside CI it says which tests will skip and runs.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
// A PATH holding node and nothing else: no aws, no openssl.
const bin = mkdtempSync(join(tmpdir(), "anchorage-nopeers-"));
symlinkSync(process.execPath, join(bin, "node"));
after(() => rmSync(bin, { recursive: true, force: true }));

/** `node scripts/test.mjs test/e2e/cli-version.test.ts` with only `env` (no inherited test context). */
function runTests(env: Record<string, string>) {
  return spawnSync(process.execPath, ["scripts/test.mjs", "test/e2e/cli-version.test.ts"], {
    cwd: REPO,
    env: {
      PATH: bin,
      HOME: process.env.HOME ?? bin,
      // cli-version never opens it; set, so the run starts no PostgreSQL of its own.
      ANCHORAGE_TEST_PG_URL: "postgres://nobody@127.0.0.1:1/unused",
      ...env,
    },
    encoding: "utf8",
    timeout: 120_000,
  });
}

test("under CI, no aws and no openssl on PATH: exit 1 before any test runs, naming both", () => {
  const run = runTests({ CI: "true" });
  assert.equal(run.status, 1, run.stderr);
  assert.match(
    run.stderr,
    /the AWS CLI \(aws\) and openssl: not found or not working here; CI runs the tests/,
  );
  assert.doesNotMatch(run.stdout, /# tests/, "no test ran");
});

test("outside CI (CI unset or false), the same machine warns and runs the tests", () => {
  for (const env of [{}, { CI: "false" }] as Record<string, string>[]) {
    const run = runTests(env);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /\[peers\] the AWS CLI \(aws\) and openssl: .*will skip, saying so/);
    assert.match(run.stdout, /# pass [1-9]/);
  }
});
