import assert from "node:assert/strict";
import { test } from "node:test";
import { expectX509Error } from "./expect-error.fixture.js";
import { uriDecode, uriEncode } from "./uri-encode.js";

const encodings: [string, string, string][] = [
  ["unreserved characters stay literal", "AZaz09-_.~", "AZaz09-_.~"],
  ["':' and '/' are encoded", "arn:aws:iam::1:role/x", "arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx"],
  ["a space is %20, never '+'", "a b", "a%20b"],
  ["'+', '=' and '&' are encoded", "a+b=c&d", "a%2Bb%3Dc%26d"],
  ["the characters encodeURIComponent leaves alone are encoded", "!'()*", "%21%27%28%29%2A"],
  ["'%' is encoded (no double-decoding)", "%20", "%2520"],
  ["UTF-8 bytes are encoded with upper-case hex", "ሴ", "%E1%88%B4"],
  ["a character outside the BMP is four bytes", "😀", "%F0%9F%98%80"],
  ["the empty string stays empty", "", ""],
];

test("9 encoding cases", () => assert.equal(encodings.length, 9));
for (const [name, input, expected] of encodings) {
  test(`uriEncode: ${name}`, () => {
    assert.equal(uriEncode(input), expected);
    assert.equal(uriDecode(expected, "test"), input, "round-trips through uriDecode");
  });
}

test("keepSlash leaves '/' literal and encodes everything else", () => {
  assert.equal(uriEncode("/a b/c:d/", { keepSlash: true }), "/a%20b/c%3Ad/");
});

test("uriDecode reads '+' as a space and accepts lower-case escapes", () => {
  assert.equal(uriDecode("a+b%3a%2f", "q"), "a b:/");
});

test("uriDecode rejects a bad escape with MalformedUrl", () => {
  expectX509Error(
    () => uriDecode("abc%2", "query parameter 'x'"),
    "MalformedUrl",
    /query parameter 'x' has a bad percent-escape at offset 3/,
  );
  expectX509Error(() => uriDecode("%G0", "q"), "MalformedUrl", /bad percent-escape/);
});

test("uriDecode rejects invalid UTF-8 with MalformedUrl", () => {
  expectX509Error(() => uriDecode("%C3%28", "q"), "MalformedUrl", /does not decode to valid UTF-8/);
});
