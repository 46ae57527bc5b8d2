import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../packages/cli/bin/anchorage.js", import.meta.url));
const PKG = JSON.parse(readFileSync(new URL("../../packages/cli/package.json", import.meta.url), "utf8")) as {
  version: string;
};

test("`anchorage version` prints the package version and a newline, as AWS's helper does", () => {
  assert.equal(execFileSync(process.execPath, [BIN, "version"], { encoding: "utf8" }), `${PKG.version}\n`);
});
