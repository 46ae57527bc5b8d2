import assert from "node:assert/strict";
import { test } from "node:test";
import { requestIdGenerator, uuidV4 } from "./request-id.js";

test("uuidV4 sets the version and variant bits and keeps the rest", () => {
  assert.equal(uuidV4(Buffer.alloc(16, 0xff)), "ffffffff-ffff-4fff-bfff-ffffffffffff");
  assert.equal(uuidV4(Buffer.alloc(16, 0x00)), "00000000-0000-4000-8000-000000000000");
  assert.equal(
    uuidV4(Buffer.from("00112233445566778899aabbccddeeff", "hex")),
    "00112233-4455-4677-8899-aabbccddeeff",
  );
});

test("uuidV4 refuses anything but 16 bytes", () => {
  assert.throws(() => uuidV4(Buffer.alloc(15)), { name: "RangeError", message: /16 random bytes, got 15/ });
});

test("requestIdGenerator draws 16 bytes per id from the injected source", () => {
  const sizes: number[] = [];
  let n = 0;
  const next = requestIdGenerator((size) => {
    sizes.push(size);
    return Buffer.alloc(size, ++n);
  });
  assert.deepEqual(
    [next(), next()],
    ["01010101-0101-4101-8101-010101010101", "02020202-0202-4202-8202-020202020202"],
  );
  assert.deepEqual(sizes, [16, 16]);
});
