import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalUri, normalizeBySegments, normalizePath } from "./canonical-uri.js";

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

test("normalizePath equals the segment-by-segment definition on 30,000 generated paths", () => {
  const pieces = ["/", "a", ".", "..", "b", "//", "/.", "./", "x.", ".y"];
  let seed = 3;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  let checked = 0;
  for (let n = 0; n < 30_000; n++) {
    let path = "";
    for (let i = next() % 7; i > 0; i--) path += pieces[next() % pieces.length];
    assert.equal(normalizePath(path), normalizeBySegments(path), JSON.stringify(path));
    checked++;
  }
  assert.equal(checked, 30_000);
});
