import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DerError,
  DerReader,
  TAG,
  decodeOid,
  decodeString,
  encodeOid,
  encodeTime,
  encodeTlv,
  encodeUnsignedInteger,
  integerContent,
  readBitString,
  readBoolean,
  readSingle,
  readTime,
  readTlv,
} from "./der.js";

const hex = (h: string) => Buffer.from(h.replace(/\s/g, ""), "hex");

test("TLV encode/read round-trip for short and long lengths", () => {
  const sizes = [0, 1, 127, 128, 255, 256, 65535, 70000];
  for (const n of sizes) {
    const der = encodeTlv(TAG.OCTET_STRING, Buffer.alloc(n, 7));
    const tlv = readSingle(der, TAG.OCTET_STRING, "x");
    assert.equal(tlv.end - tlv.content, n);
  }
  assert.equal(sizes.length, 8);
});

const BAD_TLVS: [string, string, RegExp][] = [
  ["indefinite length", "3080 0000", /indefinite length/],
  ["non-minimal long form", "3081 05 0102030405", /not minimally encoded/],
  ["leading zero length byte", "3082 0005 0102030405", /not minimally encoded/],
  ["truncated content", "3005 0102", /truncated/],
  ["truncated header", "30", /truncated/],
  ["high tag number", "1f81 00", /high-tag-number/],
  ["length field too large", "3085 0100000000", /too large/],
];
test("readTlv rejects non-DER encodings", () => {
  for (const [name, h, re] of BAD_TLVS)
    assert.throws(
      () => readTlv(hex(h), 0, hex(h).length, name),
      (e: unknown) => e instanceof DerError && re.test(e.message),
      name,
    );
  assert.equal(BAD_TLVS.length, 7);
});

test("readSingle rejects trailing bytes and a wrong tag", () => {
  assert.throws(() => readSingle(hex("0500 00"), TAG.NULL, "n"), /1 trailing bytes/);
  assert.throws(() => readSingle(hex("0500"), TAG.SEQUENCE, "n"), /expected tag 0x30/);
});

const OIDS: [string, string][] = [
  ["2a864886f70d01010b", "1.2.840.113549.1.1.11"],
  ["550403", "2.5.4.3"],
  ["2b0601040182373c020101", "1.3.6.1.4.1.311.60.2.1.1"],
  ["8837", "2.999"],
  ["0992268993f22c640119", "0.9.2342.19200300.100.1.25"],
];
test("OIDs decode and encode as a pair", () => {
  for (const [h, dotted] of OIDS) {
    assert.equal(decodeOid(hex(h), "oid"), dotted);
    assert.deepEqual(encodeOid(dotted), encodeTlv(TAG.OID, hex(h)));
  }
  assert.equal(OIDS.length, 5);
  assert.throws(() => decodeOid(hex("2a8001"), "oid"), /not minimal/);
  assert.throws(() => decodeOid(hex("2a86"), "oid"), /ends inside/);
});

test("INTEGER content must be minimal; unsigned encoding adds the sign byte", () => {
  assert.deepEqual(integerContent(hex("00ff"), "i"), hex("00ff"));
  assert.throws(() => integerContent(hex("0001"), "i"), /not minimally/);
  assert.throws(() => integerContent(hex("ff80"), "i"), /not minimally/);
  assert.deepEqual(encodeUnsignedInteger(hex("80")), hex("02020080"));
  assert.deepEqual(encodeUnsignedInteger(hex("000001")), hex("020101"));
});

test("BOOLEAN must be 0x00 or 0xFF; BIT STRING unused bits must be zero", () => {
  const b = (h: string) => readBoolean(hex(h), readTlv(hex(h), 0, hex(h).length, "b"), "b");
  assert.equal(b("0101ff"), true);
  assert.equal(b("010100"), false);
  assert.throws(() => b("010101"), /0x00 or 0xFF/);
  const bits = (h: string) => readBitString(hex(h), readTlv(hex(h), 0, hex(h).length, "b"), "b");
  assert.deepEqual(bits("03020780").bytes, hex("80"));
  assert.throws(() => bits("030207c0"), /unused bits/);
  assert.throws(() => bits("030108"), /unused-bits/);
});

const TIMES: [string, string][] = [
  ["170d3439313233313233353935395a", "2049-12-31T23:59:59.000Z"],
  ["170d3530303130313030303030305a", "1950-01-01T00:00:00.000Z"],
  ["180f32303530303130313030303030305a", "2050-01-01T00:00:00.000Z"],
];
test("UTCTime (1950–2049) and GeneralizedTime decode, and encodeTime picks the right one", () => {
  for (const [h, iso] of TIMES) {
    const der = hex(h);
    assert.equal(readTime(der, readSingle(der, der[0]!, "t"), "t").toISOString(), iso);
    assert.deepEqual(encodeTime(new Date(iso)), der);
  }
  assert.equal(TIMES.length, 3);
  const bad = [
    "170b3439313233313233355a",
    "170d3439313333313233353935395a",
    "180f32303530303130313030303030302b",
  ];
  for (const h of bad)
    assert.throws(() => readTime(hex(h), readTlv(hex(h), 0, hex(h).length, "t"), "t"), DerError, h);
});

test("string types decode strictly", () => {
  assert.equal(decodeString(TAG.BMP_STRING, hex("00e90041"), "s"), "éA");
  assert.equal(decodeString(TAG.UTF8_STRING, Buffer.from("Zürich"), "s"), "Zürich");
  assert.equal(decodeString(TAG.UNIVERSAL_STRING, hex("0001f600"), "s"), "😀");
  assert.equal(decodeString(TAG.INTEGER, hex("01"), "s"), undefined);
  assert.throws(() => decodeString(TAG.UTF8_STRING, hex("c3"), "s"), /invalid UTF-8/);
  assert.throws(() => decodeString(TAG.PRINTABLE_STRING, hex("e9"), "s"), /non-ASCII/);
  assert.throws(() => decodeString(TAG.BMP_STRING, hex("00"), "s"), /odd length/);
});

test("DerReader walks a SEQUENCE and reports what is missing or left over", () => {
  const der = hex("3006 020101 020102");
  const r = new DerReader(der, readSingle(der, TAG.SEQUENCE, "s"), "s");
  assert.equal(r.expect(TAG.INTEGER, "a").content, 4);
  assert.equal(r.optional(TAG.BOOLEAN, "b"), undefined);
  assert.throws(() => r.finish(), /unexpected trailing element/);
  r.next("c");
  r.finish();
  assert.throws(() => r.next("d"), /missing d/);
});
