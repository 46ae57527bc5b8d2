import assert from "node:assert/strict";
import { test } from "node:test";
import {
  canonicalHeaderValue,
  canonicalHeaders,
  signedHeaderList,
  signedHeaderNames,
} from "./canonical-headers.js";
import { expectX509Error } from "./expect-error.fixture.js";

const values: [string, string][] = [
  ["value1", "value1"],
  ["  value1  ", "value1"],
  ['"a   b   c"', '"a b c"'],
  ["value1\n  value2\n     value3", "value1 value2 value3"],
  ["\ta\t\tb ", "a b"],
  ["", ""],
];

test("6 header value cases", () => assert.equal(values.length, 6));
for (const [input, expected] of values) {
  test(`canonicalHeaderValue(${JSON.stringify(input)})`, () =>
    assert.equal(canonicalHeaderValue(input), expected));
}

test("canonicalHeaders: lower-case names in signed order, repeated headers joined with ','", () => {
  const headers: [string, string][] = [
    ["My-Header1", "value4"],
    ["Host", "example.amazonaws.com"],
    ["my-header1", " value1 "],
    ["Unsigned", "x"],
  ];
  assert.equal(
    canonicalHeaders(headers, ["host", "my-header1"]),
    "host:example.amazonaws.com\nmy-header1:value4,value1\n",
  );
});

test("canonicalHeaders rejects a signed header the request does not have", () => {
  expectX509Error(
    () => canonicalHeaders([["Host", "h"]], ["host", "x-amz-date"]),
    "SignedHeaderAbsent",
    /lists 'x-amz-date'/,
  );
});

test("signedHeaderNames: sorted, lower-case, unique, without the unsigned headers", () => {
  const headers: [string, string][] = [
    ["Host", "h"],
    ["User-Agent", "ua"],
    ["Content-Type", "application/json"],
    ["X-Amzn-Trace-Id", "t"],
    ["Accept-Encoding", "gzip"],
    ["Transfer-Encoding", "chunked"],
    ["X-Amz-Date", "d"],
    ["x-amz-date", "d"],
  ];
  assert.deepEqual(signedHeaderNames(headers), ["content-type", "host", "x-amz-date"]);
  assert.deepEqual(signedHeaderNames(headers, []), [
    "accept-encoding",
    "content-type",
    "host",
    "transfer-encoding",
    "user-agent",
    "x-amz-date",
    "x-amzn-trace-id",
  ]);
  assert.equal(signedHeaderList(["content-type", "host"]), "content-type;host");
});

test("canonicalHeaderValue equals trim-and-collapse on 20,000 generated values (the fast path included)", () => {
  const pieces = ["a", "b", " ", "  ", "\t", "\n", "\r", "\u00a0", "\u2028", "\ufeff", "\u3000", "="];
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  let checked = 0;
  for (let n = 0; n < 20_000; n++) {
    let value = "";
    for (let i = next() % 8; i > 0; i--) value += pieces[next() % pieces.length];
    assert.equal(canonicalHeaderValue(value), value.trim().replace(/\s+/g, " "), JSON.stringify(value));
    checked++;
  }
  assert.equal(checked, 20_000);
});

test("canonicalHeaders ignores unsigned headers entirely", () => {
  const headers: [string, string][] = [
    ["Host", "h"],
    ["Authorization", "AWS4-X509-RSA-SHA256   Credential=…"],
    ["Content-Length", "24"],
  ];
  assert.equal(canonicalHeaders(headers, ["host"]), "host:h\n");
});
