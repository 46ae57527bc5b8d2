// The one network seam of the CLI's signed API calls: send a request, read a bounded response.
// node:http / node:https are imported on first use.

/** A request on the wire. */
export interface WireRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

/** A response, its body read whole (bounded). Header names are lower case. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export type HttpSend = (request: WireRequest) => Promise<WireResponse>;

/** Limits of {@link nodeHttpSend}. */
export interface SendLimits {
  /** Whole-request time limit (connect, send, read). Default 30 s. */
  readonly timeoutMs?: number;
  /** Largest response body read. Default 4 MiB. */
  readonly maxResponseBytes?: number;
}

/** Why a request got no HTTP response (DNS, connection, TLS, timeout, oversized response). */
export class TransportError extends Error {
  override readonly name = "TransportError";
}

/** Sends with node:http or node:https (by the URL's protocol); no proxy support. */
export function nodeHttpSend(limits: SendLimits = {}): HttpSend {
  const timeoutMs = limits.timeoutMs ?? 30_000;
  const maxBytes = limits.maxResponseBytes ?? 4 * 1024 * 1024;
  return async (req) => {
    if (req.url.protocol !== "http:" && req.url.protocol !== "https:")
      throw new TransportError(`${req.url.href}: only http: and https: endpoints are supported`);
    const { request } =
      req.url.protocol === "https:" ? await import("node:https") : await import("node:http");
    return new Promise<WireResponse>((resolve, reject) => {
      const fail = (message: string, cause?: unknown) =>
        reject(new TransportError(`${req.method} ${req.url.origin}: ${message}`, { cause }));
      const r = request(req.url, { method: req.method, headers: req.headers, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            res.destroy();
            fail(`the response is larger than ${maxBytes} bytes`);
            return;
          }
          chunks.push(chunk);
        });
        res.on("error", (e) => fail(e.message, e));
        res.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      });
      const timer = setTimeout(() => {
        r.destroy();
        fail(`no answer within ${timeoutMs} ms`);
      }, timeoutMs);
      r.on("close", () => clearTimeout(timer));
      r.on("timeout", () => {
        r.destroy();
        fail(`no answer within ${timeoutMs} ms`);
      });
      r.on("error", (e: NodeJS.ErrnoException) => fail(e.code ? `${e.code} ${e.message}` : e.message, e));
      r.end(req.body);
    });
  };
}
