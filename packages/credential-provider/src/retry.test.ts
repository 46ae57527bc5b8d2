import assert from "node:assert/strict";
import test from "node:test";
import { backoffDelay, isRetryableNetworkError, isRetryableResponse } from "./retry.js";

test("backoff is the Go SDK v1 default: 30–60, 60–120, 120–240 ms", () => {
  const ranges = [0, 1, 2].map((retry) => [
    backoffDelay(retry, () => 0),
    backoffDelay(retry, () => 0.999999),
  ]);
  assert.deepEqual(ranges, [
    [30, 60],
    [60, 120],
    [120, 240],
  ]);
});

test("retried answers: 5xx but 501, 429, throttling types; not 4xx", () => {
  const table: [number, string | undefined, boolean][] = [
    [500, "InternalServerException", true],
    [502, undefined, true],
    [503, undefined, true],
    [501, undefined, false],
    [429, undefined, true],
    [400, "ThrottlingException", true],
    [400, "ValidationException", false],
    [403, "AccessDeniedException", false],
    [404, undefined, false],
  ];
  for (const [status, type, retried] of table)
    assert.equal(isRetryableResponse(status, type), retried, `${status} ${type}`);
  assert.equal(table.length, 9);
});

test("retried network failures: refused, reset, timeouts, a refused proxy; not TLS verification", () => {
  for (const code of [
    "ECONNREFUSED",
    "ECONNRESET",
    "ConnectTimeout",
    "ResponseTimeout",
    "ProxyConnectFailed",
    "ENOTFOUND",
  ])
    assert.ok(isRetryableNetworkError(code), code);
  for (const code of [
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "ERR_TLS_CERT_ALTNAME_INVALID",
    "ResponseTooLarge",
    "EUNKNOWN",
  ])
    assert.equal(isRetryableNetworkError(code), false, code);
});
