import assert from "node:assert/strict";
import test from "node:test";
import { sniffDer } from "./der-kind.js";
import type { DerKind } from "./der-kind.js";
import { berOctetString, decodeOid, DerError, readTlv, splitConcatenated } from "./der.js";
import { pemCertificateDer, pki, readFixture } from "./fixture-files.js";

const KINDS: readonly [string, DerKind][] = [
  ["client-rsa.cert.der", "certificate"],
  ["client-ec-p256.cert.der", "certificate"],
  ["client-rsa.key.pkcs8.der", "pkcs8"],
  ["client-rsa.key.pkcs1.der", "pkcs1"],
  ["client-ec-p256.key.sec1.der", "sec1"],
  ["client-ec-p256.key.enc-pkcs8.der", "encrypted-pkcs8"],
  ["client-rsa.p12", "pkcs12"],
  ["client-rsa.legacy.p12", "pkcs12"],
  ["chain-intermediate-root.der", "unknown"], // two certificates back to back: not ONE structure
  ["client-rsa.fullchain.pem", "unknown"], // PEM text
];

test("sniffDer classifies each binary fixture", () => {
  for (const [name, kind] of KINDS) assert.equal(sniffDer(readFixture(name)), kind, name);
  assert.equal(KINDS.length, 10);
});

test("sniffDer recognises a BER (indefinite length) PFX header and refuses junk", () => {
  const ber = Buffer.from("3080020103308006092a864886f70d010701", "hex");
  assert.equal(sniffDer(ber), "pkcs12");
  assert.equal(sniffDer(Buffer.alloc(0)), "unknown");
  assert.equal(sniffDer(Buffer.from("300a0201", "hex")), "unknown");
  assert.equal(sniffDer(readFixture("client-rsa.cert.der").subarray(0, 100)), "unknown");
});

test("splitConcatenated returns each certificate in order", () => {
  const parts = splitConcatenated(readFixture("chain-intermediate-root.der"));
  assert.deepEqual(parts, [
    pemCertificateDer(pki("intermediate-ca.cert.pem")),
    pemCertificateDer(pki("root-ca.cert.pem")),
  ]);
});

test("readTlv checks lengths against the buffer", () => {
  assert.deepEqual(readTlv(Buffer.from("0482000101", "hex"), 0), { tag: 4, start: 0, valueStart: 4, end: 5 });
  const bad = ["04", "0402aa", "0480", "0485ffffffffff", "1f0100"];
  assert.equal(bad.length, 5);
  for (const hex of bad) {
    assert.throws(() => readTlv(Buffer.from(hex, "hex"), 0), DerError, hex);
  }
});

test("decodeOid prints dotted arcs", () => {
  assert.equal(decodeOid(Buffer.from("2a864886f70d01050d", "hex")), "1.2.840.113549.1.5.13");
  assert.equal(decodeOid(Buffer.from("2b0e03021a", "hex")), "1.3.14.3.2.26");
  assert.equal(decodeOid(Buffer.from("608648016503040201", "hex")), "2.16.840.1.101.3.4.2.1");
  assert.throws(() => decodeOid(Buffer.from("2a86", "hex")), DerError);
});

test("berOctetString joins primitive, definite and indefinite constructed segments", () => {
  const good: [string, string][] = [
    ["0403616263", "primitive"],
    ["240704026162040163", "constructed, definite length"],
    ["248004026162248004016300000000", "constructed, indefinite, nested"],
  ];
  for (const [hex, name] of good)
    assert.equal(berOctetString(Buffer.from(hex, "hex")).toString(), "abc", name);
  const bad = ["0404616263", "2480040261", "0203010001", "040361626300", "2406040261620401"];
  for (const hex of bad) assert.throws(() => berOctetString(Buffer.from(hex, "hex")), DerError, hex);
  assert.deepEqual([good.length, bad.length], [3, 5]);
});
