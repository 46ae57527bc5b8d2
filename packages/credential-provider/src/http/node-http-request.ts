import type { ClientRequest, IncomingMessage, OutgoingHttpHeaders } from "node:http";
import type { RequestOptions } from "node:https";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { TransportError } from "./http-request.js";
import type { HttpRequest, HttpRequestOptions, WireRequest, WireResponse } from "./http-request.js";
import { bareHost, effectivePort } from "./proxy.js";

type RequestFn = (options: RequestOptions) => ClientRequest;

/**
 * A built-in module, loaded on first use. `process.getBuiltinModule` (Node >= 20.16) returns the
 * CommonJS object; `import()` would also build its ES module facade, which costs milliseconds on the
 * credential-process hot path. node:https and node:tls load only when a target or proxy needs them.
 */
const builtin = <ID extends "node:http" | "node:https" | "node:tls">(id: ID) => process.getBuiltinModule(id);

/** `Proxy-Authorization` for a proxy URL with user info (Go sends Basic credentials the same way). */
function proxyAuthorization(proxy: URL): Record<string, string> {
  if (proxy.username === "" && proxy.password === "") return {};
  const pair = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { "Proxy-Authorization": `Basic ${Buffer.from(pair, "utf8").toString("base64")}` };
}

const TLS_HINT = "; to trust a private CA set NODE_EXTRA_CA_CERTS";

/** Wraps a node:net/http/tls error in a one-line {@link TransportError}; `where` prefixes proxy errors. */
function wrap(error: unknown, where = ""): TransportError {
  if (error instanceof TransportError) return error;
  const e = error as NodeJS.ErrnoException;
  const code = typeof e.code === "string" ? e.code : "EUNKNOWN";
  const message = e.message || code;
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|ERR_TLS|ERR_SSL/.test(code);
  return new TransportError(code, `${where}${message}${tls ? ` (${code})${TLS_HINT}` : ""}`, {
    cause: error,
  });
}

/** Opens a CONNECT tunnel through `proxy` to `target` and starts TLS inside it. */
async function tunnel(target: URL, proxy: URL, options: HttpRequestOptions): Promise<TLSSocket> {
  const [http, tls] = [builtin("node:http"), builtin("node:tls")];
  const request: RequestFn = proxy.protocol === "https:" ? builtin("node:https").request : http.request;
  const authority = `${target.hostname}:${effectivePort(target)}`;
  const via = "the proxy: ";
  return new Promise<TLSSocket>((resolve, reject) => {
    let settled = false;
    const settle = (error: TransportError | undefined, socket?: TLSSocket): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error === undefined) resolve(socket!);
      else reject(error);
    };
    const req = request({
      host: bareHost(proxy.hostname),
      port: effectivePort(proxy),
      method: "CONNECT",
      path: authority,
      headers: { Host: authority, ...proxyAuthorization(proxy) },
      agent: false,
      rejectUnauthorized: options.verifySsl,
    });
    req.removeHeader("Connection");
    const timer = setTimeout(() => {
      req.destroy();
      settle(
        new TransportError(
          "ConnectTimeout",
          `the proxy opened no tunnel to ${authority} within ${options.connectTimeoutMs} ms`,
        ),
      );
    }, options.connectTimeoutMs);
    req.on("error", (error) => settle(wrap(error, via)));
    req.on("connect", (res: IncomingMessage, socket: Socket, head: Buffer) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        settle(
          new TransportError(
            "ProxyConnectFailed",
            `the proxy answered CONNECT ${authority} with ${res.statusCode ?? "?"} ${res.statusMessage ?? ""}`.trim(),
          ),
        );
        return;
      }
      if (head.length > 0) socket.unshift(head);
      const host = bareHost(target.hostname);
      const secure = tls.connect({
        socket,
        ...(isIpLiteral(host) ? {} : { servername: host }),
        rejectUnauthorized: options.verifySsl,
      });
      secure.once("secureConnect", () => settle(undefined, secure));
      secure.once("error", (error) => {
        secure.destroy();
        settle(wrap(error));
      });
    });
    req.end();
  });
}

