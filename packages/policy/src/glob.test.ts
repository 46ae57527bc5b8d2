import assert from "node:assert/strict";
import { test } from "node:test";
import { compileGlob, formatGlob, isLiteralGlob, matchGlob, QMARK, STAR } from "./glob.js";

// iam-sts.md §1.1: `*` any run of characters (also "/" and ":"), `?` exactly one character.
const CASES: readonly [pattern: string, text: string, expected: boolean][] = [
  ["*", "", true],
  ["*", "anything:at/all", true],
  ["", "", true],
  ["", "x", false],
  ["abc", "abc", true],
  ["abc", "abC", false],
  ["?", "a", true],
  ["?", "", false],
  ["?", "ab", false],
  ["a*", "a", true],
  ["a*", "abc", true],
  ["a*", "ba", false],
  ["*c", "abc", true],
  ["*c", "abd", false],
  ["a*c", "ac", true],
  ["a*c", "abbbc", true],
  ["a*c", "abbbd", false],
  ["*a*b", "xaxb", true],
  ["*a*b", "xaxbx", false],
  ["a?c", "abc", true],
  ["a?c", "ac", false],
  ["*?", "", false],
  ["*?", "x", true],
  ["a**b", "ab", true],
  ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b:c", true],
  ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket2/a", false],
  ["s3:get?bject", "s3:getobject", true],
  ["*ab*ab*", "xxabyyabzz", true],
  ["*ab*ab*", "xxabyyzz", false],
  ["a*b*c*d", "aXbXcXd", true],
  ["a*b*c*d", "aXbXcX", false],
];

test("matchGlob follows the IAM wildcard rules", () => {
  assert.equal(CASES.length, 31);
  for (const [pattern, text, expected] of CASES) {
    assert.equal(
      matchGlob(compileGlob(pattern), text),
      expected,
      `${JSON.stringify(pattern)} vs ${JSON.stringify(text)}`,
    );
  }
});

test("compileGlob collapses repeated stars and merges literal runs", () => {
  assert.deepEqual(compileGlob("a**b?c"), ["a", STAR, "b", QMARK, "c"]);
  assert.equal(isLiteralGlob(compileGlob("abc")), true);
  assert.equal(isLiteralGlob(compileGlob("a*")), false);
});

test("formatGlob writes literal wildcard characters as ${*} and ${?}", () => {
  assert.equal(formatGlob(["a", STAR, "b*?$"]), "a*b${*}${?}${$}");
});

// Backtracking would take longer than the age of the universe here; a linear matcher takes under
// a millisecond. The test's timeout is the guard: no wall-clock assertion.
test("matching long texts with many stars ends (no exponential backtracking)", { timeout: 30_000 }, () => {
  const pattern = compileGlob("*a*a*a*a*a*a*a*a*b");
  assert.equal(matchGlob(pattern, "a".repeat(5000)), false);
});
