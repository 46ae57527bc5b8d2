import assert from "node:assert/strict";
import { test } from "node:test";
import { credentialScope, formatCredential, parseCredential } from "./credential-scope.js";

test("a Credential round-trips", () => {
  const text = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
  const credential = parseCredential(text);
  assert.deepEqual(credential, {
    accessKeyId: "AKIDEXAMPLE",
    date: "20150830",
    region: "us-east-1",
    service: "service",
  });
  assert.equal(formatCredential(credential), text);
  assert.equal(credentialScope(credential), "20150830/us-east-1/service/aws4_request");
});

const BAD: ReadonlyArray<readonly [string, RegExp]> = [
  ["AKID/20150830/us-east-1/service", /5 slash-separated parts.*not 4/],
  ["AKID/20150830/us-east-1/service/aws4_request/x", /not 6/],
  ["/20150830/us-east-1/service/aws4_request", /access key id/],
  ["AK-ID/20150830/us-east-1/service/aws4_request", /access key id/],
  [`${"A".repeat(129)}/20150830/us-east-1/service/aws4_request`, /1 to 128/],
  ["AKID/2015083/us-east-1/service/aws4_request", /scope date must be yyyymmdd, not '2015083'/],
  ["AKID/20150830/US-EAST-1/service/aws4_request", /region 'US-EAST-1'/],
  ["AKID/20150830//service/aws4_request", /region ''/],
  ["AKID/20150830/us-east-1/se rvice/aws4_request", /service 'se rvice'/],
  ["AKID/20150830/us-east-1/service/aws4_requestx", /valid terminator: 'aws4_request', not 'aws4_requestx'/],
];

test("malformed Credentials are IncompleteSignature, naming the part", (t) => {
  t.plan(BAD.length);
  for (const [text, message] of BAD) {
    t.assert.throws(
      () => parseCredential(text),
      { name: "AnchorageError", code: "IncompleteSignature", message },
      text,
    );
  }
});
