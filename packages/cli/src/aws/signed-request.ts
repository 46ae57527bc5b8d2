// A small SigV4 (HMAC) signed API client for the CLI's own calls to an Anchorage or AWS endpoint:
// rest-json (Roles Anywhere, the /v1 API) through signedJsonRequest, anything else (Query
// protocol) through signedRequest. Signing is @smithy/signature-v4, the AWS SDK's own signer.
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentials } from "./credentials.js";
import { nodeHttpSend, type HttpSend, type WireResponse } from "./http-send.js";
import { NodeSha256 } from "@anchorage/sigv4-x509";

export interface SignedRequestInit {
  /** Base URL of the service, e.g. `http://127.0.0.1:8080` or `https://rolesanywhere.us-east-1.amazonaws.com`. */
  readonly endpoint: string | URL;
  readonly method: string;
  /** Path below the endpoint's path, percent-encoded as it goes on the wire (`/crl/abc`). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Signing name (`rolesanywhere`, `iam`, `sts`, …) and region. */
  readonly service: string;
  readonly region: string;
  readonly credentials: AwsCredentials;
  /** The signing time (the composition root reads the clock). */
  readonly now: Date;
  /** The network seam; default node:http(s) with a 30 s limit. */
  readonly send?: HttpSend;
}

/** An API error answer: the service's error code and message, the HTTP status and request id. */
export class AwsApiError extends Error {
  override readonly name = "AwsApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    readonly serviceMessage: string,
    readonly requestId: string | undefined,
    options?: ErrorOptions,
  ) {
    super(
      `${code}: ${serviceMessage || "(no message)"} (HTTP ${status}${requestId ? `, request id ${requestId}` : ""})`,
      options,
    );
  }
}

/** Signs the request with SigV4 (HMAC-SHA256) and sends it. Any HTTP status resolves. */
export async function signedRequest(init: SignedRequestInit): Promise<WireResponse> {
  const base = new URL(init.endpoint);
  const path = `${base.pathname.replace(/\/+$/, "")}${init.path.startsWith("/") ? "" : "/"}${init.path}`;
  const body = init.body === undefined ? undefined : Buffer.from(init.body);
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: init.credentials.accessKeyId,
      secretAccessKey: init.credentials.secretAccessKey,
      ...(init.credentials.sessionToken !== undefined ? { sessionToken: init.credentials.sessionToken } : {}),
    },
    region: init.region,
    service: init.service,
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: init.method,
      protocol: base.protocol,
      hostname: base.hostname,
      ...(base.port !== "" ? { port: Number(base.port) } : {}),
      path,
      query: { ...init.query },
      headers: {
        host: base.host,
        ...lowerCaseKeys(init.headers ?? {}),
        ...(body !== undefined ? { "content-length": String(body.length) } : {}),
      },
      ...(body !== undefined ? { body } : {}),
    },
    { signingDate: init.now },
  );
  const url = new URL(base.origin);
  url.pathname = path;
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.append(k, v);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) headers[k] = String(v);
  const send = init.send ?? nodeHttpSend();
  return send({ url, method: init.method, headers, ...(body !== undefined ? { body } : {}) });
}

export interface SignedJsonRequestInit extends Omit<SignedRequestInit, "body"> {
  /** Serialised as JSON (`application/json`); omitted for requests without a body. */
  readonly json?: unknown;
}

/**
 * A rest-json call: sends `json`, returns the parsed 2xx answer, throws {@link AwsApiError} for
 * an error answer (code from `x-amzn-ErrorType` or the body's `__type`/`code`).
 *
 * @example
 * const crl = await signedJsonRequest({ endpoint, method: "POST", path: "/crls", service: "rolesanywhere",
 *   region: "us-east-1", credentials, now: new Date(), json: { name, crlData, trustAnchorArn } });
 */
export async function signedJsonRequest<T = unknown>(init: SignedJsonRequestInit): Promise<T> {
  const { json, ...rest } = init;
  const res = await signedRequest({
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const text = res.body.toString("utf8");
  let parsed: unknown;
  try {
    parsed = text.trim() === "" ? {} : JSON.parse(text);
  } catch (cause) {
    const ok = res.status >= 200 && res.status < 300;
    throw new AwsApiError(
      res.status,
      ok ? "InvalidResponse" : `HTTP${res.status}`,
      ok ? `the answer is not JSON: ${clip(text)}` : clip(text),
      requestIdOf(res),
      { cause },
    );
  }
  if (res.status >= 200 && res.status < 300) return parsed as T;
  throw errorOf(res, parsed);
}

function errorOf(res: WireResponse, body: unknown): AwsApiError {
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const typeHeader = res.headers["x-amzn-errortype"];
  const rawCode =
    typeHeader ?? str(fields.__type) ?? str(fields.code) ?? str(fields.Code) ?? `HTTP${res.status}`;
  // `x-amzn-ErrorType: ValidationException:http://internal.amazon.com/…` and `aws.protocol#Code`.
  const code = rawCode.split(":")[0]!.split("#").pop()!;
  const message = str(fields.message) ?? str(fields.Message) ?? "";
  return new AwsApiError(res.status, code, clip(message), requestIdOf(res));
}

const requestIdOf = (res: WireResponse): string | undefined =>
  res.headers["x-amzn-requestid"] ?? res.headers["x-amz-request-id"];
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const clip = (s: string): string => {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > 1000 ? `${one.slice(0, 1000)}…` : one;
};
const lowerCaseKeys = (h: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
