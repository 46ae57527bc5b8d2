// `npm run conformance` (scripts/conformance.mjs): x509-limbo through `anchorage cert verify` must
// give the in-process verdicts. The full run takes about a minute, so the test suite runs a
// sample of categories here; the whole corpus runs in-process in packages/pki (limbo-conformance).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { REPO, tempDir } from "./pki-cli.js";

const SCRIPT = join(REPO, "scripts", "conformance.mjs");
const LIMBO = join(REPO, "..", "shared", "conformance", "x509-limbo", "limbo.json.gz");
const conformance = (args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { cwd: REPO, encoding: "utf8", timeout: 300_000 });

test("without ../shared/conformance it says so and exits 0", () => {
  const missing = join(tempDir("conformance"), "absent");
  const r = conformance(["--shared", missing]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `not available: ${missing} is missing (looked in ${missing}); nothing to run\n`);
});

test("bad options exit 2", () => {
  const r = conformance(["--profile", "webpki"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^conformance: --profile must be rfc5280 or roles-anywhere/);
});

test(
  "a sample of x509-limbo through the CLI: every verdict equals the in-process one, in both profiles",
  { skip: existsSync(LIMBO) ? false : `the x509-limbo corpus is not at ${LIMBO}` },
  () => {
    const r = conformance(["--only", "limbo", "--no-build", "--filter", "^(crl|pathlen)::|^rfc5280::aki::"]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const same = r.stdout.match(/every verdict is the same through the CLI/g) ?? [];
    assert.equal(same.length, 2, r.stdout);
    // rfc5280: all of crl and pathlen pass through the CLI (the README's 146/147 minus the AKI case).
    assert.match(r.stdout, /profile rfc5280 \((\d+) cases[\s\S]*?crl:: +8\/8 [\s\S]*?pathlen:: +13\/13 /);
    assert.match(
      r.stdout,
      /failures \(1\):\n {4}rfc5280::aki::cross-signed-root-missing-aki: expected FAILURE, got SUCCESS/,
    );
    assert.doesNotMatch(r.stdout, /got (ERROR|TIMEOUT)/);
  },
);
