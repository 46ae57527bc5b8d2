import assert from "node:assert/strict";
import { randomFillSync } from "node:crypto";
import { test } from "node:test";
import { pooledRandomBytes } from "./random-pool.js";

/** A fill that writes a counter, so every byte handed out can be traced to its block and offset. */
function countingFill() {
  const calls: number[] = [];
  let next = 1;
  const fill = (buffer: Buffer) => {
    calls.push(buffer.length);
    for (let i = 0; i < buffer.length; i++) buffer[i] = next++ & 0xff;
  };
  return { calls, fill };
}

test("small draws come from one block, in order, each byte once", () => {
  const { calls, fill } = countingFill();
  const random = pooledRandomBytes(fill, 64);
  assert.deepEqual([...random(4)], [1, 2, 3, 4]);
  assert.deepEqual([...random(16)], [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  assert.deepEqual(calls, [64]);
});

test("a block that cannot serve a draw is replaced, its rest never handed out", () => {
  const { calls, fill } = countingFill();
  const random = pooledRandomBytes(fill, 64);
  const sizes = [16, 16, 16, 12, 8];
  const drawn = sizes.map((size) => random(size));
  assert.equal(drawn.length, 5);
  assert.deepEqual(calls, [64, 64]);
  assert.deepEqual([...(drawn[3] ?? [])], [49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60]);
  // 4 bytes (61..64) are left in the first block; the 8 come from the second.
  assert.deepEqual([...(drawn[4] ?? [])], [65, 66, 67, 68, 69, 70, 71, 72]);
});

test("draws larger than a quarter of the block go straight to the source", () => {
  const { calls, fill } = countingFill();
  const random = pooledRandomBytes(fill, 64);
  assert.equal(random(17).length, 17);
  assert.equal(random(16).length, 16);
  assert.deepEqual(calls, [17, 64]);
});

test("each draw is a copy: no view of the block, and the block forgets what it handed out", () => {
  const blocks: Buffer[] = [];
  const random = pooledRandomBytes((buffer) => {
    blocks.push(buffer);
    buffer.fill(0xaa);
  }, 64);
  const first = random(16);
  assert.notEqual(first.buffer, blocks[0]?.buffer);
  first.fill(1);
  assert.deepEqual(
    [...random(16)],
    Array.from({ length: 16 }, () => 0xaa),
  );
  assert.deepEqual(
    [...(blocks[0] ?? Buffer.alloc(0)).subarray(0, 32)],
    Array.from({ length: 32 }, () => 0),
  );
});

test("zero bytes, and bad sizes refused", () => {
  const random = pooledRandomBytes(randomFillSync);
  assert.equal(random(0).length, 0);
  assert.throws(() => random(-1), RangeError);
  assert.throws(() => random(1.5), RangeError);
  assert.throws(() => pooledRandomBytes(randomFillSync, 16), RangeError);
});

test("with the real CSPRNG, draws differ", () => {
  const random = pooledRandomBytes(randomFillSync);
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) seen.add(random(16).toString("hex"));
  assert.equal(seen.size, 1000);
});
