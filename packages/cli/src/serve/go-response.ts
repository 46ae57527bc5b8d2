import type { ServerResponse } from "node:http";

/** Go's `http.TimeFormat` (RFC 7231 IMF-fixdate), e.g. `Thu, 15 Jan 2026 12:00:00 GMT`. */
export const httpDate = (ms: number): string => new Date(ms).toUTCString();

/** What a handler answers. `headers` are the handler's own (Go writes them sorted by name). */
export interface GoAnswer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: readonly (readonly [string, string])[];
  /**
   * The Content-Type Go's server would sniff for a body the handler wrote without one:
   * `text/plain; charset=utf-8` for the helper's plain text and JSON.
   */
  readonly sniffedType?: string;
}

/** Content type Go's `http.DetectContentType` gives text and JSON bodies. */
export const TEXT_PLAIN = "text/plain; charset=utf-8";

/**
 * Writes a response with the header block Go's net/http writes for AWS's helper: the handler's
 * headers sorted by name, then `Date`, `Content-Length`, and the sniffed `Content-Type` when the
 * handler set none and wrote a body. No `Connection` or `Keep-Alive` header (node would add them;
 * removing `Connection` keeps the connection persistent all the same).
 */
export function writeGoResponse(res: ServerResponse, answer: GoAnswer, now: number): void {
  const body = Buffer.from(answer.body ?? "", "utf8");
  const own = [...(answer.headers ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hasType = own.some(([n]) => n.toLowerCase() === "content-type");
  const headers: [string, string][] = [
    ...own.map(([n, v]): [string, string] => [n, v]),
    ["Date", httpDate(now)],
    ["Content-Length", String(body.length)],
  ];
  if (!hasType && body.length > 0) headers.push(["Content-Type", answer.sniffedType ?? TEXT_PLAIN]);
  res.sendDate = false;
  res.removeHeader("Connection");
  res.writeHead(answer.status, headers.flat());
  res.end(res.req.method === "HEAD" ? undefined : body);
}
