import assert from "node:assert/strict";
import { test } from "node:test";

import { decodeBase64Strict, encodeBase64 } from "./base64.js";

// The malformed values are Smithy's restJson1 malformed-blob cases, plus non-zero trailing bits.
const CASES: readonly [string, string | null][] = [
  ["YmxvYg==", "blob"],
  ["", ""],
  ["YQ==", "a"],
  ["YWI=", "ab"],
  ["blob", null], // canonical base64 of three bytes (Smithy sends it unquoted: a JSON error, not a blob error)
  ["xyz", "its length 3 is not a multiple of 4"],
  ["YmxvYg=", "its length 7 is not a multiple of 4"],
  ["-_==", "character '-' at offset 0 is not in the base64 alphabet"],
  ["YQ=a", "padding '=' may only end the text"],
  ["YR==", "the bits after the last character are not zero"],
];

test("decodeBase64Strict accepts canonical padded base64 only", () => {
  assert.equal(CASES.length, 10);
  for (const [text, expected] of CASES) {
    const out = decodeBase64Strict(text);
    if (expected === null) {
      assert.ok(Buffer.isBuffer(out), text);
      assert.equal(encodeBase64(out), text);
    } else if (typeof out === "string") {
      assert.equal(out, expected, text);
    } else {
      assert.equal(out.toString("utf8"), expected, text);
    }
  }
});

test("encodeBase64 encodes a view, not its whole buffer", () => {
  const whole = Buffer.from("xxabcxx");
  assert.equal(encodeBase64(whole.subarray(2, 5)), "YWJj");
});
