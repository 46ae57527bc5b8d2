import assert from "node:assert/strict";
import { test } from "node:test";
import { SAMPLES, signSample } from "./decision-demo.js";

const SESSION = {
  accessKeyId: "ASIAEXAMPLE",
  secretAccessKey: "secret",
  sessionToken: "token",
  expiration: "2026-01-15T13:00:00Z",
};

test("the samples are an S3 read and an S3 write, signed with the session for s3 in the region", async () => {
  assert.deepEqual(
    SAMPLES.map((s) => `${s.method} ${s.action}`),
    ["GET s3:GetObject", "PUT s3:PutObject"],
  );
  const signed = await signSample(SAMPLES[1]!, SESSION, "eu-west-1", new Date("2026-01-15T12:00:00Z"));
  assert.equal(signed.path, "/quickstart-bucket/hello.txt");
  assert.equal(signed.headers.host?.[0], "s3.eu-west-1.amazonaws.com");
  assert.equal(signed.headers["x-amz-content-sha256"]?.[0], signed.payloadHash);
  assert.equal(signed.headers["x-amz-security-token"]?.[0], "token");
  assert.match(
    signed.headers.authorization?.[0] ?? "",
    /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE\/20260115\/eu-west-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
  );
});
