// The HTTP core every Anchorage service plugs into: one fastify instance with raw-body capture,
// request ids, redacted JSON logs, an accurate Date header, SigV4 authentication per route, ONE
// error handler rendering the error table in the route's protocol, Prometheus metrics, health,
// and a bounded graceful shutdown. See README.md for how a service adds its routes.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { fastify, LogController, type FastifyInstance, type FastifyRequest } from "fastify";
import type { Logger, LoggerOptions } from "pino";
import type { Registry } from "prom-client";
import { headersFromRaw } from "../auth/request-headers.js";
import type { Authenticate } from "../auth/sigv4.js";
import { renderError } from "./error-response.js";
import { AnchorageError } from "./errors.js";
import { fromFrameworkError } from "./framework-errors.js";
import { createLogger, redactUrl } from "./logger.js";
import { createHttpMetrics } from "./metrics.js";
import { requestIdGenerator, type RandomBytes } from "./request-id.js";
import { routeConfigProblem } from "./route-config.js";

/** The default request body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** The default time a client has to send a whole request (slow clients hold connections): 30 s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** node's default bound on the request line and headers together: 16 KiB. */
export const DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
/** The default bound on draining in-flight requests at shutdown: 10 s. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

/** Options of {@link buildApp}. */
export interface AppOptions {
  /** The server's clock (Date headers, authentication windows). */
  readonly clock: () => Date;
  /** Random bytes for request ids; default `crypto.randomBytes`. */
  readonly random?: RandomBytes;
  /** A pino logger (redaction is added to a child of it) or pino options for a new one. */
  readonly log: Logger | LoggerOptions;
  /**
   * Authenticates requests on routes with `config.auth: { services }`; required if any route has
   * one. Usually `sigv4Authenticator({ resolveCredentials, clock, region })`.
   */
  readonly authenticate?: Authenticate;
  /** Largest accepted request body in bytes; default 1 MiB. Larger → 413 PayloadTooLarge. */
  readonly bodyLimit?: number;
  /**
   * Largest request line plus headers, in bytes (node answers 431 beyond, before the app sees the
   * request); default node's 16 KiB. CreateSession needs more: five 16 KiB chain certificates in
   * base64 are about 110 KB of headers.
   */
  readonly maxHeaderSize?: number;
  /** How long a client may take to send a whole request (node answers 408 after); default 30 s. */
  readonly requestTimeoutMs?: number;
  /** How long `close()` waits for in-flight requests before cutting connections; default 10 s. */
  readonly drainTimeoutMs?: number;
  /** Where the HTTP metrics go; default a registry of the app's own (with process metrics). */
  readonly metricsRegistry?: Registry;
  /**
   * Turns errors of other layers into table errors (e.g. the protocol layer's
   * ModelValidationError → `new AnchorageError("Validation", e.message, { cause: e })`);
   * `undefined` leaves the error to the default mapping (unknown errors are InternalFailure).
   */
  readonly translateError?: (error: unknown) => AnchorageError | undefined;
  /** Serve HTTPS with this PEM key and certificate (chain). */
  readonly https?: { readonly key: string | Buffer; readonly cert: string | Buffer };
}

/** The app: a fastify instance logging through pino (with HTTPS, `app.server` is an https.Server). */
export type AnchorageApp = FastifyInstance<Server, IncomingMessage, ServerResponse, Logger>;

const EMPTY = Buffer.alloc(0);

/** The exact request body bytes as received (empty when there was none). */
export function rawBody(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : EMPTY;
}

/**
 * Builds the HTTP app. Register service routes on it with `app.route({ …, config: { protocol,
 * auth, xmlNamespace? } })`, then `listen()`; the composition root calls `close()` on SIGTERM.
 *
 * @example
 * const app = buildApp({ clock: () => new Date(), log: { level: "info" }, authenticate });
 * app.get("/trustanchors", { config: { protocol: "rest-json", auth: { services: ["rolesanywhere"] } } }, listTrustAnchors);
 * await app.listen({ host: "127.0.0.1", port: 7911 });
 */
