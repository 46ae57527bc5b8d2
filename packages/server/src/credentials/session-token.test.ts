import assert from "node:assert/strict";
import { test } from "node:test";
import { formatSessionToken, parseSessionToken, type SessionTokenEnvelope } from "./session-token.js";

const ENVELOPE: SessionTokenEnvelope = {
  version: 1,
  keyId: "sk0123456789abcdef",
  nonce: Buffer.alloc(12, 7),
  ciphertext: Buffer.from("ciphertext bytes"),
  tag: Buffer.alloc(16, 9),
};

test("an envelope round-trips through its base64url text", () => {
  const token = formatSessionToken(ENVELOPE);
  assert.match(token, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(parseSessionToken(token), ENVELOPE);
});

test("the key id travels in the clear right after the version", () => {
  const bytes = Buffer.from(formatSessionToken(ENVELOPE), "base64url");
  assert.equal(bytes[0], 1);
  assert.equal(bytes[1], ENVELOPE.keyId.length);
  assert.equal(bytes.subarray(2, 2 + ENVELOPE.keyId.length).toString(), ENVELOPE.keyId);
});

const token = formatSessionToken(ENVELOPE);
const withBytes = (edit: (b: Buffer) => Buffer) =>
  edit(Buffer.from(token, "base64url")).toString("base64url");
const BAD: { name: string; token: string; problem: string }[] = [
  { name: "empty", token: "", problem: "malformed" },
  { name: "standard base64 characters", token: `${token.slice(0, -1)}+`, problem: "malformed" },
  { name: "padding", token: `${token}=`, problem: "malformed" },
  { name: "too long", token: "A".repeat(8193), problem: "malformed" },
  {
    name: "another version",
    token: withBytes((b) => Buffer.concat([Buffer.of(2), b.subarray(1)])),
    problem: "unsupported-version",
  },
  {
    name: "a zero-length key id",
    token: withBytes((b) => Buffer.concat([Buffer.of(1, 0), b.subarray(2)])),
    problem: "malformed",
  },
  { name: "truncated", token: withBytes((b) => b.subarray(0, 30)), problem: "malformed" },
  {
    name: "a key id that is not printable",
    token: withBytes((b) => {
      const c = Buffer.from(b);
      c[2] = 0x01;
      return c;
    }),
    problem: "malformed",
  },
];

test("malformed tokens are refused before any decryption", () => {
  assert.equal(BAD.length, 8);
  for (const c of BAD) {
    assert.throws(
      () => parseSessionToken(c.token),
      { name: "SessionTokenError", problem: c.problem },
      c.name,
    );
  }
});

test("formatting refuses envelopes it could not parse back", () => {
  assert.throws(() => formatSessionToken({ ...ENVELOPE, keyId: "" }), TypeError);
  assert.throws(() => formatSessionToken({ ...ENVELOPE, keyId: "has space" }), TypeError);
  assert.throws(() => formatSessionToken({ ...ENVELOPE, nonce: Buffer.alloc(11) }), TypeError);
});
