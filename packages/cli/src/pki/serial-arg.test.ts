import assert from "node:assert/strict";
import { test } from "node:test";
import { serialHexOf } from "@anchorage/pki";
import { parseSerialArg } from "./serial-arg.js";

test("parseSerialArg normalises to ParsedCertificate.serialHex's form", () => {
  const rows: readonly [string, string][] = [
    ["4F1A", "4F1A"],
    ["4f1a", "4F1A"],
    ["0x4F1A", "4F1A"],
    ["4f:1a", "4F1A"],
    ["3EA", "03EA"],
    ["0003EA", "03EA"],
    ["00:8a", "8A"],
    [" 7F 01 ", "7F01"],
  ];
  assert.equal(rows.length, 8);
  for (const [input, want] of rows) {
    assert.equal(parseSerialArg(input), want, input);
    // The DER INTEGER content of that serial (sign padding when the top bit is set) reads back the same.
    const content = Buffer.from(`${(parseInt(want.slice(0, 2), 16) & 0x80) !== 0 ? "00" : ""}${want}`, "hex");
    assert.equal(serialHexOf(content), want, `${input} matches serialHexOf`);
  }
});

test("parseSerialArg refuses what is not a serial, as a usage error", () => {
  const rows: readonly [string, RegExp][] = [
    ["xyz", /not a hexadecimal serial/],
    ["", /not a hexadecimal serial/],
    ["00", /serial 0/],
    ["01".repeat(21), /longer than 20 octets/],
  ];
  assert.equal(rows.length, 4);
  for (const [input, message] of rows)
    assert.throws(() => parseSerialArg(input), { exitCode: 2, message }, input);
});
