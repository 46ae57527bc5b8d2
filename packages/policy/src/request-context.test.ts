import assert from "node:assert/strict";
import { test } from "node:test";
import { createRequestContext, InvalidContextError, RequestContext, singleValue } from "./request-context.js";

test("keys are case-insensitive and undefined values are absent", () => {
  const ctx = createRequestContext({ "aws:SourceIp": "1.2.3.4", "aws:Absent": undefined });
  assert.equal(ctx.get("AWS:SOURCEIP"), "1.2.3.4");
  assert.equal(ctx.getLower("aws:sourceip"), "1.2.3.4");
  assert.equal(ctx.has("aws:absent"), false);
  assert.deepEqual([...ctx.keys()], ["aws:sourceip"]);
  assert.equal(createRequestContext(ctx), ctx);
  assert.ok(ctx instanceof RequestContext);
});

test("keys differing only in case, and non-string values, are rejected", () => {
  assert.throws(() => createRequestContext({ "aws:a": "1", "AWS:A": "2" }), InvalidContextError);
  assert.throws(() => createRequestContext({ "aws:n": 5 as unknown as string }), {
    name: "InvalidContextError",
    message: /must be a string or an array of strings/,
  });
  assert.throws(() => createRequestContext({ "aws:n": [1] as unknown as string[] }), InvalidContextError);
});

test("singleValue accepts a string or a one-element array", () => {
  assert.equal(singleValue("a"), "a");
  assert.equal(singleValue(["a"]), "a");
  assert.equal(singleValue(["a", "b"]), undefined);
  assert.equal(singleValue([]), undefined);
  assert.equal(singleValue(undefined), undefined);
});
