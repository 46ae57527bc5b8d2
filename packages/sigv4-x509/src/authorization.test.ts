import assert from "node:assert/strict";
import { test } from "node:test";
import { formatAuthorization, parseAuthorization, parseSignedHeaders } from "./authorization.js";
import { expectX509Error, type Rejection } from "./expect-error.fixture.js";

const AUTH = {
  algorithm: "AWS4-X509-ECDSA-SHA256",
  credential: { id: "4099", scope: { date: "20260115", region: "us-east-1", service: "rolesanywhere" } },
  signedHeaders: ["content-type", "host", "x-amz-date", "x-amz-x509"],
  signature: "3045022100ab",
};
const TEXT =
  "AWS4-X509-ECDSA-SHA256 Credential=4099/20260115/us-east-1/rolesanywhere/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-x509, Signature=3045022100ab";

test("formats byte for byte like AWS's helper and round-trips", () => {
  assert.equal(formatAuthorization(AUTH), TEXT);
  assert.deepEqual(parseAuthorization(TEXT), AUTH);
});

test("accepts components without spaces, in any order, and surrounding whitespace", () => {
  assert.deepEqual(
    parseAuthorization(
      "  AWS4-X509-ECDSA-SHA256 Signature=3045022100ab,SignedHeaders=content-type;host;x-amz-date;x-amz-x509,Credential=4099/20260115/us-east-1/rolesanywhere/aws4_request ",
    ),
    AUTH,
  );
});

test("parseSignedHeaders accepts sorted lower-case names", () => {
  assert.deepEqual(parseSignedHeaders("content-type;host;x-amz-date"), [
    "content-type",
    "host",
    "x-amz-date",
  ]);
});

const rejections: Rejection[] = [
  [
    "only an algorithm",
    () => parseAuthorization("AWS4-X509-RSA-SHA256"),
    "MalformedAuthorization",
    /has no components after the algorithm/,
  ],
  [
    "a bad algorithm token",
    () => parseAuthorization("AWS4/X509 Credential=x"),
    "MalformedAuthorization",
    /starts with "AWS4\/X509", not an algorithm name/,
  ],
  [
    "a component without '='",
    () => parseAuthorization(TEXT.replace("SignedHeaders=", "SignedHeaders ")),
    "MalformedAuthorization",
    /is not name=value/,
  ],
  [
    "a repeated component",
    () => parseAuthorization(`${TEXT}, Signature=00`),
    "MalformedAuthorization",
    /has Signature twice/,
  ],
  [
    "a lower-case component name",
    () => parseAuthorization(TEXT.replace("Signature=", "signature=")),
    "MalformedAuthorization",
    /unknown component "signature"/,
  ],
  [
    "no SignedHeaders",
    () => parseAuthorization(TEXT.replace(/SignedHeaders=[^,]+, /, "")),
    "MalformedAuthorization",
    /has no SignedHeaders/,
  ],
  [
    "no Signature",
    () => parseAuthorization(TEXT.replace(/, Signature=.*/, "")),
    "MalformedAuthorization",
    /has no Signature/,
  ],
  [
    "an empty signature",
    () => parseAuthorization(TEXT.replace(/Signature=.*/, "Signature=")),
    "MalformedSignature",
    /"" is not an even number of hex digits/,
  ],
  [
    "an empty SignedHeaders entry",
    () => parseSignedHeaders("host;;x-amz-date"),
    "MalformedSignedHeaders",
    /entry 2 "" is not a lower-case header name/,
  ],
  [
    "65 signed headers",
    () =>
      parseSignedHeaders(Array.from({ length: 65 }, (_, i) => `h${String(i).padStart(2, "0")}`).join(";")),
    "MalformedSignedHeaders",
    /65 headers; the limit is 64/,
  ],
  [
    "a header name with a space",
    () => parseSignedHeaders("host;x amz"),
    "MalformedSignedHeaders",
    /"x amz" is not a lower-case header name/,
  ],
];

test("11 Authorization rejections", () => assert.equal(rejections.length, 11));
for (const [name, run, code, message] of rejections) {
  test(`parseAuthorization rejects ${name}`, () => {
    expectX509Error(run, code, message);
  });
}
