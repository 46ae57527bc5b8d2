import assert from "node:assert/strict";
import { test } from "node:test";
import { expectX509Error } from "./expect-error.fixture.js";
import { parseSerialDecimal, serialHexToDecimal } from "./serial.js";

const serials: [string, string][] = [
  ["1002", "4098"],
  ["5C0A1B2C3D4E5F60718293A4B5C6D7E8F9010203", "525452525453412685876607641946733580990149624323"],
  ["00FF", "255"],
  ["80", "128"],
  ["00", "0"],
  ["-05", "-5"],
  ["-00", "0"],
  [
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "26959946667150639794667015087019630673637144422540572481103610249215",
  ],
];

test("8 serial conversions", () => assert.equal(serials.length, 8));
for (const [hex, decimal] of serials) {
  test(`serial ${hex} is ${decimal} in decimal`, () => {
    assert.equal(serialHexToDecimal(hex), decimal);
    assert.equal(parseSerialDecimal(decimal), decimal);
  });
}

test("a non-hex serial is rejected", () => {
  expectX509Error(() => serialHexToDecimal("12:34"), "MalformedCertificate", /"12:34" is not hexadecimal/);
  expectX509Error(() => serialHexToDecimal(""), "MalformedCertificate", /not hexadecimal/);
});

test("Credential serials must be canonical decimal of at most 128 digits", () => {
  for (const bad of ["", "-", "0x10", "010", "1.5", "+5", "-0", "1".repeat(129)]) {
    expectX509Error(() => parseSerialDecimal(bad), "MalformedCredential", /is not a decimal number/);
  }
  assert.equal(parseSerialDecimal("1".repeat(128)).length, 128);
});
