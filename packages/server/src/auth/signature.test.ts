import assert from "node:assert/strict";
import { test } from "node:test";
import { computeSignature, signaturesMatch } from "./signature.js";

// get-vanilla from AWS's SigV4 test suite (the whole suite runs in sigv4-conformance.test.ts when the
// shared corpus is present; this one case keeps the step tested without it).
const VANILLA = {
  method: "GET",
  path: "/",
  query: {},
  headers: { host: "example.amazonaws.com", "x-amz-date": "20150830T123600Z" },
  payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  signedAt: new Date("2015-08-30T12:36:00Z"),
  region: "us-east-1",
  service: "service",
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};

test("get-vanilla: canonical request, string to sign and signature", async () => {
  const out = await computeSignature(VANILLA);
  assert.equal(
    out.canonicalRequest,
    "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  assert.equal(
    out.stringToSign,
    "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
  );
  assert.equal(out.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
});

test("the path is escaped again, as clients do for already-encoded paths", async () => {
  const out = await computeSignature({ ...VANILLA, path: "/trustanchor/a%3Ab" });
  assert.equal(out.canonicalRequest.split("\n")[1], "/trustanchor/a%253Ab");
});

test("signaturesMatch compares bytes, case-insensitively, and refuses other lengths", () => {
  const sig = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
  assert.equal(signaturesMatch(sig, sig.toUpperCase()), true);
  assert.equal(signaturesMatch(sig, `${sig.slice(0, 63)}0`), false);
  assert.equal(signaturesMatch(sig, sig.slice(0, 62)), false);
});
