import assert from "node:assert/strict";
import { test } from "node:test";
import { AnchorageError, type ErrorCode } from "./errors.js";
import { fromFrameworkError } from "./framework-errors.js";

const fastifyError = (code: string, statusCode: number, message = "x") =>
  Object.assign(new Error(message), { code, statusCode });

const CASES: ReadonlyArray<readonly [string, unknown, ErrorCode | undefined]> = [
  ["body too large", fastifyError("FST_ERR_CTP_BODY_TOO_LARGE", 413), "PayloadTooLarge"],
  ["unsupported media type", fastifyError("FST_ERR_CTP_INVALID_MEDIA_TYPE", 415), "UnsupportedMediaType"],
  ["content-length mismatch", fastifyError("FST_ERR_CTP_INVALID_CONTENT_LENGTH", 400), "Serialization"],
  ["invalid JSON body", fastifyError("FST_ERR_CTP_INVALID_JSON_BODY", 400), "Serialization"],
  ["empty JSON body", fastifyError("FST_ERR_CTP_EMPTY_JSON_BODY", 400), "Serialization"],
  ["bad URL encoding", fastifyError("FST_ERR_BAD_URL", 400), "Validation"],
  ["param too long", fastifyError("FST_ERR_MAX_PARAM_LENGTH", 414), "Validation"],
  [
    "schema validation",
    Object.assign(new Error("body/name must be string"), { validation: [{}] }),
    "Validation",
  ],
  [
    "client hung up mid-body",
    Object.assign(new Error("aborted"), { code: "ECONNRESET", statusCode: 400 }),
    "Serialization",
  ],
  ["some other 404", fastifyError("FST_ERR_NOT_FOUND", 404), "UnknownOperation"],
  ["some other 413", fastifyError("FST_SOMETHING", 413), "PayloadTooLarge"],
  ["some other 415", fastifyError("FST_SOMETHING", 415), "UnsupportedMediaType"],
  ["a plain bug", new TypeError("cannot read properties of undefined"), undefined],
  ["a 5xx framework error", fastifyError("FST_ERR_HANDLER_TIMEOUT", 503), undefined],
  ["not an object", "boom", undefined],
  ["an AnchorageError is not a framework error", new AnchorageError("NotFound", "x"), undefined],
];

test("framework errors map into the table; anything else is left for InternalFailure", (t) => {
  t.plan(CASES.length);
  for (const [name, error, expected] of CASES)
    t.assert.equal(fromFrameworkError(error, 1024)?.code, expected, name);
});

test("the 413 message gives the limit and keeps the original error as cause", () => {
  const original = fastifyError("FST_ERR_CTP_BODY_TOO_LARGE", 413);
  const mapped = fromFrameworkError(original, 1048576);
  assert.match(mapped?.message ?? "", /limit of 1048576 bytes/);
  assert.equal(mapped?.cause, original);
});
