import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { X509RequestError, X509_REQUEST_ERRORS, isX509RequestError, quoteInput } from "./errors.js";

const README = fileURLToPath(new URL("../README.md", import.meta.url));

/** Rows `| \`Code\` | kind | ... |` of the README's "Error codes" section. */
function documentedCodes(): [string, string][] {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf("\n## Error codes\n");
  assert.ok(start >= 0, "README.md has an '## Error codes' section");
  const next = text.indexOf("\n## ", start + 1);
  const section = text.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/^\| `(\w+)` \| (\w+) \|/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]);
}

test("the table has 28 codes", () => assert.equal(Object.keys(X509_REQUEST_ERRORS).length, 28));

test("README.md documents exactly the codes of the table, with their kind", () => {
  const documented = documentedCodes();
  assert.deepEqual(documented.map(([code]) => code).sort(), Object.keys(X509_REQUEST_ERRORS).sort());
  for (const [code, kind] of documented) {
    assert.equal(kind, X509_REQUEST_ERRORS[code as keyof typeof X509_REQUEST_ERRORS].kind, code);
  }
});

test("kinds are validation or signature only", () => {
  const kinds = new Set(Object.values(X509_REQUEST_ERRORS).map((e) => e.kind));
  assert.deepEqual([...kinds].sort(), ["signature", "validation"]);
});

test("X509RequestError carries code, kind, name and cause", () => {
  const cause = new Error("inner");
  const error = new X509RequestError("WrongRegion", "signed for eu-west-1", { cause });
  assert.equal(error.name, "X509RequestError");
  assert.equal(error.code, "WrongRegion");
  assert.equal(error.kind, "signature");
  assert.equal(error.cause, cause);
  assert.ok(error instanceof Error);
  assert.equal(isX509RequestError(error), true);
  assert.equal(isX509RequestError(error, "WrongRegion"), true);
  assert.equal(isX509RequestError(error, "SerialMismatch"), false);
  assert.equal(isX509RequestError(new Error("x")), false);
  assert.equal(new X509RequestError("InvalidParameter", "x").kind, "validation");
});

test("quoteInput quotes and truncates untrusted input", () => {
  assert.equal(quoteInput('a"b'), '"a\\"b"');
  assert.equal(quoteInput("x".repeat(100), 5), '"xxxxx…"');
  assert.equal(quoteInput("line\nbreak"), '"line\\nbreak"');
});
