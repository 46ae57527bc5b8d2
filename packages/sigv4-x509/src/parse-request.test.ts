import assert from "node:assert/strict";
import { test } from "node:test";
import { expectX509Error, type Rejection } from "./expect-error.fixture.js";
import { parseX509Request, type ReceivedRequest } from "./parse-request.js";
import {
  certificateDer,
  fixtureFile,
  loadErrorVectors,
  loadRawRequests,
  loadVectors,
  type RecordedRequest,
  type VectorCase,
} from "./vectors.fixture.js";

const vectors = loadVectors();
const errorVectors = loadErrorVectors();
const recorded: [VectorCase, RecordedRequest, number][] = [...vectors, ...errorVectors].flatMap((c) =>
  c.requests.map((r, i): [VectorCase, RecordedRequest, number] => [c, r, i]),
);

const asReceived = (r: RecordedRequest): ReceivedRequest => ({
  method: r.method,
  rawUrl: r.url,
  headers: r.rawHeaders,
  body: Buffer.from(r.bodyUtf8, "utf8"),
});

test("22 recorded requests: 14 successes and 8 from error runs that reached the mock", () => {
  assert.equal(recorded.length, 22);
});

for (const [c, r, i] of recorded) {
  test(`parses recorded request ${c.id}#${i} and rebuilds its canonical request`, () => {
    const parsed = parseX509Request(asReceived(r));
    const derived = c.derived[i] as unknown as {
      canonicalRequest: string;
      stringToSign: string;
      signatureHex: string;
    };
    assert.equal(parsed.canonicalRequest, derived.canonicalRequest);
    assert.equal(parsed.stringToSign, derived.stringToSign);
    assert.equal(parsed.signature.toString("hex"), derived.signatureHex);
    assert.equal(parsed.payloadHash, r.bodySha256);
    assert.equal(parsed.scope.service, "rolesanywhere");
    assert.deepEqual(
      parsed.query.map(([name]) => name),
      ["profileArn", "roleArn", "trustAnchorArn"],
    );
  });
}

const raw = loadRawRequests();
test("raw/ holds 22 recorded HTTP requests", () => assert.equal(raw.length, 22));
for (const req of raw) {
  test(`parses raw/${req.file} (exact socket bytes, de-chunked)`, () => {
    const id = req.file.replace(/(\.\d+)?\.http$/, "");
    const c = [...vectors, ...errorVectors].find((v) => v.id === id);
    assert.ok(c !== undefined, `no vector case ${id}`);
    const parsed = parseX509Request({
      method: req.method,
      rawUrl: req.url,
      headers: req.headers,
      body: req.body,
    });
    const derived = c.derived[0] as unknown as { canonicalRequest: string };
    assert.equal(parsed.canonicalRequest, derived.canonicalRequest);
  });
}

const BASE = vectors.find((c) => c.id === "rsa-with-intermediate")?.requests[0];
assert.ok(BASE !== undefined);
const base = asReceived(BASE);
const baseHeaders = BASE.rawHeaders;
const header = (name: string): string => baseHeaders.find(([n]) => n === name)?.[1] ?? "";
const AUTH = header("Authorization");
const LEAF = header("X-Amz-X509");
const CHAIN = header("X-Amz-X509-Chain");

/** The base request with header `name` replaced (or removed with `undefined`, or added when absent). */
function withHeader(name: string, value: string | undefined): ReceivedRequest {
  const headers = baseHeaders.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
  if (value !== undefined) headers.push([name, value]);
  return { ...base, headers };
}
const withAuth = (from: string | RegExp, to: string): ReceivedRequest =>
  withHeader("Authorization", AUTH.replace(from, to));

test("the same request given as a lower-cased record or as node's flat rawHeaders parses the same", () => {
  const expected = parseX509Request(base).canonicalRequest;
  const record = Object.fromEntries(baseHeaders.map(([n, v]) => [n.toLowerCase(), v]));
  assert.equal(parseX509Request({ ...base, headers: record }).canonicalRequest, expected);
  assert.equal(parseX509Request({ ...base, headers: baseHeaders.flat() }).canonicalRequest, expected);
});

test("the received query is re-canonicalised: order and escape case do not matter", () => {
  const expected = parseX509Request(base).canonicalRequest;
  const [path, query] = BASE.url.split("?") as [string, string];
  const shuffled = query.split("&").reverse().join("&").replace(/%3A/g, "%3a").replace(/-/g, "%2D");
  const parsed = parseX509Request({ ...base, rawUrl: `${path}?${shuffled}` });
  assert.equal(parsed.canonicalRequest, expected);
  assert.equal(parsed.rawQuery, shuffled);
});

