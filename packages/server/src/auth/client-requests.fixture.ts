// Test helpers: requests signed by the real client signer (@smithy/signature-v4, what AWS SDK v3
// uses), in the shape authenticateSigV4 receives and as they travel over HTTP.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "@anchorage/sigv4-x509";
import type { SignedRequest } from "./sigv4.js";

export const ACCESS_KEY_ID = "AKIAANCHORAGETEST001";
export const SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzSECRETKEY";
export const TEMP_ACCESS_KEY_ID = "ASIAANCHORAGETEST002";
export const TEMP_SECRET_ACCESS_KEY = "tmpSECRETtmpSECRETtmpSECRETtmpSECRET0000";
export const SESSION_TOKEN = "SESSIONTOKENsealed+blob/with=chars";
export const NOW = new Date("2024-05-01T12:00:00Z");

/** What a client wants to send before signing. */
export interface PlainRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | string[]>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** Signing parameters; defaults: the long-term test key, us-east-1, rolesanywhere, {@link NOW}. */
export interface SigningParams {
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly sessionToken?: string;
  readonly region?: string;
  readonly service?: string;
  readonly signingDate?: Date;
  readonly expiresIn?: number;
  /** Send x-amz-content-sha256 (smithy's default, true) or not (botocore for non-S3 services). */
  readonly applyChecksum?: boolean;
}

const RFC3986_EXTRA = /[!'()*]/g;
/** The SDK's escaping (encodeURIComponent plus !'()*). */
export const escapeUri = (text: string): string =>
  encodeURIComponent(text).replace(RFC3986_EXTRA, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The request target the SDK's HTTP handler sends for a path and query. */
export function toRawUrl(path: string, query: Readonly<Record<string, string | string[]>> = {}): string {
  const parts = Object.entries(query).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((value: string) => `${escapeUri(k)}=${escapeUri(value)}`),
  );
  return parts.length === 0 ? path : `${path}?${parts.join("&")}`;
}

function signer(params: SigningParams): SignatureV4 {
  return new SignatureV4({
    credentials: {
      accessKeyId: params.accessKeyId ?? ACCESS_KEY_ID,
      secretAccessKey: params.secretAccessKey ?? SECRET_ACCESS_KEY,
      ...(params.sessionToken === undefined ? {} : { sessionToken: params.sessionToken }),
    },
    region: params.region ?? "us-east-1",
    service: params.service ?? "rolesanywhere",
    sha256: NodeSha256,
    applyChecksum: params.applyChecksum ?? true,
  });
}

function smithyRequest(plain: PlainRequest) {
  const body = plain.body === undefined ? undefined : Buffer.from(plain.body);
  return {
    method: plain.method,
    protocol: "http:",
    hostname: plain.host.replace(/:\d+$/, ""),
    path: plain.path,
    query: { ...plain.query },
    headers: {
      host: plain.host,
      ...(body === undefined ? {} : { "content-length": String(body.length) }),
      ...plain.headers,
    },
    ...(body === undefined ? {} : { body }),
  };
}

/** Signs with the Authorization header, as the SDK does. */
export async function signHeader(
  plain: PlainRequest,
  params: SigningParams = {},
): Promise<SignedRequest & { body: Buffer }> {
  const signed = await signer(params).sign(smithyRequest(plain), { signingDate: params.signingDate ?? NOW });
  return {
    method: signed.method,
    rawUrl: toRawUrl(signed.path, signed.query as Record<string, string | string[]>),
    headers: { ...signed.headers },
    body: Buffer.from(plain.body ?? ""),
  };
}

/** Presigns (query-string authentication), as the SDK's presigners do. */
export async function presign(
  plain: PlainRequest,
  params: SigningParams = {},
): Promise<SignedRequest & { body: Buffer }> {
  const signed = await signer(params).presign(smithyRequest(plain), {
    signingDate: params.signingDate ?? NOW,
    expiresIn: params.expiresIn ?? 900,
  });
  return {
    method: signed.method,
    rawUrl: toRawUrl(signed.path, signed.query as Record<string, string | string[]>),
    headers: { ...signed.headers },
    body: Buffer.from(plain.body ?? ""),
  };
}

/** A response as received. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Sends a request exactly as given (target, headers in order, repeated headers, body) over HTTP. */
export function send(port: number, request: SignedRequest & { body?: Buffer }): Promise<RawResponse> {
  const headers: Array<[string, string]> = Object.entries(request.headers).flatMap(([name, value]) =>
    value === undefined
      ? []
      : (typeof value === "string" ? [value] : [...value]).map((v): [string, string] => [name, v]),
  );
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: "127.0.0.1",
      port,
      method: request.method,
      path: request.rawUrl,
      headers: headers.flat(),
      setHost: !headers.some(([name]) => name.toLowerCase() === "host"),
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(request.body);
  });
}
