import assert from "node:assert/strict";
import { test } from "node:test";
import { sha256Hex } from "./sha256-hex.js";

test("SHA-256 of 'abc' (FIPS 180-2 example), lower-case hex; strings hash as UTF-8", () => {
  assert.equal(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(sha256Hex("é"), sha256Hex(Buffer.from([0xc3, 0xa9])));
});
