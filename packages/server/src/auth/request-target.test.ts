import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRequestTarget, queryRecord } from "./request-target.js";

test("the path is kept as received and the query decoded in order", () => {
  assert.deepEqual(parseRequestTarget("/trustanchor/a%3Ab?nextToken=a%2Fb&pageSize=5&flag&&x=%E1%88%B4"), {
    path: "/trustanchor/a%3Ab",
    query: [
      ["nextToken", "a/b"],
      ["pageSize", "5"],
      ["flag", ""],
      ["x", "ሴ"],
    ],
  });
  assert.deepEqual(parseRequestTarget("/"), { path: "/", query: [] });
  assert.deepEqual(parseRequestTarget("/?"), { path: "/", query: [] });
});

test("'+' is not a space in SigV4 query strings", () => {
  assert.deepEqual(parseRequestTarget("/?a=b+c").query, [["a", "b+c"]]);
});

test("repeated parameters keep every value in order", () => {
  const record = queryRecord(parseRequestTarget("/?s=b&s=a&t=1&s=c").query);
  assert.deepEqual({ ...record }, { s: ["b", "a", "c"], t: "1" });
  assert.equal(Object.getPrototypeOf(queryRecord([["__proto__", "x"]])), null);
});

const BAD: ReadonlyArray<readonly [string, string, RegExp]> = [
  ["bad escape", "/?a=%zz", /not valid percent-encoded/],
  ["invalid UTF-8", "/?a=%C3%28", /not valid percent-encoded/],
  ["absolute form", "http://example.com/", /must be a path/],
  ["too long", `/?a=${"x".repeat(16400)}`, /the limit is 16384/],
  [
    "too many parameters",
    `/?${Array.from({ length: 257 }, (_, i) => `p${i}=1`).join("&")}`,
    /257 parameters; the limit is 256/,
  ],
];

test("malformed or oversized targets are Serialization errors", (t) => {
  t.plan(BAD.length);
  for (const [name, url, message] of BAD)
    t.assert.throws(() => parseRequestTarget(url), { code: "Serialization", message }, name);
});
