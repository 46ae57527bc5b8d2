// The Roles Anywhere control plane as a service plugin: one route per operation of the model
// (`listRestJsonRoutes`), each decoding and validating its input from the model, calling its
// handler with the authenticated caller, and encoding the output (201 for creates, from the model).
import { requestFacts } from "../../authorization/request-facts.js";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ROLESANYWHERE_MODEL, type RolesAnywhereOperationName } from "../../generated/rolesanywhere.js";
import { rawBody } from "../../http/app.js";
import { resourceUuid } from "../../ids.js";
import { callerOf } from "../../principal.js";
import { decodeRestJsonInput, encodeRestJsonOutput, listRestJsonRoutes } from "../../protocol/index.js";
import type { ServiceContext, ServicePlugin } from "../../service-context.js";
import { attributeMappingHandlers } from "./attribute-mappings.js";
import { crlHandlers } from "./crls.js";
import type { Call, Handler, Handlers, RolesAnywhere } from "./handler.js";
import { notificationSettingHandlers } from "./notification-settings.js";
import { loadPageTokenKey, pageTokens } from "./pagination.js";
import { profileHandlers } from "./profiles.js";
import { subjectHandlers } from "./subjects.js";
import { tagHandlers } from "./tags.js";
import { trustAnchorHandlers } from "./trust-anchors.js";

/** Every operation's handler, for a service. */
export function rolesAnywhereHandlers(service: RolesAnywhere): Handlers {
  return {
    ...trustAnchorHandlers(service),
    ...profileHandlers(service),
    ...attributeMappingHandlers(service),
    ...crlHandlers(service),
    ...subjectHandlers(service),
    ...tagHandlers(service),
    ...notificationSettingHandlers(service),
  };
}

/** The service's shared dependencies, from the server's context. */
export async function rolesAnywhereService(context: ServiceContext): Promise<RolesAnywhere> {
  return {
    context,
    scope: { partition: context.partition, region: context.region, accountId: context.accountId },
    pageTokens: pageTokens(await loadPageTokenKey(context.store.settings, context.random)),
    newId: () => resourceUuid(context.random),
  };
}

function route<K extends RolesAnywhereOperationName>(
  context: ServiceContext,
  operation: K,
  handler: Handler<K>,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.raw.url ?? request.url;
    const mark = url.indexOf("?");
    const input = decodeRestJsonInput(ROLESANYWHERE_MODEL, operation, {
      method: request.method,
      path: mark === -1 ? url : url.slice(0, mark),
      query: new URLSearchParams(mark === -1 ? "" : url.slice(mark + 1)),
      headers: request.headers,
      body: rawBody(request),
    });
    const caller = callerOf(request.auth);
    const facts = requestFacts(request);
    const call: Call = {
      caller,
      log: request.log,
      authorize: (action, resource, conditions) =>
        context.authorize({
          caller,
          action: `rolesanywhere:${action}`,
          resource,
          request: facts,
          ...(conditions === undefined ? {} : { context: conditions }),
        }),
    };
    const out = encodeRestJsonOutput(ROLESANYWHERE_MODEL, operation, await handler(input, call));
    return reply.code(out.status).headers(out.headers).send(out.body);
  };
}

/** IAM Roles Anywhere's 30 control-plane operations (rolesanywhere 2018-05-10, rest-json, SigV4). */
export const rolesAnywherePlugin: ServicePlugin = {
  name: "rolesanywhere",
  async register(app, context) {
    const handlers = rolesAnywhereHandlers(await rolesAnywhereService(context));
    for (const { operation, method, fastifyUrl } of listRestJsonRoutes(ROLESANYWHERE_MODEL)) {
      app.route({
        method,
        url: fastifyUrl,
        config: { protocol: "rest-json", auth: { services: ["rolesanywhere"] } },
        handler: route(context, operation, handlers[operation] as Handler<typeof operation>),
      });
    }
  },
};
