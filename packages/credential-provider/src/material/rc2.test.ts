import assert from "node:assert/strict";
import test from "node:test";
import { tsvRows } from "./fixture-files.js";
import { rc2CbcDecrypt } from "./rc2.js";

test("rc2CbcDecrypt inverts openssl's rc2-40-cbc, rc2-64-cbc and rc2-cbc", () => {
  const rows = tsvRows("rc2-vectors.tsv");
  for (const [bits, key, iv, plaintext, ciphertext] of rows) {
    const got = rc2CbcDecrypt(
      Buffer.from(key!, "hex"),
      Number(bits),
      Buffer.from(iv!, "hex"),
      Buffer.from(ciphertext!, "hex"),
    );
    assert.equal(got.toString("hex"), plaintext, `${bits}-bit key ${key}`);
  }
  assert.equal(rows.length, 8);
  assert.deepEqual([...new Set(rows.map((r) => r[0]))], ["40", "64", "128"]);
});

test("rc2CbcDecrypt refuses partial blocks and bad key sizes", () => {
  assert.throws(() => rc2CbcDecrypt(Buffer.alloc(5), 40, Buffer.alloc(8), Buffer.alloc(7)), RangeError);
  assert.throws(() => rc2CbcDecrypt(Buffer.alloc(5), 40, Buffer.alloc(7), Buffer.alloc(8)), RangeError);
  assert.throws(() => rc2CbcDecrypt(Buffer.alloc(0), 40, Buffer.alloc(8), Buffer.alloc(8)), RangeError);
  assert.throws(() => rc2CbcDecrypt(Buffer.alloc(5), 0, Buffer.alloc(8), Buffer.alloc(8)), RangeError);
});