test("extra signed headers are used as received", () => {
  const parsed = parseX509Request({
    ...withAuth("SignedHeaders=content-type;host;", "SignedHeaders=content-type;host;user-agent;"),
  });
  assert.deepEqual(parsed.signedHeaders, [
    "content-type",
    "host",
    "user-agent",
    "x-amz-date",
    "x-amz-x509",
    "x-amz-x509-chain",
  ]);
  assert.match(parsed.canonicalRequest, /\nuser-agent:CredHelper\/1\.4\.0 \(go1\.19\.8; linux; amd64\)\n/);
});

test("the leaf and chain certificates are returned parsed, with their DER", () => {
  const parsed = parseX509Request(base);
  assert.deepEqual(parsed.certificateDer, certificateDer("pki/client-rsa.cert.pem"));
  assert.equal(parsed.certificate.serialNumber, "1002");
  assert.deepEqual(
    parsed.chain.map((c) => c.serialNumber),
    ["1001"],
  );
  assert.equal(parsed.serial, "4098");
  assert.equal(parsed.signedAt.toISOString(), "2026-01-15T12:00:00.000Z");
});

const pemAsBase64 = fixtureFile("pki/client-rsa.cert.pem").toString("base64");
const notACertificate = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]).toString("base64");

const rejections: Rejection[] = [
  [
    "no Authorization",
    () => parseX509Request(withHeader("Authorization", undefined)),
    "MissingAuthorization",
    /no Authorization header/,
  ],
  [
    "two Authorization headers",
    () => parseX509Request({ ...base, headers: [...baseHeaders, ["authorization", AUTH]] }),
    "DuplicateHeader",
    /2 Authorization headers; send exactly one/,
  ],
  [
    "an HMAC algorithm",
    () => parseX509Request(withAuth("AWS4-X509-RSA-SHA256", "AWS4-HMAC-SHA256")),
    "UnsupportedAlgorithm",
    /"AWS4-HMAC-SHA256" is not supported; use AWS4-X509-RSA-SHA256 or AWS4-X509-ECDSA-SHA256/,
  ],
  [
    "ML-DSA",
    () => parseX509Request(withAuth("AWS4-X509-RSA-SHA256", "AWS4-X509-MLDSA")),
    "UnsupportedAlgorithm",
    /ML-DSA\) is not supported by this server/,
  ],
  [
    "a SHA-1 label",
    () => parseX509Request(withAuth("AWS4-X509-RSA-SHA256", "AWS4-X509-RSA-SHA1")),
    "UnsupportedAlgorithm",
    /"AWS4-X509-RSA-SHA1" is not supported/,
  ],
  [
    "no Credential",
    () => parseX509Request(withAuth(/Credential=[^,]+, /, "")),
    "MalformedAuthorization",
    /Authorization has no Credential/,
  ],
  [
    "an unknown component",
    () => parseX509Request(withAuth("Signature=", "Foo=1, Signature=")),
    "MalformedAuthorization",
    /unknown component "Foo"/,
  ],
  [
    "service sts",
    () => parseX509Request(withAuth("/rolesanywhere/", "/sts/")),
    "MalformedCredential",
    /scoped to service "sts"; CreateSession is signed for service 'rolesanywhere'/,
  ],
  [
    "a wrong scope terminator",
    () => parseX509Request(withAuth("/aws4_request", "/aws4")),
    "MalformedCredential",
    /must end with \/aws4_request/,
  ],
  [
    "a short scope",
    () => parseX509Request(withAuth("/us-east-1/", "/")),
    "MalformedCredential",
    /must have 4 parts/,
  ],
  [
    "a hex serial",
    () => parseX509Request(withAuth("Credential=4098/", "Credential=0x1002/")),
    "MalformedCredential",
    /serial "0x1002" is not a decimal number/,
  ],
  [
    "a serial with leading zeros",
    () => parseX509Request(withAuth("Credential=4098/", "Credential=04098/")),
    "MalformedCredential",
    /without leading zeros/,
  ],
  [
    "a scope date other than the X-Amz-Date date",
    () => parseX509Request(withAuth("/20260115/", "/20260114/")),
    "ScopeDateMismatch",
    /scope date 20260114 differs from the X-Amz-Date date 20260115/,
  ],
  [
    "unsorted SignedHeaders",
    () => parseX509Request(withAuth("content-type;host", "host;content-type")),
    "MalformedSignedHeaders",
    /must be sorted without duplicates, but "host" comes before "content-type"/,
  ],
  [
    "duplicate SignedHeaders",
    () => parseX509Request(withAuth("content-type;host", "content-type;host;host")),
    "MalformedSignedHeaders",
    /sorted without duplicates/,
  ],
  [
    "upper-case SignedHeaders",
    () => parseX509Request(withAuth("content-type;host", "Content-Type;host")),
    "MalformedSignedHeaders",
    /"Content-Type" is not a lower-case header name/,
  ],
  [
    "SignedHeaders without host",
    () => parseX509Request(withAuth("content-type;host;", "content-type;")),
    "UnsignedRequiredHeader",
    /does not include 'host'/,
  ],
  [
    "SignedHeaders without x-amz-date",
    () => parseX509Request(withAuth("x-amz-date;", "")),
    "UnsignedRequiredHeader",
    /does not include 'x-amz-date'/,
  ],
  [
    "SignedHeaders without x-amz-x509",
    () => parseX509Request(withAuth("x-amz-x509;", "")),
    "UnsignedRequiredHeader",
    /does not include 'x-amz-x509'/,
  ],
  [
    "an unsigned chain header",
    () => parseX509Request(withAuth(";x-amz-x509-chain", "")),
    "UnsignedRequiredHeader",
    /does not include 'x-amz-x509-chain'/,
  ],
  [
    "SignedHeaders with authorization",
    () => parseX509Request(withAuth("SignedHeaders=", "SignedHeaders=authorization;")),
    "MalformedSignedHeaders",
    /cannot sign its own signature/,
  ],
  [
    "a signed header that is not sent",
    () => parseX509Request(withAuth("x-amz-x509-chain", "x-amz-x509-chain;x-custom")),
    "SignedHeaderAbsent",
    /lists 'x-custom' but the request has no such header/,
  ],
  [
    "a signature that is not hex",
    () => parseX509Request(withAuth(/Signature=.*/, "Signature=zz")),
    "MalformedSignature",
    /"zz" is not an even number of hex digits/,
  ],
  [
    "an odd-length signature",
    () => parseX509Request(withAuth(/Signature=.*/, "Signature=abc")),
    "MalformedSignature",
    /not an even number of hex digits/,
  ],
  [
    "a 1025-byte signature",
    () => parseX509Request(withAuth(/Signature=.*/, `Signature=${"ab".repeat(1025)}`)),
    "MalformedSignature",
    /1025 bytes; the limit is 1024/,
  ],
  [
    "an 8 KiB+ Authorization",
    () => parseX509Request(withAuth("Signature=", `Signature=${"a".repeat(8192)}`)),
    "InputTooLarge",
    /Authorization has \d+ characters; the limit is 8192/,
  ],
  [
    "no X-Amz-Date",
    () => parseX509Request(withHeader("X-Amz-Date", undefined)),
    "MissingHeader",
    /no X-Amz-Date header/,
  ],
  [
    "two X-Amz-Date headers",
    () => parseX509Request({ ...base, headers: [...baseHeaders, ["x-amz-date", "20260115T120000Z"]] }),
    "DuplicateHeader",
    /2 X-Amz-Date headers/,
  ],
  [
    "month 13 in X-Amz-Date",
    () => parseX509Request(withHeader("X-Amz-Date", "20261315T120000Z")),
    "MalformedDate",
    /"20261315T120000Z" is not a UTC time in the form YYYYMMDDTHHMMSSZ/,
  ],
  [
    "an ISO X-Amz-Date",
    () => parseX509Request(withHeader("X-Amz-Date", "2026-01-15T12:00:00Z")),
    "MalformedDate",
    /YYYYMMDDTHHMMSSZ/,
  ],
  [
    "no X-Amz-X509",
    () => parseX509Request(withHeader("X-Amz-X509", undefined)),
    "MissingHeader",
    /no X-Amz-X509 header; send the base64 DER/,
  ],
  [
    "X-Amz-X509 that is not base64",
    () => parseX509Request(withHeader("X-Amz-X509", `${LEAF.slice(0, 100)}!${LEAF.slice(101)}`)),
    "MalformedCertificate",
    /X-Amz-X509 is not standard padded base64/,
  ],
  [
    "URL-safe base64 in X-Amz-X509",
    () => parseX509Request(withHeader("X-Amz-X509", LEAF.replace(/\+/g, "-"))),
    "MalformedCertificate",
    /not standard padded base64/,
  ],
  [
    "base64 of PEM in X-Amz-X509",
    () => parseX509Request(withHeader("X-Amz-X509", pemAsBase64)),
    "MalformedCertificate",
    /X-Amz-X509 is not one DER certificate .*not PEM/,
  ],
  [
    "DER that is not a certificate",
    () => parseX509Request(withHeader("X-Amz-X509", notACertificate)),
    "MalformedCertificate",
    /X-Amz-X509 does not hold a valid X\.509 certificate/,
  ],
  [
    "trailing bytes after the DER",
    () =>
      parseX509Request(
        withHeader(
          "X-Amz-X509",
          Buffer.concat([Buffer.from(LEAF, "base64"), Buffer.from([0])]).toString("base64"),
        ),
      ),
    "MalformedCertificate",
    /the DER length says \d+ bytes but there are \d+/,
  ],
  [
    "an X-Amz-X509 over 16 KiB",
    () => parseX509Request(withHeader("X-Amz-X509", "A".repeat(21852))),
    "InputTooLarge",
    /a certificate may have at most 16384 DER bytes/,
  ],
  [
    "six chain certificates",
    () => parseX509Request(withHeader("X-Amz-X509-Chain", Array(6).fill(CHAIN).join(","))),
    "ChainTooLong",
    /6 certificates; the limit is 5/,
  ],
  [
    "an empty chain header",
    () => parseX509Request(withHeader("X-Amz-X509-Chain", "")),
    "EmptyChainHeader",
    /X-Amz-X509-Chain is empty; omit the header/,
  ],
  [
    "a blank chain header",
    () => parseX509Request(withHeader("X-Amz-X509-Chain", "   ")),
    "EmptyChainHeader",
    /omit the header/,
  ],
  [
    "an empty chain entry",
    () => parseX509Request(withHeader("X-Amz-X509-Chain", `${CHAIN},`)),
    "MalformedCertificate",
    /entry 2 is empty/,
  ],
  [
    "a malformed chain entry",
    () => parseX509Request(withHeader("X-Amz-X509-Chain", `${CHAIN},${notACertificate}`)),
    "MalformedCertificate",
    /X-Amz-X509-Chain entry 2 does not hold a valid X\.509 certificate/,
  ],
  [
    "two chain headers",
    () => parseX509Request({ ...base, headers: [...baseHeaders, ["X-Amz-X509-Chain", CHAIN]] }),
    "DuplicateHeader",
    /2 X-Amz-X509-Chain headers/,
  ],
  [
    "a bad percent-escape in the query",
    () => parseX509Request({ ...base, rawUrl: "/sessions?roleArn=%zz" }),
    "MalformedUrl",
    /bad percent-escape/,
  ],
  [
    "invalid UTF-8 in the query",
    () => parseX509Request({ ...base, rawUrl: "/sessions?roleArn=%ff" }),
    "MalformedUrl",
    /valid UTF-8/,
  ],
  [
    "an absolute-form URL",
    () => parseX509Request({ ...base, rawUrl: "http://127.0.0.1:18443/sessions" }),
    "MalformedUrl",
    /must be a path starting with '\/'/,
  ],
  [
    "an 8 KiB+ URL",
    () => parseX509Request({ ...base, rawUrl: `/sessions?x=${"a".repeat(8192)}` }),
    "InputTooLarge",
    /URL has \d+ characters; the limit is 8192/,
  ],
  [
    "257 headers",
    () =>
      parseX509Request({
        ...base,
        headers: [
          ...baseHeaders,
          ...Array.from({ length: 257 - baseHeaders.length }, (_, i): [string, string] => [`x-h${i}`, "v"]),
        ],
      }),
    "InputTooLarge",
    /257 headers; the limit is 256/,
  ],
  [
    "an 8 KiB+ signed header",
    () => parseX509Request(withHeader("Content-Type", "a".repeat(8193))),
    "InputTooLarge",
    /signed header 'content-type' has 8193 characters/,
  ],
  [
    "a body over 64 KiB",
    () => parseX509Request({ ...base, body: Buffer.alloc(65537) }),
    "InputTooLarge",
    /request body has 65537 bytes; the limit is 65536/,
  ],
];

test("the parse rejection table has 50 rows", () => assert.equal(rejections.length, 50));
for (const [name, run, code, message] of rejections) {
  test(`parse rejects ${name} with ${code}`, () => {
    expectX509Error(run, code, message);
  });
}
