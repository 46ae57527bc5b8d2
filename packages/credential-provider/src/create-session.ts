import { buildCreateSessionRequest, signX509RequestAsync } from "@anchorage/sigv4-x509";
import type { CreateSessionRequest, X509SignedRequest } from "@anchorage/sigv4-x509";
import { CONNECT_TIMEOUT_MS, MAX_ATTEMPTS, MAX_RESPONSE_BYTES, REQUEST_TIMEOUT_MS } from "./constants.js";
import { CreateSessionError } from "./create-session-error.js";
import { parseErrorResponse } from "./error-response.js";
import type { ErrorResponse } from "./error-response.js";
import { decodeBody } from "./http/content-encoding.js";
import { TransportError } from "./http/http-request.js";
import type { HttpRequest, HttpRequestOptions, WireResponse } from "./http/http-request.js";
import { nodeHttpRequest } from "./http/node-http-request.js";
import { ProxyConfigError, proxyForUrl } from "./http/proxy.js";
import type { ProxyEnvironment } from "./http/proxy.js";
import type { SigningMaterial } from "./material/index.js";
import { backoffDelay, isRetryableNetworkError, isRetryableResponse } from "./retry.js";
import type { SessionConfig } from "./session-config.js";
import { parseSessionResponse } from "./session-response.js";
import type { SessionResponse } from "./session-response.js";
import { userAgent } from "./user-agent.js";

/** What {@link createSession} reports while it works (for `--debug` and SDK loggers). Never secrets. */
export type CreateSessionEvent =
  | {
      readonly type: "request";
      readonly attempt: number;
      readonly url: URL;
      /** Through this proxy (no credentials in it), if any. */
      readonly proxy?: string;
      /** The signed request: wire headers, canonical request and string to sign. */
      readonly signed: X509SignedRequest;
      /** The headers exactly as sent, in order. */
      readonly headers: readonly (readonly [string, string])[];
      readonly body: Buffer;
    }
  | {
      readonly type: "response";
      readonly attempt: number;
      readonly status: number;
      readonly statusText: string;
      readonly requestId?: string;
      /** Set when this answer is retried after that many ms. */
      readonly retryInMs?: number;
    }
  | {
      readonly type: "network-error";
      readonly attempt: number;
      readonly message: string;
      readonly retryInMs?: number;
    };

/** Everything one CreateSession call needs. */
export interface CreateSessionOptions {
  /** Loaded with `loadSigningMaterial` (only the leaf, chain and key are used). */
  readonly material: Pick<SigningMaterial, "certificate" | "chain" | "privateKey">;
  /** Validated with `resolveSessionConfig`. */
  readonly config: SessionConfig;
  /** The signing clock, read once per attempt (each retry is signed afresh). */
  readonly now: () => Date;
  /** Unsigned; default `anchorage/<version> (node <v>; <platform>; <arch>)`. */
  readonly userAgent?: string | undefined;
  /** The transport seam (default: node:http/node:https). */
  readonly httpRequest?: HttpRequest | undefined;
  /** Check the endpoint's TLS certificate (default true). */
  readonly verifySsl?: boolean | undefined;
  /** Use HTTPS_PROXY / HTTP_PROXY / NO_PROXY from `env`, as AWS's helper does with `--with-proxy`. */
  readonly withProxy?: boolean | undefined;
  /** The environment the proxy variables come from (default `process.env`). */
  readonly env?: ProxyEnvironment | undefined;
  /** Attempts in total, retries included (default 4, as AWS's helper). */
  readonly maxAttempts?: number | undefined;
  readonly connectTimeoutMs?: number | undefined;
  readonly timeoutMs?: number | undefined;
  readonly maxResponseBytes?: number | undefined;
  /** Waits between attempts (default: setTimeout). */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Jitter source in [0, 1) (default Math.random). */
  readonly random?: (() => number) | undefined;
  readonly onEvent?: ((event: CreateSessionEvent) => void) | undefined;
}

