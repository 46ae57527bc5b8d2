import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDecisionInput } from "./decision-input.js";

const HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const VALID = {
  request: {
    method: "GET",
    path: "/bucket/key%20name",
    query: "versionId=3",
    headers: { Host: "s3.local", "X-Amz-Date": ["20260101T000000Z"] },
    payloadHash: HASH.toUpperCase(),
  },
  action: "s3:GetObject",
  resource: "arn:aws:s3:::bucket/key name",
  context: { "aws:SourceIp": "203.0.113.9", "s3:prefix": ["a", "b"] },
  region: "eu-west-1",
  service: "s3",
};

test("a valid input: raw URL rebuilt, headers by lower-case name, hash lower-cased", () => {
  const input = parseDecisionInput(VALID);
  assert.deepEqual(
    { ...input.request, headers: { ...input.request.headers } },
    {
      method: "GET",
      rawUrl: "/bucket/key%20name?versionId=3",
      headers: { host: ["s3.local"], "x-amz-date": ["20260101T000000Z"] },
      payloadHash: HASH,
    },
  );
  assert.deepEqual(input.context, VALID.context);
  assert.equal(input.region, "eu-west-1");
});

test("header names like __proto__ cannot reach an object's prototype", () => {
  const input = parseDecisionInput({
    ...VALID,
    request: { ...VALID.request, headers: JSON.parse('{"__proto__":"x","host":"h"}') },
  });
  assert.deepEqual(Object.keys(input.request.headers).sort(), ["__proto__", "host"]);
  assert.equal(Object.getPrototypeOf(input.request.headers), null);
});

test("a query given as an object is encoded as SigV4 expects (RFC 3986)", () => {
  const input = parseDecisionInput({
    ...VALID,
    request: { ...VALID.request, query: { "a b": "c*d", list: ["1", "2"] } },
  });
  assert.equal(input.request.rawUrl, "/bucket/key%20name?a%20b=c%2Ad&list=1&list=2");
});

const BAD: { name: string; body: Record<string, unknown>; message: RegExp }[] = [
  { name: "unknown field", body: { ...VALID, extra: 1 }, message: /unknown field 'extra'/ },
  { name: "no request", body: { ...VALID, request: undefined }, message: /^request must be an object/ },
  {
    name: "lower-case method",
    body: { ...VALID, request: { ...VALID.request, method: "get" } },
    message: /request.method/,
  },
  {
    name: "path without slash",
    body: { ...VALID, request: { ...VALID.request, path: "bucket" } },
    message: /request.path/,
  },
  {
    name: "query in the path",
    body: { ...VALID, request: { ...VALID.request, path: "/a?b=c" } },
    message: /must not contain the query string/,
  },
  {
    name: "bad hash",
    body: { ...VALID, request: { ...VALID.request, payloadHash: "abc" } },
    message: /request.payloadHash/,
  },
  {
    name: "too many headers",
    body: {
      ...VALID,
      request: {
        ...VALID.request,
        headers: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`h${i}`, "v"])),
      },
    },
    message: /more than 100 headers/,
  },
  {
    name: "bad header name",
    body: { ...VALID, request: { ...VALID.request, headers: { "bad name": "v" } } },
    message: /invalid header name/,
  },
  {
    name: "header value not a string",
    body: { ...VALID, request: { ...VALID.request, headers: { h: 3 } } },
    message: /must be a string or a list of strings/,
  },
  { name: "action with a wildcard", body: { ...VALID, action: "s3:*" }, message: /^action must be/ },
  {
    name: "resource not an ARN",
    body: { ...VALID, resource: "bucket/key" },
    message: /^resource must be the ARN/,
  },
  {
    name: "reserved context key",
    body: { ...VALID, context: { "aws:PrincipalArn": "arn:aws:iam::1:root" } },
    message: /is set by Anchorage/,
  },
  {
    name: "context key twice",
    body: { ...VALID, context: { "aws:SourceIp": "1.1.1.1", "AWS:sourceip": "2.2.2.2" } },
    message: /given twice/,
  },
  {
    name: "context value too long",
    body: { ...VALID, context: { "s3:prefix": "x".repeat(1025) } },
    message: /at most 1024 characters/,
  },
  { name: "bad region", body: { ...VALID, region: "EU WEST" }, message: /^region must be/ },
  { name: "bad account", body: { ...VALID, resourceAccount: "12" }, message: /^resourceAccount must be/ },
];

test("anything out of bounds is a ValidationException naming the field", () => {
  assert.equal(BAD.length, 16);
  for (const c of BAD)
    assert.throws(() => parseDecisionInput(c.body), { code: "Validation", message: c.message }, c.name);
});
