// The transport facts of a request that condition keys need (`aws:SourceIp`,
// `aws:SecureTransport`, `aws:RequestedRegion`), read from fastify's request.
import type { FastifyRequest } from "fastify";
import type { RequestFacts } from "../authorize.js";

/**
 * The facts of an authenticated request, for `AuthorizationQuestion.request`.
 *
 * @example
 * await context.authorize({ caller, action: "rolesanywhere:CreateProfile", resource, request: requestFacts(request) });
 */
export function requestFacts(request: FastifyRequest): RequestFacts {
  return {
    sourceIp: request.ip,
    secureTransport: request.protocol === "https",
    ...(request.auth === null ? {} : { requestedRegion: request.auth.region }),
  };
}
