import assert from "node:assert/strict";
import { test } from "node:test";
import { headersFromRaw, headerValues, signedHeaderValues, singleValue } from "./request-headers.js";

test("rawHeaders keep every repeated value in order, under lower-case names", () => {
  const raw = ["Host", "h", "My-Header1", "value2", "my-header1", "value2", "MY-HEADER1", "value1"];
  assert.deepEqual({ ...headersFromRaw(raw) }, { host: ["h"], "my-header1": ["value2", "value2", "value1"] });
});

test("a header record merges names that differ only in case", () => {
  const values = headerValues({ Host: "h", host: ["h2"], "X-A": undefined });
  assert.deepEqual([...values], [["host", ["h", "h2"]]]);
});

test("signed values are trimmed and joined by ',' (the suite's get-header-key-duplicate)", () => {
  const values = headerValues({
    "my-header1": ["value2", " value2 ", "value1"],
    host: "example.amazonaws.com",
    other: "x",
  });
  assert.deepEqual(
    { ...signedHeaderValues(values, ["host", "my-header1"]) },
    {
      host: "example.amazonaws.com",
      "my-header1": "value2,value2,value1",
    },
  );
});

test("a signed header absent from the request is SignatureDoesNotMatch", () => {
  assert.throws(() => signedHeaderValues(headerValues({ host: "h" }), ["host", "x-amz-date"]), {
    code: "SignatureDoesNotMatch",
    message: /'x-amz-date' is listed in SignedHeaders but is not in the request/,
  });
});

test("singleValue refuses a repeated header", () => {
  const values = headerValues({ "x-amz-date": ["20150830T123600Z", "20150830T123601Z"], a: "1" });
  assert.equal(singleValue(values, "a"), "1");
  assert.equal(singleValue(values, "b"), undefined);
  assert.throws(() => singleValue(values, "x-amz-date"), {
    code: "IncompleteSignature",
    message: /2 'x-amz-date' headers/,
  });
});
