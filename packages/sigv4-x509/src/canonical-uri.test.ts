import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalUri, normalizePath } from "./canonical-uri.js";

const normalisations: [string, string][] = [
  ["/", "/"],
  ["", "/"],
  ["/sessions", "/sessions"],
  ["//", "/"],
  ["//example//", "/example/"],
  ["/./", "/"],
  ["/./example", "/example"],
  ["/example/..", "/"],
  ["/example1/example2/../..", "/"],
  ["/a/./b/../c//", "/a/c/"],
  ["/a/.", "/a/"],
  ["/../a", "/a"],
];

test("12 normalisation cases", () => assert.equal(normalisations.length, 12));
for (const [input, expected] of normalisations) {
  test(`normalizePath(${JSON.stringify(input)}) is ${JSON.stringify(expected)}`, () => {
    assert.equal(normalizePath(input), expected);
  });
}

test("canonicalUri normalises by default and can be told not to", () => {
  assert.equal(canonicalUri("//example//"), "/example/");
  assert.equal(canonicalUri("//example//", { normalize: false }), "//example//");
});

test("canonicalUri encodes each segment, keeping '/'; an encoded path is encoded again", () => {
  assert.equal(canonicalUri("/example space/"), "/example%20space/");
  assert.equal(canonicalUri("/a%20b"), "/a%2520b");
  assert.equal(canonicalUri("/sessions"), "/sessions");
});