const isIpLiteral = (host: string): boolean => /^[\d.]+$/.test(host) || host.includes(":");

/**
 * Sends a request with node:http (node:https only for https targets, node:tls only through a proxy),
 * header names, values and order exactly as given, without the `Connection` header node would add;
 * `Transfer-Encoding: chunked` sends the body as one chunk and the terminating chunk, as Go does.
 * Through a proxy: a CONNECT tunnel for https targets, absolute-form for http ones. One connection
 * per request (no pooling), closed after the response. The body is read up to `maxResponseBytes`.
 *
 * @example
 * const res = await nodeHttpRequest(
 *   { method: "POST", url, headers: [["Host", url.host], ["Content-Type", "application/json"]], body },
 *   { verifySsl: true, connectTimeoutMs: 10_000, timeoutMs: 30_000, maxResponseBytes: 262_144 },
 * );
 */
export const nodeHttpRequest: HttpRequest = async (request, options) => {
  const { url } = request;
  const { proxy } = options;
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of request.headers) headers[name] = value;
  const http = builtin("node:http");
  let send: RequestFn;
  let target: RequestOptions;
  if (proxy !== undefined && url.protocol === "http:") {
    send = proxy.protocol === "https:" ? builtin("node:https").request : http.request;
    target = {
      host: bareHost(proxy.hostname),
      port: effectivePort(proxy),
      path: url.href,
      headers: { ...headers, ...proxyAuthorization(proxy) },
      rejectUnauthorized: options.verifySsl,
    };
  } else if (proxy !== undefined) {
    const socket = await tunnel(url, proxy, options);
    send = http.request;
    target = { path: `${url.pathname}${url.search}`, headers, createConnection: () => socket };
  } else {
    send = url.protocol === "https:" ? builtin("node:https").request : http.request;
    target = {
      host: bareHost(url.hostname),
      port: effectivePort(url),
      path: `${url.pathname}${url.search}`,
      headers,
      rejectUnauthorized: options.verifySsl,
    };
  }
  return exchange(
    send,
    { ...target, method: request.method, agent: target.createConnection ? undefined : false },
    request,
    options,
  );
};

function exchange(
  send: RequestFn,
  target: RequestOptions,
  request: WireRequest,
  options: HttpRequestOptions,
): Promise<WireResponse> {
  return new Promise<WireResponse>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (error: TransportError | undefined, response?: WireResponse): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      if (error === undefined) {
        resolve(response!);
      } else {
        req.destroy();
        reject(error);
      }
    };
    const req = send(target);
    req.removeHeader("Connection");
    timers.push(
      setTimeout(
        () =>
          finish(
            new TransportError("ResponseTimeout", `no complete response within ${options.timeoutMs} ms`),
          ),
        options.timeoutMs,
      ),
    );
    req.on("socket", (socket: Socket) => {
      if (!socket.connecting) return;
      const t = setTimeout(
        () =>
          finish(
            new TransportError(
              "ConnectTimeout",
              `no connection to ${request.url.host} within ${options.connectTimeoutMs} ms`,
            ),
          ),
        options.connectTimeoutMs,
      );
      timers.push(t);
      const secure = "encrypted" in socket;
      socket.once(secure ? "secureConnect" : "connect", () => clearTimeout(t));
    });
    req.on("error", (error) => finish(wrap(error)));
    req.on("response", (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxResponseBytes) {
          finish(
            new TransportError(
              "ResponseTooLarge",
              `the response body is larger than ${options.maxResponseBytes} bytes`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      res.on("error", (error) => finish(wrap(error)));
      res.on("close", () => {
        if (!res.complete)
          finish(
            new TransportError("PrematureClose", "the connection closed before the response was complete"),
          );
      });
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        finish(undefined, {
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          headers,
          body: Buffer.concat(chunks, size),
        });
      });
    });
    req.end(Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength));
  });
}
