import assert from "node:assert/strict";
import { test } from "node:test";
import { expectX509Error } from "./expect-error.fixture.js";
import { certificateDer } from "./vectors.fixture.js";
import { MAX_CERTIFICATE_BASE64_LENGTH, formatX509Header, parseX509Header } from "./x509-header.js";

const LEAF = certificateDer("pki/client-rsa.cert.pem");

test("X-Amz-X509 round-trips: padded standard base64 of the DER, no line breaks", () => {
  const header = formatX509Header(LEAF);
  assert.match(header, /^[A-Za-z0-9+/]+=*$/);
  assert.deepEqual(parseX509Header(header), LEAF);
});

test("formatX509Header honours the view of a Uint8Array into a larger buffer", () => {
  const padded = Buffer.concat([Buffer.from([1, 2, 3]), LEAF, Buffer.from([4])]);
  assert.equal(formatX509Header(padded.subarray(3, 3 + LEAF.length)), LEAF.toString("base64"));
});

test("surrounding whitespace is ignored; inner whitespace is not", () => {
  assert.deepEqual(parseX509Header(`  ${LEAF.toString("base64")} `), LEAF);
  const b64 = LEAF.toString("base64");
  expectX509Error(
    () => parseX509Header(`${b64.slice(0, 64)}\n${b64.slice(64)}`),
    "MalformedCertificate",
    /standard padded base64/,
  );
});

test("unpadded base64 is rejected", () => {
  const der = Buffer.from([0x30, 0x01, 0x00]);
  assert.equal(der.toString("base64"), "MAEA");
  const odd = Buffer.from([0x30, 0x02, 0x00, 0x00]).toString("base64");
  assert.equal(odd, "MAIAAA==");
  expectX509Error(() => parseX509Header("MAIAAA"), "MalformedCertificate", /standard padded base64/);
});

test("non-canonical padding bits are rejected", () => {
  expectX509Error(() => parseX509Header("MAIAAB=="), "MalformedCertificate", /not canonical base64/);
});

test("an empty header is rejected", () => {
  expectX509Error(() => parseX509Header(""), "MalformedCertificate", /X-Amz-X509 is empty/);
});

test("a header longer than a 16 KiB certificate is rejected before decoding", () => {
  expectX509Error(
    () => parseX509Header("A".repeat(MAX_CERTIFICATE_BASE64_LENGTH + 4)),
    "InputTooLarge",
    /at most 16384 DER bytes/,
  );
});

test("the DER envelope must be one SEQUENCE spanning every byte", () => {
  expectX509Error(
    () => parseX509Header(Buffer.from([0x31, 0x00]).toString("base64")),
    "MalformedCertificate",
    /does not start with a DER SEQUENCE/,
  );
  expectX509Error(
    () => parseX509Header(Buffer.from([0x30, 0x80, 0x00, 0x00]).toString("base64")),
    "MalformedCertificate",
    /bad DER length/,
  );
  expectX509Error(
    () => parseX509Header(LEAF.subarray(0, 100).toString("base64")),
    "MalformedCertificate",
    /DER length says \d+ bytes but there are 100/,
  );
});
