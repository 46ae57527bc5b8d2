// IAM and STS share one route, `POST /` and `GET /` (http/README.md): the SigV4 scope's signing
// name picks the model, the form's `Action` the operation. Inputs are decoded and validated from
// the botocore models; outputs are encoded as AWS's XML (policy documents URL-encoded).
import type { FastifyReply, FastifyRequest } from "fastify";
import { policyEngineFor } from "../../authorization/policy-engine.js";
import { requestFacts } from "../../authorization/request-facts.js";
import { IAM_MODEL } from "../../generated/iam.js";
import { STS_MODEL } from "../../generated/sts.js";
import { rawBody } from "../../http/app.js";
import { AnchorageError } from "../../http/errors.js";
import type { OperationTypes, ServiceModel } from "../../protocol/model.js";
import { decodeQueryRequest, encodeQueryOutput } from "../../protocol/query.js";
import type { ProtocolRequest } from "../../protocol/request.js";
import { callerOf } from "../../principal.js";
import type { ServicePlugin } from "../../service-context.js";
import { stsHandlers } from "../sts/handlers.js";
import type { Call, OperationHandlers } from "./call.js";
import { iamHandlers } from "./handlers.js";
import { IAM_MESSAGES } from "./iam-messages.js";

const IAM_NAMESPACE = IAM_MODEL.metadata.xmlNamespace ?? "https://iam.amazonaws.com/doc/2010-05-08/";
const STS_NAMESPACE = STS_MODEL.metadata.xmlNamespace ?? "https://sts.amazonaws.com/doc/2011-06-15/";

/**
 * The signing name a request claims, for the namespace of errors raised before (or because) it
 * authenticated: the credential scope of the Authorization header or of `X-Amz-Credential`.
 */
function claimedService(request: FastifyRequest): string | undefined {
  if (request.auth !== null) return request.auth.service;
  const header = request.headers.authorization;
  const scope =
    typeof header === "string" ? header : (/[?&]X-Amz-Credential=([^&]*)/i.exec(request.url)?.[1] ?? "");
  return /(?:\/|%2F)\d{8}(?:\/|%2F)[^/%]+(?:\/|%2F)([^/%]+)(?:\/|%2F)aws4_request/i.exec(scope)?.[1];
}

async function dispatch<Ops extends OperationTypes>(
  model: ServiceModel<Ops>,
  handlers: OperationHandlers<Ops>,
  label: string,
  protocolRequest: ProtocolRequest,
  call: Call,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const decoded = decodeQueryRequest(model, protocolRequest);
  const handler = handlers[decoded.operation];
  if (handler === undefined) {
    throw new AnchorageError("UnknownOperation", IAM_MESSAGES.notImplemented(label, decoded.operation));
  }
  const output = await handler(decoded.input as never, call);
  const out = encodeQueryOutput(model, decoded.operation, output as never, request.id);
  return reply.code(out.status).headers(out.headers).send(out.body);
}

/** The IAM and STS Query APIs on `POST /` and `GET /`. */
export const iamStsService: ServicePlugin = {
  name: "iam-sts",
  register(app, context) {
    const deps = { context, engine: policyEngineFor(context) };
    const iam = iamHandlers(deps);
    const sts = stsHandlers(deps);
    app.route({
      method: ["POST", "GET"],
      url: "/",
      config: {
        protocol: "query",
        auth: { services: ["iam", "sts"] },
        xmlNamespace: (request) => (claimedService(request) === "sts" ? STS_NAMESPACE : IAM_NAMESPACE),
      },
      handler: async (request, reply) => {
        const auth = request.auth;
        if (auth === null) throw new Error("the IAM/STS route is authenticated: it has no caller");
        const rawUrl = request.raw.url ?? "/";
        const q = rawUrl.indexOf("?");
        const protocolRequest: ProtocolRequest = {
          method: request.method,
          path: q < 0 ? rawUrl : rawUrl.slice(0, q),
          query: new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1)),
          headers: request.headers,
          body: rawBody(request),
        };
        const call: Call = { caller: callerOf(auth), auth, facts: requestFacts(request) };
        return auth.service === "sts"
          ? dispatch(STS_MODEL, sts, "STS", protocolRequest, call, request, reply)
          : dispatch(IAM_MODEL, iam, "IAM", protocolRequest, call, request, reply);
      },
    });
  },
};
