import assert from "node:assert/strict";
import { test } from "node:test";
import { renderError } from "./error-response.js";
import { AnchorageError } from "./errors.js";

const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const REQUEST_ID = "6f1e3c9a-4b2d-4e8f-9a7b-1c2d3e4f5a6b";

test("rest-json: x-amzn-ErrorType header and a {message} body", () => {
  const out = renderError(new AnchorageError("NotFound", "Profile p-1 not found"), "rest-json", REQUEST_ID);
  assert.deepEqual(out, {
    status: 404,
    headers: { "content-type": "application/json", "x-amzn-errortype": "ResourceNotFoundException" },
    body: '{"message":"Profile p-1 not found"}',
  });
});

test("json: the same header and a body that also names the type", () => {
  const out = renderError(new AnchorageError("Throttling", "Rate exceeded"), "json", REQUEST_ID);
  assert.equal(out.status, 429);
  assert.equal(out.headers["x-amzn-errortype"], "ThrottlingException");
  assert.deepEqual(JSON.parse(out.body), { __type: "ThrottlingException", message: "Rate exceeded" });
});

test("query: an ErrorResponse with Sender for 4xx, the Query status and the request id", () => {
  const out = renderError(
    new AnchorageError("Throttling", "Rate <exceeded> & more"),
    "query",
    REQUEST_ID,
    IAM_NS,
  );
  assert.equal(out.status, 400);
  assert.deepEqual(out.headers, { "content-type": "text/xml" });
  assert.equal(
    out.body,
    `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>Throttling</Code>` +
      `<Message>Rate &lt;exceeded&gt; &amp; more</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`,
  );
});

test("query: Receiver for 5xx", () => {
  const out = renderError(new AnchorageError("ServiceUnavailable", "draining"), "query", REQUEST_ID, IAM_NS);
  assert.equal(out.status, 503);
  assert.match(out.body, /<Type>Receiver<\/Type><Code>ServiceUnavailable<\/Code>/);
});

test("InternalFailure never sends the thrown message, in any protocol", (t) => {
  const error = new AnchorageError("InternalFailure", "password=hunter2 rejected by postgres");
  const protocols = ["rest-json", "json", "query"] as const;
  t.plan(protocols.length * 2);
  for (const protocol of protocols) {
    const out = renderError(error, protocol, REQUEST_ID, IAM_NS);
    t.assert.equal(out.status, 500);
    t.assert.equal(
      out.body.includes("An internal error occurred") && !out.body.includes("hunter2"),
      true,
      out.body,
    );
  }
});
