import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { PATH_ERROR_CODES, PKI_ERRORS, PkiError } from "./errors.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");

test("README.md documents exactly the codes in PKI_ERRORS", () => {
  const documented = [...README.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual([...documented].sort(), Object.keys(PKI_ERRORS).sort());
});

test("path codes are the rows marked path: true", () => {
  assert.equal(PATH_ERROR_CODES.length, 19);
  for (const code of PATH_ERROR_CODES) assert.equal(PKI_ERRORS[code].path, true);
});

test("PkiError keeps its code and cause", () => {
  const cause = new Error("inner");
  const e = new PkiError("NotACrl", "outer", { cause });
  assert.equal(e.code, "NotACrl");
  assert.equal(e.cause, cause);
  assert.equal(e.name, "PkiError");
});
