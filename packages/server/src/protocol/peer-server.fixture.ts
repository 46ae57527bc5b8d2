// A tiny node:http server for the peer tests: it speaks to real clients (the AWS SDK for JavaScript,
// the AWS CLI) through nothing but the protocol codecs, and answers with the outputs a test hands it.
// No authentication: SigV4 is the HTTP layer's part. The service is taken from the SigV4 scope.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { IAM_MODEL } from "../generated/iam.js";
import { ROLESANYWHERE_MODEL } from "../generated/rolesanywhere.js";
import { STS_MODEL } from "../generated/sts.js";
import { ModelInputError, QueryRequestError, UnknownOperationError } from "./errors.js";
import type { ServiceModel } from "./model.js";
import { decodeQueryRequest, encodeQueryError, encodeQueryOutput } from "./query.js";
import type { ProtocolRequest } from "./request.js";
import { decodeRestJsonInput, encodeRestJsonError, encodeRestJsonOutput } from "./rest-json.js";
import { routeRestJson } from "./rest-json-router.js";

/** An error a responder raises, as the HTTP layer's error table would render it. */
export class PeerError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Recorded {
  readonly service: string;
  readonly operation: string;
  readonly input: unknown;
  readonly request: { readonly method: string; readonly path: string; readonly query: string };
}

export type Responder = (service: string, operation: string, input: unknown) => unknown;

export interface PeerServer {
  readonly endpoint: string;
  readonly recorded: Recorded[];
  close(): Promise<void>;
}

const MODELS: Record<string, ServiceModel> = {
  rolesanywhere: ROLESANYWHERE_MODEL,
  iam: IAM_MODEL,
  sts: STS_MODEL,
};
const MAX_BODY = 1024 * 1024;

function serviceOf(req: IncomingMessage, body: Buffer): string {
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? "");
  if (scope?.[1] !== undefined) return scope[1];
  return body.includes("Version=2011-06-15")
    ? "sts"
    : body.includes("Version=2010-05-08")
      ? "iam"
      : "rolesanywhere";
}

export async function startPeerServer(respond: Responder): Promise<PeerServer> {
  const recorded: Recorded[] = [];
  let counter = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => {
      counter += 1;
      const requestId = `req-${counter}`;
      const body = Buffer.concat(chunks);
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const request: ProtocolRequest = {
        method: req.method ?? "GET",
        path: q < 0 ? url : url.slice(0, q),
        query: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)),
        headers: req.headers,
        body,
      };
      const service = serviceOf(req, body);
      const model = MODELS[service];
      const raw = { method: request.method, path: request.path, query: q < 0 ? "" : url.slice(q + 1) };
      if (model === undefined)
        return send(res, 400, { "content-type": "text/plain" }, `unknown service ${service}`, requestId);
      if (model.metadata.protocol === "rest-json") {
        try {
          const { operation } = routeRestJson(model, request.method, request.path, request.query);
          const input = decodeRestJsonInput(model, operation, request);
          recorded.push({ service, operation, input, request: raw });
          const out = encodeRestJsonOutput(model, operation, respond(service, operation, input));
          send(res, out.status, out.headers, out.body, requestId);
        } catch (error) {
          const [type, status] =
            error instanceof PeerError
              ? [error.type, error.status]
              : error instanceof ModelInputError
                ? [error.kind === "serialization" ? "SerializationException" : "ValidationException", 400]
                : error instanceof UnknownOperationError
                  ? ["UnknownOperationException", 404]
                  : ["InternalFailure", 500];
          const out = encodeRestJsonError(type, status === 500 ? "internal error" : (error as Error).message);
          send(res, status, out.headers, out.body, requestId);
        }
        return;
      }
      try {
        const { operation, input } = decodeQueryRequest(model, request);
        recorded.push({ service, operation, input, request: raw });
        const out = encodeQueryOutput(model, operation, respond(service, operation, input), requestId);
        send(res, out.status, out.headers, out.body, requestId);
      } catch (error) {
        const [code, status] =
          error instanceof PeerError
            ? [error.type, error.status]
            : error instanceof ModelInputError
              ? ["ValidationError", 400]
              : error instanceof QueryRequestError
                ? [error.code, 400]
                : ["InternalFailure", 500];
        const message = status === 500 ? "internal error" : (error as Error).message;
        const out = encodeQueryError(
          model,
          { code, message, fault: status >= 500 ? "Receiver" : "Sender" },
          requestId,
        );
        send(res, status, out.headers, out.body, requestId);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    recorded,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(
  res: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
  requestId: string,
): void {
  res.writeHead(status, {
    ...headers,
    "x-amzn-requestid": requestId,
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}
