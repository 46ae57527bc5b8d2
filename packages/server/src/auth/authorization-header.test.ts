import assert from "node:assert/strict";
import { test } from "node:test";
import { formatAuthorizationHeader, parseAuthorizationHeader } from "./authorization-header.js";

const SIG = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
const HEADER = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${SIG}`;

test("an Authorization header round-trips", () => {
  const info = parseAuthorizationHeader(HEADER);
  assert.deepEqual(info, {
    credential: { accessKeyId: "AKIDEXAMPLE", date: "20150830", region: "us-east-1", service: "iam" },
    signedHeaders: ["content-type", "host", "x-amz-date"],
    signature: SIG,
  });
  assert.equal(formatAuthorizationHeader(info), HEADER);
});

test("spacing after commas is optional and unknown parameters are ignored", () => {
  const compact = `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request,SignedHeaders=host,Signature=${SIG},Extra=1`;
  assert.deepEqual(parseAuthorizationHeader(compact).signedHeaders, ["host"]);
});

const BAD: ReadonlyArray<readonly [string, string, RegExp]> = [
  ["too long", `AWS4-HMAC-SHA256 Credential=${"A".repeat(5000)}`, /5028 characters long; the limit is 4096/],
  ["another scheme", "Bearer eyJhbGciOi.secret.part", /algorithm 'Bearer' is not supported/],
  ["X509 on an HMAC route", "AWS4-X509-RSA-SHA256 Credential=1/2/3/4/5", /algorithm 'AWS4-X509-RSA-SHA256'/],
  ["garbage", "%%%", /must start with 'AWS4-HMAC-SHA256 '/],
  [
    "everything missing",
    "AWS4-HMAC-SHA256 ",
    /requires 'Credential' parameter\. .*requires 'Signature' parameter\. .*requires 'SignedHeaders' parameter\.$/,
  ],
  [
    "no Credential",
    `AWS4-HMAC-SHA256 SignedHeaders=host, Signature=${SIG}`,
    /^Authorization header requires 'Credential' parameter\.$/,
  ],
  [
    "no SignedHeaders",
    `AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/iam/aws4_request, Signature=${SIG}`,
    /^Authorization header requires 'SignedHeaders' parameter\.$/,
  ],
  [
    "no Signature",
    "AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/iam/aws4_request, SignedHeaders=host",
    /^Authorization header requires 'Signature' parameter\.$/,
  ],
  [
    "missing equal sign",
    `AWS4-HMAC-SHA256 Credential A/2/3, SignedHeaders=host, Signature=${SIG}`,
    /'Credential A\/2\/3' not a valid key=value pair/,
  ],
  [
    "duplicate part",
    `AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=${SIG}, Signature=${SIG}`,
    /'Signature' twice/,
  ],
  [
    "bad scope",
    `AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/iam, SignedHeaders=host, Signature=${SIG}`,
    /5 slash-separated parts/,
  ],
  [
    "upper-case signed header",
    `AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/iam/aws4_request, SignedHeaders=Host, Signature=${SIG}`,
    /lower-case header names/,
  ],
  [
    "empty signed header",
    `AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;;x, Signature=${SIG}`,
    /lower-case header names/,
  ],
  [
    "duplicate signed header",
    `AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;host, Signature=${SIG}`,
    /twice/,
  ],
  [
    "too many signed headers",
    `AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/iam/aws4_request, SignedHeaders=${Array.from({ length: 65 }, (_, i) => `h${i}`).join(";")}, Signature=${SIG}`,
    /65 signed headers; the limit is 64/,
  ],
  [
    "short signature",
    "AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=abc",
    /64 hexadecimal/,
  ],
];

test("malformed Authorization headers are IncompleteSignature, naming what is wrong", (t) => {
  t.plan(BAD.length);
  for (const [name, value, message] of BAD) {
    t.assert.throws(() => parseAuthorizationHeader(value), { code: "IncompleteSignature", message }, name);
  }
});

test("a rejected header's secret-looking tail is not echoed", () => {
  assert.throws(
    () => parseAuthorizationHeader("Bearer eyJhbGciOi.secret.part"),
    (error: Error) => !error.message.includes("secret"),
  );
});
