/** One HTTP request as it goes on the wire: header names, values and order exactly as given. */
export interface WireRequest {
  readonly method: string;
  /** The full URL, query included. */
  readonly url: URL;
  /**
   * Every header, in wire order, `Host` included. `Transfer-Encoding: chunked` asks for the body as
   * one chunk plus the terminating chunk (what AWS's helper sends); otherwise `Content-Length` is sent.
   */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array;
}

/** An HTTP response, body still as received (not decoded: see `content-encoding`). */
export interface WireResponse {
  readonly status: number;
  readonly statusText: string;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** How one request is sent. */
export interface HttpRequestOptions {
  /** Check the server's TLS certificate (default true; false is the CLI's `--no-verify-ssl`). */
  readonly verifySsl: boolean;
  /** Send through this proxy: a CONNECT tunnel for https targets, absolute-form for http ones. */
  readonly proxy?: URL | undefined;
  /** Limit on establishing the connection (TCP, proxy CONNECT and TLS), ms. */
  readonly connectTimeoutMs: number;
  /** Limit on the whole exchange, ms. */
  readonly timeoutMs: number;
  /** Largest response body read; more fails with `ResponseTooLarge`. */
  readonly maxResponseBytes: number;
}

/**
 * The transport seam of CreateSession: sends one request, resolves with the response whatever its
 * status, rejects with a {@link TransportError} when no complete response arrived. The default is
 * `nodeHttpRequest` (node:http, node:https); tests pass a function.
 */
export type HttpRequest = (request: WireRequest, options: HttpRequestOptions) => Promise<WireResponse>;

/**
 * A request that got no complete HTTP response. `code` is a Node.js system error code
 * (`ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`…), a TLS verification code
 * (`DEPTH_ZERO_SELF_SIGNED_CERT`…), or one of `ConnectTimeout`, `ResponseTimeout`,
 * `ProxyConnectFailed`, `PrematureClose`, `ResponseTooLarge`.
 */
export class TransportError extends Error {
  override readonly name = "TransportError";

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
