import assert from "node:assert/strict";
import { createHash, hkdfSync } from "node:crypto";
import { test } from "node:test";
import { hkdfSha256 } from "./hkdf.js";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

test("RFC 5869 test cases 1 to 3 (SHA-256)", () => {
  const cases = [
    {
      ikm: hex("0b".repeat(22)),
      salt: hex("000102030405060708090a0b0c"),
      info: hex("f0f1f2f3f4f5f6f7f8f9"),
      length: 42,
      okm: "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
    },
    {
      ikm: hex([...Array(80).keys()].map((i) => i.toString(16).padStart(2, "0")).join("")),
      salt: hex([...Array(80).keys()].map((i) => (0x60 + i).toString(16).padStart(2, "0")).join("")),
      info: hex([...Array(80).keys()].map((i) => (0xb0 + i).toString(16).padStart(2, "0")).join("")),
      length: 82,
      okm:
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09" +
        "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87",
    },
    {
      ikm: hex("0b".repeat(22)),
      salt: Buffer.alloc(0),
      info: Buffer.alloc(0),
      length: 42,
      okm: "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
    },
  ];
  assert.equal(cases.length, 3);
  for (const c of cases) assert.equal(hkdfSha256(c.ikm, c.salt, c.info, c.length).toString("hex"), c.okm);
});

test("the same bytes as node's hkdfSync for every length 1..100 and the lengths Anchorage uses", () => {
  let checked = 0;
  for (let length = 1; length <= 100; length++) {
    const ikm = createHash("sha256").update(`ikm ${length}`).digest();
    const salt = createHash("sha256").update(`salt ${length}`).digest().subarray(0, 12);
    const info = Buffer.from(`anchorage/session-token/v1/secret-access-key\0ASIA${length}`);
    assert.deepEqual(
      hkdfSha256(ikm, salt, info, length),
      Buffer.from(hkdfSync("sha256", ikm, salt, info, length)),
    );
    checked++;
  }
  assert.equal(checked, 100);
});

test("lengths outside 1..8160 are refused", () => {
  assert.throws(() => hkdfSha256(Buffer.alloc(32), Buffer.alloc(0), Buffer.alloc(0), 0), RangeError);
  assert.throws(() => hkdfSha256(Buffer.alloc(32), Buffer.alloc(0), Buffer.alloc(0), 8161), RangeError);
});
