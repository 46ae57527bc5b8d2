import assert from "node:assert/strict";
import { test } from "node:test";
import { expectX509Error } from "./expect-error.fixture.js";
import {
  hasHeader,
  headerValues,
  indexHeaders,
  singleHeader,
  singleIndexedHeader,
  toHeaderList,
} from "./header-list.js";

const PAIRS: [string, string][] = [
  ["Host", "h"],
  ["X-Amz-Date", "d"],
  ["x-custom", "1"],
  ["X-Custom", "2"],
];

test("toHeaderList accepts pairs, node's flat rawHeaders and a record", () => {
  assert.deepEqual(toHeaderList(PAIRS), PAIRS);
  assert.deepEqual(toHeaderList(PAIRS.flat()), PAIRS);
  assert.deepEqual(toHeaderList({ host: "h", "x-custom": ["1", "2"], absent: undefined }), [
    ["host", "h"],
    ["x-custom", "1"],
    ["x-custom", "2"],
  ]);
  assert.deepEqual(toHeaderList([]), []);
});

test("toHeaderList rejects an odd flat list", () => {
  assert.throws(() => toHeaderList(["Host"]), {
    name: "TypeError",
    message: /alternate name and value; got 1/,
  });
});

test("lookups are case-insensitive and keep wire order", () => {
  assert.deepEqual(headerValues(PAIRS, "x-custom"), ["1", "2"]);
  assert.equal(hasHeader(PAIRS, "host"), true);
  assert.equal(hasHeader(PAIRS, "authorization"), false);
  assert.equal(singleHeader(PAIRS, "x-amz-date", "X-Amz-Date"), "d");
  assert.equal(singleHeader(PAIRS, "authorization", "Authorization"), undefined);
});

test("singleHeader rejects a repeated header with DuplicateHeader", () => {
  expectX509Error(
    () => singleHeader(PAIRS, "x-custom", "X-Custom"),
    "DuplicateHeader",
    /2 X-Custom headers; send exactly one/,
  );
});

test("indexHeaders: each lower-case name's values in wire order, as headerValues finds them", () => {
  const index = indexHeaders(PAIRS);
  assert.deepEqual([...index.keys()], ["host", "x-amz-date", "x-custom"]);
  for (const name of ["host", "x-amz-date", "x-custom", "absent"])
    assert.deepEqual(index.get(name) ?? [], headerValues(PAIRS, name), name);
  assert.equal(singleIndexedHeader(index, "host", "Host"), "h");
  assert.equal(singleIndexedHeader(index, "absent", "Absent"), undefined);
  expectX509Error(
    () => singleIndexedHeader(index, "x-custom", "X-Custom"),
    "DuplicateHeader",
    /carries 2 X-Custom headers/,
  );
});
