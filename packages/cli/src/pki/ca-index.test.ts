import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyCaIndex, formatCaIndex, parseCaIndex, type CaIndex } from "./ca-index.js";

const FULL: CaIndex = {
  version: 1,
  caSerial: "4F1A",
  lastCrlNumber: 3,
  issued: [
    {
      serial: "01",
      subject: "CN=a",
      notAfter: "2027-01-01T00:00:00.000Z",
      issuedAt: "2026-01-01T00:00:00.000Z",
      kind: "leaf",
    },
    {
      serial: "7A02",
      subject: "CN=int",
      notAfter: "2030-01-01T00:00:00.000Z",
      issuedAt: "2026-01-01T00:00:00.000Z",
      kind: "ca",
    },
  ],
  revoked: [
    { serial: "01", revokedAt: "2026-02-01T00:00:00.000Z", reason: "keyCompromise" },
    { serial: "99", revokedAt: "2026-02-02T00:00:00.000Z" },
  ],
};

test("the CA index round-trips", () => {
  assert.deepEqual(parseCaIndex(formatCaIndex(FULL), "index.json"), FULL);
  assert.deepEqual(parseCaIndex(formatCaIndex(emptyCaIndex("01")), "index.json"), emptyCaIndex("01"));
});

test("a broken index is refused with the file and the field named", () => {
  const rows: readonly [string, RegExp][] = [
    ["{", /index\.json is not valid JSON/],
    ["[]", /not a JSON object/],
    [JSON.stringify({ ...FULL, version: 2 }), /version 2 \(expected 1\)/],
    [JSON.stringify({ ...FULL, caSerial: "xyz" }), /caSerial/],
    [JSON.stringify({ ...FULL, lastCrlNumber: -1 }), /lastCrlNumber/],
    [JSON.stringify({ ...FULL, issued: {} }), /must be arrays/],
    [JSON.stringify({ ...FULL, issued: [{ serial: "1" }] }), /issued\[0\]/],
    [JSON.stringify({ ...FULL, revoked: [{ serial: "01", revokedAt: "nope" }] }), /revoked\[0\]/],
    [
      JSON.stringify({ ...FULL, revoked: [{ serial: "01", revokedAt: "2026-01-01", reason: "bored" }] }),
      /"bored" is not one of/,
    ],
    [JSON.stringify({ ...FULL, revoked: [FULL.revoked[0], FULL.revoked[0]] }), /revoked twice/],
  ];
  assert.equal(rows.length, 10);
  for (const [text, message] of rows)
    assert.throws(
      () => parseCaIndex(text, "/ca/index.json"),
      { name: "CliError", exitCode: 1, message },
      text,
    );
});
