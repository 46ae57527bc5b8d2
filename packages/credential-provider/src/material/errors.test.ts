import assert from "node:assert/strict";
import test from "node:test";
import { MATERIAL_ERRORS, MaterialError } from "./errors.js";

test("MaterialError carries its code, a one-line message and the cause", () => {
  const cause = new Error("inner\nerror");
  const e = new MaterialError("WrongPassphrase", "the passphrase from X\n  does not decrypt k.pem", {
    cause,
  });
  assert.equal(e.name, "MaterialError");
  assert.equal(e.code, "WrongPassphrase");
  assert.equal(e.message, "the passphrase from X does not decrypt k.pem");
  assert.equal(e.cause, cause);
  assert.ok(e instanceof Error);
});

test("every error code is documented in the table with a description", () => {
  const codes = Object.keys(MATERIAL_ERRORS);
  assert.equal(codes.length, 30); // 23, and 7 Pkcs11* codes (tested in test/e2e/pkcs11-*.test.ts)
  for (const code of codes)
    assert.match(MATERIAL_ERRORS[code as keyof typeof MATERIAL_ERRORS], /^[a-z].{10,}$/, code);
});
