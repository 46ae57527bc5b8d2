import { UnknownOperationError } from "./errors.js";
import type { OperationName, OperationTypes, ServiceModel } from "./model.js";
import type { QueryMultiMap } from "./request.js";

/**
 * Matches a rest-json request's method and raw path against every operation's `requestUri`
 * template (`/trustanchor/{trustAnchorId}`, `/profiles/{profileId}/mappings`, `/objects/{Key+}`).
 * Labels match one non-empty path segment (a greedy `{name+}` label several); literal segments are
 * compared as sent. When several templates match, the one with more literal segments wins.
 */

type Segment = { readonly literal: string } | { readonly label: string; readonly greedy: boolean };

interface Route {
  readonly operation: string;
  readonly method: string;
  readonly segments: readonly Segment[];
  /** `?name` / `?name=value` parts of the template: the request must carry them. */
  readonly staticQuery: readonly (readonly [string, string | undefined])[];
  readonly literalCount: number;
}

/** The operation a request is for, and its raw (still percent-encoded) uri labels. */
export interface RouteMatch<Ops extends OperationTypes = OperationTypes> {
  readonly operation: OperationName<Ops>;
  readonly labels: Readonly<Record<string, string>>;
}

const ROUTES = new WeakMap<ServiceModel, readonly Route[]>();

/** Parses a `requestUri` template. */
export function compileTemplate(operation: string, method: string, requestUri: string): Route {
  const [pathPart = "", queryPart] = requestUri.split("?", 2);
  const segments: Segment[] = pathPart
    .split("/")
    .slice(1)
    .map((segment) => {
      const label = /^\{([^{}+]+)(\+?)\}$/.exec(segment);
      return label ? { label: label[1] ?? "", greedy: label[2] === "+" } : { literal: segment };
    });
  const staticQuery =
    queryPart === undefined || queryPart === ""
      ? []
      : queryPart.split("&").map((part): [string, string | undefined] => {
          const eq = part.indexOf("=");
          return eq < 0 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1)];
        });
  const literalCount = segments.filter((s) => "literal" in s).length;
  return { operation, method: method.toUpperCase(), segments, staticQuery, literalCount };
}

function routesOf(model: ServiceModel): readonly Route[] {
  let routes = ROUTES.get(model);
  if (routes === undefined) {
    routes = Object.entries(model.operations)
      .map(([name, op]) => compileTemplate(name, op.http.method, op.http.requestUri))
      .sort((a, b) => b.literalCount - a.literalCount || b.staticQuery.length - a.staticQuery.length);
    ROUTES.set(model, routes);
  }
  return routes;
}

/** Matches a raw path against a compiled template; the raw label values, or undefined. */
export function matchTemplate(
  route: Route,
  rawPath: string,
  query?: QueryMultiMap,
): Record<string, string> | undefined {
  if (!rawPath.startsWith("/")) return undefined;
  const parts = rawPath.split("/").slice(1);
  const labels: Record<string, string> = {};
  let i = 0;
  for (let s = 0; s < route.segments.length; s += 1) {
    const segment = route.segments[s];
    if (segment === undefined) return undefined;
    if ("literal" in segment) {
      if (parts[i] !== segment.literal) return undefined;
      i += 1;
      continue;
    }
    if (segment.greedy) {
      const rest = route.segments.length - s - 1;
      const taken = parts.slice(i, parts.length - rest);
      if (taken.length === 0 || taken.some((p) => p === "")) return undefined;
      labels[segment.label] = taken.join("/");
      i += taken.length;
      continue;
    }
    const part = parts[i];
    if (part === undefined || part === "") return undefined;
    labels[segment.label] = part;
    i += 1;
  }
  if (i !== parts.length) return undefined;
  for (const [name, value] of route.staticQuery) {
    const values = query?.getAll(name) ?? [];
    if (values.length === 0 || (value !== undefined && !values.includes(value))) return undefined;
  }
  return labels;
}

/**
 * Finds the operation for a request; throws UnknownOperationError (with the methods the path does
 * accept, if any) when none matches.
 *
 * @example
 * routeRestJson(ROLESANYWHERE_MODEL, "GET", "/trustanchor/9d1a…", new URLSearchParams())
 * // { operation: "GetTrustAnchor", labels: { trustAnchorId: "9d1a…" } }
 */
export function routeRestJson<Ops extends OperationTypes>(
  model: ServiceModel<Ops>,
  method: string,
  rawPath: string,
  query?: QueryMultiMap,
): RouteMatch<Ops> {
  const wanted = method.toUpperCase();
  const allowed = new Set<string>();
  for (const route of routesOf(model)) {
    const labels = matchTemplate(route, rawPath, query);
    if (labels === undefined) continue;
    if (route.method === wanted) return { operation: route.operation as OperationName<Ops>, labels };
    allowed.add(route.method);
  }
  throw new UnknownOperationError(method, rawPath, [...allowed].sort());
}

/** The raw labels of a request for a known operation; throws UnknownOperationError when it does not match. */
export function labelsFor(
  model: ServiceModel,
  operation: string,
  method: string,
  rawPath: string,
): Record<string, string> {
  const route = routesOf(model).find((r) => r.operation === operation);
  const labels = route && route.method === method.toUpperCase() ? matchTemplate(route, rawPath) : undefined;
  if (labels === undefined) throw new UnknownOperationError(method, rawPath, route ? [route.method] : []);
  return labels;
}

/** One operation's route, for registering routes with an HTTP framework. */
export interface RestJsonRoute<Ops extends OperationTypes = OperationTypes> {
  readonly operation: OperationName<Ops>;
  readonly method: string;
  /** The model's `requestUri` without its query part, e.g. `/trustanchor/{trustAnchorId}`. */
  readonly template: string;
  /** The same in fastify / find-my-way syntax: `/trustanchor/:trustAnchorId` (`{Key+}` becomes `*`). */
  readonly fastifyUrl: string;
}

/**
 * Every operation's method and path template, most specific first, so a framework's router can be
 * filled from the model instead of by hand.
 *
 * @example
 * for (const r of listRestJsonRoutes(ROLESANYWHERE_MODEL)) app.route({ method: r.method, url: r.fastifyUrl, handler: handle(r.operation) });
 */
export function listRestJsonRoutes<Ops extends OperationTypes>(
  model: ServiceModel<Ops>,
): RestJsonRoute<Ops>[] {
  return routesOf(model).map((route) => ({
    operation: route.operation as OperationName<Ops>,
    method: route.method,
    template: `/${route.segments.map((s) => ("literal" in s ? s.literal : `{${s.label}${s.greedy ? "+" : ""}}`)).join("/")}`,
    fastifyUrl: `/${route.segments.map((s) => ("literal" in s ? s.literal : s.greedy ? "*" : `:${s.label}`)).join("/")}`,
  }));
}
