import assert from "node:assert/strict";
import { test } from "node:test";
import { NodeSha256 } from "./node-sha256.js";
import { sha256Hex } from "./sha256-hex.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

test("SHA-256 of the empty string and of 'abc' (FIPS 180-2 examples)", async () => {
  assert.equal(
    sha256Hex(Buffer.alloc(0)),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  const hash = new NodeSha256();
  hash.update(Buffer.from("abc"));
  assert.equal(hex(await hash.digest()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

test("HMAC-SHA256 with string and byte keys (RFC 4231 test case 2)", async () => {
  const expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  for (const key of ["Jefe", Buffer.from("Jefe"), new Uint8Array(Buffer.from("Jefe")).buffer]) {
    const mac = new NodeSha256(key);
    mac.update(Buffer.from("what do ya want for nothing?"));
    assert.equal(hex(await mac.digest()), expected);
  }
});
