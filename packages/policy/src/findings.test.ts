import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { FINDINGS, MalformedPolicyError } from "./findings.js";

test("README lists exactly the finding codes of FINDINGS, with their severities", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const rows = [...readme.matchAll(/^\| `(\w+)` \| (error|warning) \|$/gm)].map((m) => [m[1], m[2]]);
  assert.equal(rows.length, 44);
  assert.deepEqual(Object.fromEntries(rows), FINDINGS);
});

test("MalformedPolicyError carries the first finding's code and position", () => {
  const e = new MalformedPolicyError(
    [
      {
        code: "InvalidEffect",
        severity: "error",
        message: "Statement[0]: Effect …",
        path: "Statement[0].Effect",
        position: { line: 2, column: 3 },
      },
      { code: "MissingAction", severity: "error", message: "Statement[0]: …", path: "Statement[0]" },
    ],
    { cause: "x" },
  );
  assert.equal(e.code, "InvalidEffect");
  assert.equal(e.message, "Statement[0]: Effect … (line 2, column 3) [and 1 more error]");
  assert.equal(e.cause, "x");
  assert.throws(() => new MalformedPolicyError([]), TypeError);
});
