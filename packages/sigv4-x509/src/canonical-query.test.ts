import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalQuery, parseRawQuery } from "./canonical-query.js";
import { expectX509Error } from "./expect-error.fixture.js";

const ARNS: [string, string][] = [
  ["trustAnchorArn", "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA"],
  ["profileArn", "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR"],
  ["roleArn", "arn:aws:iam::123456789012:role/test-role"],
];
const HELPER_QUERY =
  "profileArn=arn%3Aaws%3Arolesanywhere%3Aus-east-1%3A123456789012%3Aprofile%2FPR&roleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Ftest-role&trustAnchorArn=arn%3Aaws%3Arolesanywhere%3Aus-east-1%3A123456789012%3Atrust-anchor%2FTA";

test("the three ARNs give exactly the query string of AWS's helper", () => {
  assert.equal(canonicalQuery(ARNS), HELPER_QUERY);
});

test("sorts by encoded name, then by encoded value; upper case before lower case", () => {
  assert.equal(
    canonicalQuery([
      ["b", "2"],
      ["a", "z"],
      ["a", "y"],
      ["B", "1"],
      ["ሴ", "x"],
    ]),
    "%E1%88%B4=x&B=1&a=y&a=z&b=2",
  );
});

test("an empty value keeps its '='; no parameters give an empty string", () => {
  assert.equal(canonicalQuery([["flag", ""]]), "flag=");
  assert.equal(canonicalQuery([]), "");
});

test("parseRawQuery and canonicalQuery round-trip", () => {
  const parsed = parseRawQuery(HELPER_QUERY);
  assert.deepEqual(
    parsed,
    [...ARNS].sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  assert.equal(canonicalQuery(parsed), HELPER_QUERY);
});

test("parseRawQuery: '+' is a space, a bare name has an empty value, empty pieces are skipped", () => {
  assert.deepEqual(parseRawQuery("a=b+c&&flag&x=%2B"), [
    ["a", "b c"],
    ["flag", ""],
    ["x", "+"],
  ]);
  assert.deepEqual(parseRawQuery(""), []);
  assert.deepEqual(parseRawQuery("k=a=b"), [["k", "a=b"]]);
});

test("parseRawQuery rejects a bad escape naming the parameter", () => {
  expectX509Error(
    () => parseRawQuery("roleArn=%zz"),
    "MalformedUrl",
    /query parameter 'roleArn' has a bad percent-escape/,
  );
});
