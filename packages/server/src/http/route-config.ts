// What every service route declares (fastify route `config`): the wire protocol its errors are
// rendered in, whether and how it is authenticated, and for Query routes the XML namespace of its
// error envelope. buildApp refuses to register a route that does not say.
import type { FastifyRequest } from "fastify";
import type { Authenticated } from "../auth/sigv4.js";
import type { Protocol } from "./errors.js";

/** How a route is authenticated: SigV4 for the given signing names, or not at all. */
export type RouteAuth = "none" | { readonly services: readonly string[] };

/** The XML namespace of a Query route's `<ErrorResponse>`, fixed or per request. */
export type XmlNamespace = string | ((request: FastifyRequest) => string);

/** The `config` every route passes to `app.route()` (see README.md). */
export interface ServiceRouteConfig {
  readonly protocol: Protocol;
  readonly auth: RouteAuth;
  /** Required when `protocol` is "query". */
  readonly xmlNamespace?: XmlNamespace;
}

declare module "fastify" {
  interface FastifyContextConfig {
    protocol?: Protocol;
    auth?: RouteAuth;
    xmlNamespace?: XmlNamespace;
  }
  interface FastifyRequest {
    /** Who signed the request, on routes with `auth: { services }`; null elsewhere. */
    auth: Authenticated | null;
  }
}

const PROTOCOLS: ReadonlySet<string> = new Set(["rest-json", "json", "query"]);

/**
 * Why a route's config is not usable, or `undefined` when it is. `canAuthenticate` says whether the
 * app was given an authenticator.
 */
export function routeConfigProblem(
  config: Partial<ServiceRouteConfig> | undefined,
  canAuthenticate: boolean,
): string | undefined {
  if (config?.protocol === undefined || !PROTOCOLS.has(config.protocol)) {
    return `config.protocol must be "rest-json", "json" or "query"`;
  }
  if (config.auth === undefined) return `config.auth must be "none" or { services: [...] }`;
  if (config.auth !== "none") {
    if (!Array.isArray(config.auth.services) || config.auth.services.length === 0) {
      return "config.auth.services must list the signing names the route accepts";
    }
    if (!canAuthenticate) return "the route requires authentication but buildApp was given no authenticate";
  }
  if (config.protocol === "query" && config.xmlNamespace === undefined) {
    return "Query routes need config.xmlNamespace (the namespace of their XML error envelope)";
  }
  return undefined;
}
