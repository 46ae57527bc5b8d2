import assert from "node:assert/strict";
import { test } from "node:test";
import { ModelOutputError } from "./errors.js";
import { outputList, outputStructure } from "./output-value.js";

const NOT_A_STRUCTURE: readonly [unknown, string][] = [
  [null, "null"],
  [[1], "an array"],
  [new Date(0), "a Date"],
  [Uint8Array.of(1), "bytes"],
  ["s", "a string"],
  [1, "a number"],
  [undefined, "a undefined"],
];

test("outputStructure returns a plain object as it is", () => {
  const value = { a: 1 };
  assert.equal(outputStructure(value, "x"), value);
});

test("outputStructure refuses what is not a plain object, naming the path (the root as (root))", () => {
  let checked = 0;
  for (const [value, got] of NOT_A_STRUCTURE) {
    assert.throws(() => outputStructure(value, "a.b"), {
      name: "ModelOutputError",
      message: `output a.b: expected a structure, got ${got}`,
    });
    checked++;
  }
  assert.equal(checked, 7);
  assert.throws(
    () => outputStructure(null, ""),
    (e: unknown) => e instanceof ModelOutputError && e.path === "(root)",
  );
});

test("outputList returns an array as it is and refuses anything else", () => {
  const value = [1, 2];
  assert.equal(outputList(value, "l"), value);
  assert.throws(() => outputList({ 0: 1 }, "l.1.member"), {
    name: "ModelOutputError",
    message: "output l.1.member: expected a list, got an object",
  });
});
