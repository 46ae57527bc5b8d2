// The decision API's input (`POST /v1/authorize`), parsed and bounded before anything is done with
// it: the downstream request as the calling service received it, the action and resource it maps
// to, and extra condition keys. Every bound is checked here; anything out of bounds is a 400
// ValidationException that names the field.
import type { ContextValue } from "@anchorage/policy";
import { isReservedContextKey } from "../../authorization/principal-context.js";
import { AnchorageError } from "../../http/errors.js";

/** The bounds of the input (documented in README-authorize.md). */
export const DECISION_LIMITS = {
  bodyBytes: 64 * 1024,
  pathLength: 8192,
  queryLength: 8192,
  queryParameters: 256,
  headers: 100,
  headerValues: 16,
  headerBytes: 32 * 1024,
  contextKeys: 64,
  contextKeyLength: 256,
  contextValues: 64,
  contextValueLength: 1024,
  resourceLength: 2048,
  resourcePolicyLength: 20 * 1024,
} as const;

/** The downstream request, as needed to verify its signature. */
export interface DownstreamRequest {
  readonly method: string;
  /** `path?query`, still percent-encoded as received. */
  readonly rawUrl: string;
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** Lower-case hex SHA-256 of the body. */
  readonly payloadHash: string;
}

export interface DecisionInput {
  readonly request: DownstreamRequest;
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, ContextValue>>;
  /** The region the downstream request is signed for; default the server's. */
  readonly region?: string;
  /** The signing name the downstream request uses; default the action's service prefix. */
  readonly service?: string;
  readonly resourcePolicy?: string;
  readonly resourceAccount?: string;
}

const TOP_KEYS = new Set([
  "request",
  "action",
  "resource",
  "context",
  "region",
  "service",
  "resourcePolicy",
  "resourceAccount",
]);
const REQUEST_KEYS = new Set(["method", "path", "query", "headers", "payloadHash"]);
const METHOD = /^[A-Z]{1,16}$/;
const PATH = /^\/[\x21-\x7e]*$/;
const QUERY = /^[\x21-\x7e]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
const ACTION = /^[A-Za-z0-9-]{1,64}:[A-Za-z0-9_-]{1,128}$/;
const HASH = /^[0-9a-fA-F]{64}$/;
const REGION = /^[a-z0-9-]{1,32}$/;
const SERVICE = /^[a-z0-9-]{1,64}$/;
const ACCOUNT = /^\d{12}$/;

const bad = (message: string) => new AnchorageError("Validation", message);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function unknownKeys(value: Record<string, unknown>, known: ReadonlySet<string>, where: string): void {
  for (const key of Object.keys(value)) {
    if (!known.has(key))
      throw bad(
        `${where} has an unknown field '${key.slice(0, 64)}'; known fields: ${[...known].join(", ")}.`,
      );
  }
}

function string(value: unknown, field: string, pattern: RegExp, hint: string): string {
  if (typeof value !== "string" || !pattern.test(value)) throw bad(`${field} must be ${hint}.`);
  return value;
}

/** RFC 3986 encoding, as SigV4 expects query values. */
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function queryString(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") {
    const q = value.startsWith("?") ? value.slice(1) : value;
    if (q.length > DECISION_LIMITS.queryLength || !QUERY.test(q)) {
      throw bad(
        `request.query must be the raw query string (printable ASCII, at most ${DECISION_LIMITS.queryLength} characters) or an object of parameters.`,
      );
    }
    return q;
  }
  if (!isRecord(value)) throw bad("request.query must be the raw query string or an object of parameters.");
  const pairs: string[] = [];
  for (const [name, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) ? (v as unknown[]) : [v]) {
      if (typeof item !== "string")
        throw bad(`request.query.${name.slice(0, 64)} must be a string or a list of strings.`);
      pairs.push(`${rfc3986(name)}=${rfc3986(item)}`);
    }
  }
  if (pairs.length > DECISION_LIMITS.queryParameters)
    throw bad(`request.query has more than ${DECISION_LIMITS.queryParameters} parameters.`);
  const q = pairs.join("&");
  if (q.length > DECISION_LIMITS.queryLength)
    throw bad(`request.query is longer than ${DECISION_LIMITS.queryLength} characters once encoded.`);
  return q;
}

function headers(value: unknown): Record<string, string[]> {
  if (!isRecord(value))
    throw bad("request.headers must be an object of header names to a value or a list of values.");
  const entries = Object.entries(value);
  if (entries.length > DECISION_LIMITS.headers)
    throw bad(`request.headers has more than ${DECISION_LIMITS.headers} headers.`);
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let bytes = 0;
  for (const [name, v] of entries) {
    if (!HEADER_NAME.test(name))
      throw bad(`request.headers has an invalid header name '${name.slice(0, 64)}'.`);
    const values = Array.isArray(v) ? (v as unknown[]) : [v];
    if (values.length === 0 || values.length > DECISION_LIMITS.headerValues) {
      throw bad(`request.headers.${name} must have 1..${DECISION_LIMITS.headerValues} values.`);
    }
    const key = name.toLowerCase();
    for (const item of values) {
      if (typeof item !== "string")
        throw bad(`request.headers.${name} must be a string or a list of strings.`);
      bytes += name.length + item.length;
      (out[key] ??= []).push(item);
    }
  }
  if (bytes > DECISION_LIMITS.headerBytes)
    throw bad(`request.headers are larger than ${DECISION_LIMITS.headerBytes} characters in all.`);
  return out;
}

