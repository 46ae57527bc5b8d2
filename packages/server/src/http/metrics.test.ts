import assert from "node:assert/strict";
import { test } from "node:test";
import { createHttpMetrics } from "./metrics.js";

test("requests are counted and timed by method, route pattern and status", async () => {
  const metrics = createHttpMetrics(undefined, false);
  metrics.observe("GET", "/trustanchor/:id", 200, 0.003);
  metrics.observe("GET", "/trustanchor/:id", 200, 0.2);
  metrics.observe("GET", "unmatched", 404, 0.001);
  const text = await metrics.registry.metrics();
  assert.match(
    text,
    /^anchorage_http_requests_total\{method="GET",route="\/trustanchor\/:id",status="200"\} 2$/m,
  );
  assert.match(text, /^anchorage_http_requests_total\{method="GET",route="unmatched",status="404"\} 1$/m);
  assert.match(
    text,
    /^anchorage_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/trustanchor\/:id",status="200"\} 1$/m,
  );
  assert.match(
    text,
    /^anchorage_http_request_duration_seconds_count\{method="GET",route="\/trustanchor\/:id",status="200"\} 2$/m,
  );
});

test("each app has its own registry, with the process metrics when asked", async () => {
  const a = createHttpMetrics();
  const b = createHttpMetrics();
  a.observe("GET", "/-/health", 200, 0.001);
  assert.match(await a.registry.metrics(), /anchorage_http_requests_total\{[^}]*\} 1/);
  assert.doesNotMatch(await b.registry.metrics(), /anchorage_http_requests_total\{/);
  assert.match(await b.registry.metrics(), /^anchorage_process_cpu_user_seconds_total /m);
});
