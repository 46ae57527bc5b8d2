import assert from "node:assert/strict";
import { test } from "node:test";
import { EMPTY_PAYLOAD_HASH, payloadHash } from "./payload-hash.js";

test("the empty body hashes to EMPTY_PAYLOAD_HASH, as a string or bytes", () => {
  assert.equal(payloadHash(""), EMPTY_PAYLOAD_HASH);
  assert.equal(payloadHash(new Uint8Array()), EMPTY_PAYLOAD_HASH);
});

test("the helper's default body hashes to the recorded bodySha256", () => {
  const expected = "1a15f67f6619aa540b13e9a4c37d149fb2c9bdea25d82b73a3878826694dfe27";
  assert.equal(payloadHash('{"durationSeconds":3600}'), expected);
  assert.equal(payloadHash(Buffer.from('{"durationSeconds":3600}')), expected);
});
