import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import test from "node:test";
import { pki, readPki, summarySerials } from "./fixture-files.js";
import { serialDecimalToHex, serialHexToDecimal } from "./serial.js";

test("serials of the shared PKI convert to the decimal of SUMMARY.tsv, and back", () => {
  const serials = summarySerials();
  for (const [name, decimal] of serials) {
    const hex = new X509Certificate(readPki(`${name}.cert.pem`)).serialNumber;
    assert.equal(serialHexToDecimal(hex), decimal, pki(name));
    assert.equal(serialDecimalToHex(decimal), hex, name);
  }
  assert.equal(serials.size, 7);
  assert.equal(serials.get("client-rsa-bigserial"), "525452525453412685876607641946733580990149624323");
});

test("serial edge cases: leading zero byte, negative, invalid", () => {
  const cases: [string, string][] = [
    ["0A", "10"],
    ["80", "128"],
    ["-05", "-5"],
    ["00", "0"],
  ];
  for (const [hex, decimal] of cases) {
    assert.equal(serialHexToDecimal(hex), decimal);
    assert.equal(serialDecimalToHex(decimal), hex);
  }
  assert.equal(cases.length, 4);
  assert.throws(() => serialHexToDecimal("0x12"), RangeError);
  assert.throws(() => serialDecimalToHex("12a"), RangeError);
});