export function buildApp(options: AppOptions): AnchorageApp {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const drainTimeoutMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  const maxHeaderSize = options.maxHeaderSize ?? DEFAULT_MAX_HEADER_SIZE;
  const metrics = createHttpMetrics(options.metricsRegistry);
  const common = {
    loggerInstance: createLogger(options.log),
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "requestId" }),
    genReqId: requestIdGenerator(options.random ?? randomBytes),
    requestIdHeader: false as const,
    bodyLimit,
    requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    return503OnClosing: false,
  };
  const app: AnchorageApp =
    options.https === undefined
      ? fastify({ ...common, http: { maxHeaderSize } })
      : (fastify({
          ...common,
          https: { key: options.https.key, cert: options.https.cert, maxHeaderSize },
        }) as unknown as AnchorageApp);

  /** The table error a request ended with, for its log line. */
  const outcomes = new WeakMap<FastifyRequest, AnchorageError>();
  let closing = false;

  app.decorateRequest("auth", null);

  // Every body, whatever its content type, is kept as the exact bytes received: signatures hash
  // them, and the protocol decoders parse them.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.addHook("onRoute", (route) => {
    const problem = routeConfigProblem(route.config, options.authenticate !== undefined);
    if (problem !== undefined) {
      throw new Error(
        `${String(route.method)} ${route.url}: ${problem} (see packages/server/src/http/README.md)`,
      );
    }
  });

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-amzn-RequestId", request.id);
    if (closing)
      throw new AnchorageError("ServiceUnavailable", "The server is shutting down; retry the request.");
  });

  // Authentication runs once the body is read (the signature covers it) and before any validation.
  app.addHook("preValidation", async (request) => {
    const auth = request.routeOptions.config.auth;
    if (auth === undefined || auth === "none" || options.authenticate === undefined) return;
    request.auth = await options.authenticate(
      {
        method: request.raw.method ?? request.method,
        rawUrl: request.raw.url ?? request.url,
        headers: headersFromRaw(request.raw.rawHeaders),
        body: rawBody(request),
      },
      auth.services,
    );
  });

  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("date", options.clock().toUTCString());
    if (closing) reply.header("connection", "close");
    return payload;
  });

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    const error = outcomes.get(request);
    request.log.info(
      {
        method: request.method,
        url: redactUrl(request.raw.url ?? ""),
        route,
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 1000) / 1000,
        remoteAddress: request.ip,
        ...(request.auth === null ? {} : { accessKeyId: request.auth.accessKeyId }),
        ...(error === undefined
          ? {}
          : {
              error: {
                code: error.code,
                message: error.message,
                ...(error.detail === undefined ? {} : { detail: error.detail }),
              },
            }),
      },
      "request completed",
    );
  });

  app.setErrorHandler((thrown, request, reply) => {
    const error = toTableError(thrown, options.translateError, bodyLimit);
    if (error.code === "InternalFailure") request.log.error({ err: thrown }, "internal failure");
    outcomes.set(request, error);
    const config = request.routeOptions.config;
    const rendered = renderError(error, config.protocol ?? "rest-json", request.id, xmlNamespaceOf(request));
    return reply.code(rendered.status).headers(rendered.headers).send(rendered.body);
  });

  app.setNotFoundHandler(async (request) => {
    const path = (request.raw.url ?? "").split("?")[0] ?? "";
    throw new AnchorageError(
      "UnknownOperation",
      `No operation matches ${request.method} ${path.slice(0, 200)}.`,
    );
  });

  app.get("/-/health", { config: { protocol: "json", auth: "none" } }, async () => ({ status: "ok" }));
  app.get("/-/metrics", { config: { protocol: "json", auth: "none" } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  // Graceful shutdown: fastify's close() stops accepting connections and waits for in-flight
  // requests; we answer requests that still arrive on open connections with 503, ask clients to
  // close their connections, and cut whatever is left after drainTimeoutMs.
  app.addHook("preClose", (done) => {
    closing = true;
    if (!app.server.listening) return done();
    const timer = setTimeout(() => {
      app.log.warn(
        { drainTimeoutMs },
        "in-flight requests did not finish in time; closing their connections",
      );
      app.server.closeAllConnections();
    }, drainTimeoutMs);
    timer.unref();
    app.server.once("close", () => clearTimeout(timer));
    done();
  });

  return app;
}

function toTableError(
  thrown: unknown,
  translate: AppOptions["translateError"],
  bodyLimit: number,
): AnchorageError {
  if (thrown instanceof AnchorageError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return (
    translate?.(thrown) ??
    fromFrameworkError(thrown, bodyLimit) ??
    new AnchorageError("InternalFailure", message, { cause: thrown })
  );
}

function xmlNamespaceOf(request: FastifyRequest): string | undefined {
  const namespace = request.routeOptions.config.xmlNamespace;
  if (typeof namespace !== "function") return namespace;
  try {
    return namespace(request);
  } catch (error) {
    request.log.error({ err: error }, "xmlNamespace failed; sending the error without a namespace");
    return undefined;
  }
}
