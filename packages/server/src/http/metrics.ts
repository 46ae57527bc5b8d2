// Prometheus metrics of the HTTP layer (prom-client): request count and latency by method, route
// pattern and status, plus the process's default metrics, in a registry of the app's own (several
// apps in one process do not share counters). Served at GET /-/metrics.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/** The metrics an app records. */
export interface HttpMetrics {
  readonly registry: Registry;
  /** Records one finished request. `route` is the route pattern, or "unmatched". */
  observe(method: string, route: string, status: number, seconds: number): void;
}

const LABELS = ["method", "route", "status"] as const;

/** Creates the HTTP metrics in `registry` (a new one by default). */
export function createHttpMetrics(registry: Registry = new Registry(), defaultMetrics = true): HttpMetrics {
  if (defaultMetrics) collectDefaultMetrics({ register: registry, prefix: "anchorage_" });
  const requests = new Counter({
    name: "anchorage_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status.",
    labelNames: LABELS,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "anchorage_http_request_duration_seconds",
    help: "Time from receiving a request to finishing its response, by method, route pattern and status.",
    labelNames: LABELS,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    observe(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}
