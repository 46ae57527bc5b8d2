import assert from "node:assert/strict";
import { test } from "node:test";
import { TransportError } from "../../aws/http-send.js";
import { AwsApiError } from "../../aws/signed-request.js";
import { apiProblem } from "./api-errors.js";

test("API errors are sorted into missing, denied, unreachable and other", () => {
  const cases: [unknown, string][] = [
    [new AwsApiError(404, "ResourceNotFoundException", "no trust anchor", "r1"), "not-found"],
    [new AwsApiError(404, "NoSuchEntity", "The role with name x cannot be found.", undefined), "not-found"],
    [new AwsApiError(403, "AccessDeniedException", "not authorized", undefined), "denied"],
    [new AwsApiError(403, "InvalidClientTokenId", "unknown key", undefined), "denied"],
    [new AwsApiError(403, "SomethingNew", "forbidden", undefined), "denied"],
    [new AwsApiError(400, "ValidationException", "bad id", undefined), "other"],
    [new TransportError("POST http://127.0.0.1:1: ECONNREFUSED"), "unreachable"],
  ];
  assert.equal(cases.length, 7);
  for (const [error, kind] of cases) assert.equal(apiProblem(error).kind, kind, String(error));
  assert.match(apiProblem(cases[0]![0]).message, /^ResourceNotFoundException: no trust anchor \(HTTP 404/);
});

test("anything else is not an API problem: it is rethrown", () => {
  assert.throws(() => apiProblem(new TypeError("bug")), TypeError);
});
