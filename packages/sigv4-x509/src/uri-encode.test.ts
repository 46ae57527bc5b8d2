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

/** The definitions, byte by byte: encode every UTF-8 byte but the unreserved ones; decode strictly. */
function encodeByBytes(value: string, keepSlash: boolean): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const c = String.fromCharCode(byte);
    out +=
      /[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === "/")
        ? c
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

test("uriEncode and uriDecode agree with the byte-by-byte definitions on 3,000 generated strings", () => {
  const alphabet = [
    "a",
    "Z",
    "0",
    "-",
    "~",
    "/",
    ":",
    " ",
    "+",
    "%",
    "=",
    "&",
    "é",
    "ሴ",
    "😀",
    "\u0000",
    "\u007f",
    "\u0080",
    "\ud800",
  ];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  let checked = 0;
  for (let n = 0; n < 3000; n++) {
    let value = "";
    for (let i = next() % 12; i > 0; i--) value += alphabet[next() % alphabet.length];
    for (const keepSlash of [false, true]) {
      const encoded = uriEncode(value, { keepSlash });
      assert.equal(encoded, encodeByBytes(value, keepSlash), JSON.stringify(value));
      if (!value.includes("\ud800") && !keepSlash) {
        assert.equal(uriDecode(encoded, "q"), value);
        checked++;
      }
    }
  }
  assert.ok(checked > 2000, `${checked} round trips`);
});

test("uriDecode: escapes of ASCII and of UTF-8 bytes, mixed with literal characters", () => {
  assert.equal(uriDecode("arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx", "q"), "arn:aws:iam::1:role/x");
  assert.equal(uriDecode("é%C3%A9+%E1%88%B4ሴ", "q"), "éé ሴሴ");
  assert.equal(uriDecode("😀%F0%9F%98%80", "q"), "😀😀");
  expectX509Error(() => uriDecode("%80", "q"), "MalformedUrl", /valid UTF-8/);
});