function context(value: unknown): Record<string, ContextValue> {
  if (value === undefined) return {};
  if (!isRecord(value))
    throw bad("context must be an object of condition keys to a string or a list of strings.");
  const entries = Object.entries(value);
  if (entries.length > DECISION_LIMITS.contextKeys)
    throw bad(`context has more than ${DECISION_LIMITS.contextKeys} keys.`);
  const out: Record<string, ContextValue> = {};
  const seen = new Set<string>();
  for (const [key, v] of entries) {
    if (key.length === 0 || key.length > DECISION_LIMITS.contextKeyLength || !key.includes(":")) {
      throw bad(
        `context key '${key.slice(0, 64)}' must be a condition key such as aws:SourceIp (1..${DECISION_LIMITS.contextKeyLength} characters).`,
      );
    }
    if (isReservedContextKey(key)) {
      throw bad(`context key ${key} is set by Anchorage from the request's credentials; remove it.`);
    }
    if (seen.has(key.toLowerCase()))
      throw bad(`context key ${key} is given twice (condition keys are case-insensitive).`);
    seen.add(key.toLowerCase());
    const checkValue = (item: unknown): string => {
      if (typeof item !== "string" || item.length > DECISION_LIMITS.contextValueLength) {
        throw bad(
          `context.${key} values must be strings of at most ${DECISION_LIMITS.contextValueLength} characters.`,
        );
      }
      return item;
    };
    if (Array.isArray(v)) {
      if (v.length > DECISION_LIMITS.contextValues)
        throw bad(`context.${key} has more than ${DECISION_LIMITS.contextValues} values.`);
      out[key] = (v as unknown[]).map(checkValue);
    } else out[key] = checkValue(v);
  }
  return out;
}

/** Reads and bounds the decision API's input; ValidationException naming the field otherwise. */
export function parseDecisionInput(body: Record<string, unknown>): DecisionInput {
  unknownKeys(body, TOP_KEYS, "The input");
  const request = body["request"];
  if (!isRecord(request))
    throw bad(
      "request must be an object: the downstream request { method, path, query, headers, payloadHash }.",
    );
  unknownKeys(request, REQUEST_KEYS, "request");
  const method = string(
    request["method"],
    "request.method",
    METHOD,
    "an HTTP method in upper case, e.g. GET",
  );
  const path = request["path"];
  if (typeof path !== "string" || path.length > DECISION_LIMITS.pathLength || !PATH.test(path)) {
    throw bad(
      `request.path must be the path as received (starting with '/', still percent-encoded, at most ${DECISION_LIMITS.pathLength} characters, no query).`,
    );
  }
  if (path.includes("?"))
    throw bad("request.path must not contain the query string: pass it as request.query.");
  const query = queryString(request["query"]);
  const payloadHash = string(
    request["payloadHash"],
    "request.payloadHash",
    HASH,
    "the hex SHA-256 of the request body (64 hex digits)",
  ).toLowerCase();
  const action = string(
    body["action"],
    "action",
    ACTION,
    "the action the request performs, e.g. s3:GetObject",
  );
  const resource = body["resource"];
  if (
    typeof resource !== "string" ||
    resource.length === 0 ||
    resource.length > DECISION_LIMITS.resourceLength ||
    (resource !== "*" && !resource.startsWith("arn:"))
  ) {
    throw bad(
      `resource must be the ARN of the resource the request acts on, or *, at most ${DECISION_LIMITS.resourceLength} characters.`,
    );
  }
  const region =
    body["region"] === undefined
      ? undefined
      : string(body["region"], "region", REGION, "a region name, e.g. us-east-1");
  const service =
    body["service"] === undefined
      ? undefined
      : string(body["service"], "service", SERVICE, "a signing name, e.g. s3");
  const resourcePolicy = body["resourcePolicy"];
  if (
    resourcePolicy !== undefined &&
    (typeof resourcePolicy !== "string" || resourcePolicy.length > DECISION_LIMITS.resourcePolicyLength)
  ) {
    throw bad(
      `resourcePolicy must be a policy document (a string of at most ${DECISION_LIMITS.resourcePolicyLength} characters).`,
    );
  }
  const resourceAccount =
    body["resourceAccount"] === undefined
      ? undefined
      : string(body["resourceAccount"], "resourceAccount", ACCOUNT, "a 12-digit account id");
  return {
    request: {
      method,
      rawUrl: query === "" ? path : `${path}?${query}`,
      headers: headers(request["headers"]),
      payloadHash,
    },
    action,
    resource,
    context: context(body["context"]),
    ...(region === undefined ? {} : { region }),
    ...(service === undefined ? {} : { service }),
    ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
    ...(resourceAccount === undefined ? {} : { resourceAccount }),
  };
}