/** A successful CreateSession. */
export interface CreateSessionResult extends SessionResponse {
  readonly status: number;
  readonly requestId?: string;
  /** HTTP attempts made, retries included. */
  readonly attempts: number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The headers on the wire in AWS's helper's order: the signed request's, with
 * `Transfer-Encoding: chunked` right after `User-Agent` (Go's place for it; the body goes as one
 * chunk).
 */
export function wireHeaders(signed: readonly (readonly [string, string])[]): [string, string][] {
  const out: [string, string][] = [];
  const afterIndex = signed.findIndex(([n]) => n.toLowerCase() === "user-agent");
  const at = afterIndex === -1 ? signed.findIndex(([n]) => n.toLowerCase() === "host") : afterIndex;
  signed.forEach(([name, value], i) => {
    out.push([name, value]);
    if (i === at) out.push(["Transfer-Encoding", "chunked"]);
  });
  if (at === -1) out.unshift(["Transfer-Encoding", "chunked"]);
  return out;
}

function buildRequest(options: CreateSessionOptions): CreateSessionRequest {
  const { config } = options;
  try {
    return buildCreateSessionRequest({
      endpoint: config.endpoint,
      trustAnchorArn: config.trustAnchorArn,
      profileArn: config.profileArn,
      roleArn: config.roleArn,
      ...(config.durationSeconds === undefined ? {} : { durationSeconds: config.durationSeconds }),
      ...(config.roleSessionName === undefined ? {} : { roleSessionName: config.roleSessionName }),
      userAgent: options.userAgent ?? userAgent(),
    });
  } catch (cause) {
    throw new CreateSessionError("configure", messageOf(cause), { cause });
  }
}

function resolveProxy(options: CreateSessionOptions, url: URL): URL | undefined {
  if (options.withProxy !== true) return undefined;
  try {
    return proxyForUrl(url, options.env ?? process.env);
  } catch (cause) {
    if (!(cause instanceof ProxyConfigError)) throw cause;
    throw new CreateSessionError("configure", cause.message, { cause });
  }
}

/**
 * `AccessDeniedException: Untrusted signing certificate (HTTP 403, request id …)`; without an error
 * type, `HTTP 502 Bad Gateway (…)`. Adds `after N attempts` when the answer came after retries.
 */
function httpFailure(status: number, statusText: string, parsed: ErrorResponse, attempts: number): string {
  const head = parsed.errorType ?? `HTTP ${status}${statusText === "" ? "" : ` ${statusText}`}`;
  const text = parsed.message === undefined ? head : `${head}: ${parsed.message}`;
  const facts = [
    ...(parsed.errorType === undefined ? [] : [`HTTP ${status}`]),
    ...(parsed.requestId === undefined ? [] : [`request id ${parsed.requestId}`]),
    ...(attempts > 1 ? [`after ${attempts} attempts`] : []),
  ];
  return facts.length === 0 ? text : `${text} (${facts.join(", ")})`;
}

/**
 * Calls IAM Roles Anywhere CreateSession and returns the temporary credentials. Sends exactly what
 * AWS's helper v1.4 sends (ARNs in the query string, headers in its order, the body chunked), signs
 * each attempt afresh with `now()`, and retries like the helper: connection failures, 5xx (not 501)
 * and throttling, 4 attempts in total with 30–60, 60–120, 120–240 ms backoff. gzip responses are
 * decoded; bodies are bounded. Loads node:https only for https endpoints.
 *
 * @example
 * const material = await loadSigningMaterial({ certificate: "client.pem", privateKey: "client.key" });
 * const config = resolveSessionConfig({ trustAnchorArn, profileArn, roleArn });
 * const { credentials } = await createSession({ material, config, now: () => new Date() });
 *
 * @throws CreateSessionError naming the step: `configure` (bad request inputs or proxy variable),
 *   `sign`, `connect` (no response after the retries), `http` (an error status: type, message,
 *   status and request id from the server) or `parse-response` (no usable credentials).
 */
export async function createSession(options: CreateSessionOptions): Promise<CreateSessionResult> {
  const { config, material } = options;
  const request = buildRequest(options);
  const proxy = resolveProxy(options, request.url);
  const send = options.httpRequest ?? nodeHttpRequest;
  const maxAttempts = Math.max(1, options.maxAttempts ?? MAX_ATTEMPTS);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const transport: HttpRequestOptions = {
    verifySsl: options.verifySsl ?? true,
    proxy,
    connectTimeoutMs: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    maxResponseBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
  };
  const target = `${request.url.origin}${proxy === undefined ? "" : ` through proxy ${proxy.origin}`}`;

  for (let attempt = 1; ; attempt++) {
    let signed: X509SignedRequest;
    try {
      signed = await signX509RequestAsync(request, {
        certificate: material.certificate.der,
        chain: material.chain,
        privateKey: material.privateKey,
        region: config.region,
        now: options.now(),
      });
    } catch (cause) {
      throw new CreateSessionError("sign", messageOf(cause), { cause, attempts: attempt - 1 });
    }
    const headers = wireHeaders(signed.headers);
    options.onEvent?.({
      type: "request",
      attempt,
      url: request.url,
      ...(proxy === undefined ? {} : { proxy: proxy.origin }),
      signed,
      headers,
      body: request.body,
    });
    const retryIn = attempt < maxAttempts ? backoffDelay(attempt - 1, random) : undefined;

    let response: WireResponse;
    try {
      response = await send(
        { method: request.method, url: request.url, headers, body: request.body },
        transport,
      );
    } catch (cause) {
      const code = cause instanceof TransportError ? cause.code : "EUNKNOWN";
      const message = messageOf(cause);
      const retry = isRetryableNetworkError(code) ? retryIn : undefined;
      options.onEvent?.({
        type: "network-error",
        attempt,
        message,
        ...(retry === undefined ? {} : { retryInMs: retry }),
      });
      if (retry !== undefined) {
        await sleep(retry);
        continue;
      }
      const step = code === "ResponseTooLarge" ? "parse-response" : "connect";
      const where = step === "connect" ? `${target}: ` : "";
      throw new CreateSessionError(
        step,
        `${where}${message}${attempt > 1 ? ` (after ${attempt} attempts)` : ""}`,
        {
          cause,
          attempts: attempt,
        },
      );
    }

    const { status } = response;
    const decoded = await decodeBody(
      response.body,
      response.headers["content-encoding"],
      transport.maxResponseBytes,
    ).catch((cause: unknown) => (cause instanceof Error ? cause : new Error(String(cause))));
    if (status >= 200 && status < 300) {
      const requestId = response.headers["x-amzn-requestid"] ?? response.headers["x-amz-request-id"];
      options.onEvent?.({
        type: "response",
        attempt,
        status,
        statusText: response.statusText,
        ...(requestId === undefined ? {} : { requestId }),
      });
      const context = { status, requestId, attempts: attempt };
      if (decoded instanceof Error) {
        throw new CreateSessionError("parse-response", decoded.message, { ...context, cause: decoded });
      }
      return {
        ...parseSessionResponse(decoded, context),
        status,
        ...(requestId === undefined ? {} : { requestId }),
        attempts: attempt,
      };
    }

    const parsed = parseErrorResponse(response.headers, decoded instanceof Error ? Buffer.alloc(0) : decoded);
    const retry = isRetryableResponse(status, parsed.errorType) ? retryIn : undefined;
    options.onEvent?.({
      type: "response",
      attempt,
      status,
      statusText: response.statusText,
      ...(parsed.requestId === undefined ? {} : { requestId: parsed.requestId }),
      ...(retry === undefined ? {} : { retryInMs: retry }),
    });
    if (retry !== undefined) {
      await sleep(retry);
      continue;
    }
    throw new CreateSessionError("http", httpFailure(status, response.statusText, parsed, attempt), {
      status,
      errorType: parsed.errorType,
      serverMessage: parsed.message,
      requestId: parsed.requestId,
      attempts: attempt,
    });
  }
}
