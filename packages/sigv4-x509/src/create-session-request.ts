import { canonicalQuery, type QueryParams } from "./canonical-query.js";
import {
  ACCEPTED_BODY_CONTENT_TYPES,
  JSON_CONTENT_TYPE,
  MAX_ARN_LENGTH,
  MAX_CREATE_SESSION_BODY_BYTES,
  MAX_DURATION_SECONDS,
  MAX_INSTANCE_PROPERTIES,
  MAX_INSTANCE_PROPERTY_LENGTH,
  MAX_ROLE_SESSION_NAME_LENGTH,
  MIN_DURATION_SECONDS,
  MIN_ROLE_SESSION_NAME_LENGTH,
  SESSIONS_PATH,
  WIRE_HEADER_NAMES,
} from "./constants.js";
import { X509RequestError, quoteInput } from "./errors.js";

/** Inputs of a CreateSession call. */
export interface CreateSessionInput {
  /** Base URL of the Roles Anywhere endpoint, e.g. `https://rolesanywhere.us-east-1.amazonaws.com`. */
  readonly endpoint: string | URL;
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  readonly roleArn: string;
  /**
   * Requested session length, 900..43200. Omitted from the body when undefined (the server then uses
   * the profile's duration). AWS's helper always sends one (3600 unless `--session-duration`): that
   * default belongs to the caller.
   */
  readonly durationSeconds?: number;
  /** Session name; honoured only when the profile accepts role session names. */
  readonly roleSessionName?: string;
  /** Up to 50 string properties recorded with the subject. */
  readonly instanceProperties?: Readonly<Record<string, string>>;
  /** Sent as `User-Agent` (unsigned), e.g. `CredHelper/1.4.0 (go1.19.8; linux; amd64)`. */
  readonly userAgent?: string;
}

/** An unsigned CreateSession request, ready for {@link signX509Request}. */
export interface CreateSessionRequest {
  readonly method: "POST";
  /** The full URL, query included. */
  readonly url: URL;
  /** The path on the wire: `/sessions` (after the endpoint's own path, if any). */
  readonly path: string;
  /** `profileArn`, `roleArn`, `trustAnchorArn`, decoded, in wire (sorted) order. */
  readonly query: [string, string][];
  /** `Host`, `User-Agent` (when given), `Content-Type`, `Accept-Encoding`, in wire order. */
  readonly headers: [string, string][];
  /** Compact JSON: `durationSeconds`, `instanceProperties`, `roleSessionName`, absent members omitted. */
  readonly body: Buffer;
}

/** CreateSession parameters as a server reads them. */
export interface CreateSessionParams {
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  readonly roleArn: string;
  readonly durationSeconds?: number;
  readonly roleSessionName?: string;
  readonly instanceProperties?: Readonly<Record<string, string>>;
}

type ArnField = "trustAnchorArn" | "profileArn" | "roleArn";
const ARN_FIELDS: readonly ArnField[] = ["profileArn", "roleArn", "trustAnchorArn"];
const ARN_PATTERNS: Readonly<Record<ArnField, RegExp>> = {
  trustAnchorArn: /^arn:aws(-[^:]+)?:rolesanywhere(:.*){2}(:trust-anchor.*)$/,
  profileArn: /^arn:aws(-[^:]+)?:rolesanywhere(:.*){2}(:profile.*)$/,
  roleArn: /^arn:aws(-[^:]+)?:iam(:.*){2}(:role.*)$/,
};
const ARN_EXAMPLES: Readonly<Record<ArnField, string>> = {
  trustAnchorArn: "arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>",
  profileArn: "arn:aws:rolesanywhere:<region>:<account>:profile/<id>",
  roleArn: "arn:aws:iam::<account>:role/<name>",
};
const ROLE_SESSION_NAME = /^[A-Za-z0-9_+=,.@-]*$/;

function invalid(field: string, value: unknown, constraint: string): X509RequestError {
  const shown = typeof value === "string" ? quoteInput(value) : (JSON.stringify(value) ?? String(value));
  return new X509RequestError(
    "InvalidParameter",
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

const chars = (s: string): number => [...s].length;

function checkArn(field: ArnField, value: unknown): string {
  if (typeof value !== "string") throw invalid(field, value, "Member must be a string");
  if (chars(value) < 1 || chars(value) > MAX_ARN_LENGTH) {
    throw invalid(field, value, `Member must have length between 1 and ${MAX_ARN_LENGTH}`);
  }
  if (!ARN_PATTERNS[field].test(value)) {
    throw invalid(field, value, `Member must be an ARN like ${ARN_EXAMPLES[field]}`);
  }
  return value;
}

function checkDuration(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw invalid("durationSeconds", value, "Member must be an integer number of seconds");
  }
  if (value < MIN_DURATION_SECONDS) {
    throw invalid(
      "durationSeconds",
      value,
      `Member must have value greater than or equal to ${MIN_DURATION_SECONDS}`,
    );
  }
  if (value > MAX_DURATION_SECONDS) {
    throw invalid(
      "durationSeconds",
      value,
      `Member must have value less than or equal to ${MAX_DURATION_SECONDS}`,
    );
  }
  return value;
}

function checkRoleSessionName(value: unknown): string {
  if (typeof value !== "string") throw invalid("roleSessionName", value, "Member must be a string");
  const n = chars(value);
  if (n < MIN_ROLE_SESSION_NAME_LENGTH || n > MAX_ROLE_SESSION_NAME_LENGTH) {
    throw invalid(
      "roleSessionName",
      value,
      `Member must have length between ${MIN_ROLE_SESSION_NAME_LENGTH} and ${MAX_ROLE_SESSION_NAME_LENGTH}`,
    );
  }
  if (!ROLE_SESSION_NAME.test(value)) {
    throw invalid("roleSessionName", value, "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
  }
  return value;
}

function checkInstanceProperties(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid("instanceProperties", value, "Member must be a map of strings");
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_INSTANCE_PROPERTIES) {
    throw invalid(
      "instanceProperties",
      `${entries.length} entries`,
      `Member must have at most ${MAX_INSTANCE_PROPERTIES} entries`,
    );
  }
  for (const [key, v] of entries) {
    const n = chars(key);
    if (n < 1 || n > MAX_INSTANCE_PROPERTY_LENGTH) {
      throw invalid(
        "instanceProperties",
        key,
        `Map keys must have length between 1 and ${MAX_INSTANCE_PROPERTY_LENGTH}`,
      );
    }
    if (typeof v !== "string") throw invalid(`instanceProperties.${key}`, v, "Member must be a string");
    const m = chars(v);
    if (m < 1 || m > MAX_INSTANCE_PROPERTY_LENGTH) {
      throw invalid(
        `instanceProperties.${key}`,
        v,
        `Member must have length between 1 and ${MAX_INSTANCE_PROPERTY_LENGTH}`,
      );
    }
  }
  return Object.fromEntries(entries as [string, string][]);
}

/** Map keys in Go's order (UTF-8 byte order), as AWS's helper serialises maps. */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

function endpointUrl(endpoint: string | URL): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (cause) {
    throw new X509RequestError(
      "InvalidParameter",
      `endpoint ${quoteInput(String(endpoint))} is not a URL; use e.g. https://rolesanywhere.us-east-1.amazonaws.com`,
      { cause },
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new X509RequestError(
      "InvalidParameter",
      `endpoint must use https:// or http://; got ${url.protocol}`,
    );
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new X509RequestError(
      "InvalidParameter",
      "endpoint must not carry a query, a fragment or credentials; give only scheme, host, port and path",
    );
  }
  return url;
}

/**
 * Builds the unsigned CreateSession request exactly as AWS's helper v1.4 does: the three ARNs in the
 * query string (sorted, only `A-Za-z0-9-_.~` left literal), a compact JSON body and `Host` =
 * endpoint host, with the port only when it is not the scheme's default.
 *
 * @example
 * const request = buildCreateSessionRequest({
 *   endpoint: "https://rolesanywhere.us-east-1.amazonaws.com",
 *   trustAnchorArn, profileArn, roleArn,
 *   durationSeconds: 3600,
 * });
 * // request.url.href === "https://rolesanywhere.us-east-1.amazonaws.com/sessions?profileArn=arn%3Aaws%3A…"
 * // request.body.toString() === '{"durationSeconds":3600}'
 *
 * @throws X509RequestError `InvalidParameter` naming the bad field.
 */
export function buildCreateSessionRequest(input: CreateSessionInput): CreateSessionRequest {
  const url = endpointUrl(input.endpoint);
  const arns: Record<ArnField, string> = {
    profileArn: checkArn("profileArn", input.profileArn),
    roleArn: checkArn("roleArn", input.roleArn),
    trustAnchorArn: checkArn("trustAnchorArn", input.trustAnchorArn),
  };
  const body: string[] = [];
  if (input.durationSeconds !== undefined) {
    body.push(`"durationSeconds":${checkDuration(input.durationSeconds)}`);
  }
  if (input.instanceProperties !== undefined) {
    const props = checkInstanceProperties(input.instanceProperties);
    const members = Object.keys(props)
      .sort(byUtf8)
      .map((key) => `${JSON.stringify(key)}:${JSON.stringify(props[key])}`);
    body.push(`"instanceProperties":{${members.join(",")}}`);
  }
  if (input.roleSessionName !== undefined) {
    body.push(`"roleSessionName":${JSON.stringify(checkRoleSessionName(input.roleSessionName))}`);
  }
  const path = `${url.pathname.endsWith("/") ? url.pathname.slice(0, -1) : url.pathname}${SESSIONS_PATH}`;
  const query = ARN_FIELDS.map((field): [string, string] => [field, arns[field]]);
  url.pathname = path;
  url.search = `?${canonicalQuery(query)}`;
  const headers: [string, string][] = [[WIRE_HEADER_NAMES.host, url.host]];
  if (input.userAgent !== undefined) headers.push([WIRE_HEADER_NAMES["user-agent"], input.userAgent]);
  headers.push([WIRE_HEADER_NAMES["content-type"], JSON_CONTENT_TYPE]);
  headers.push([WIRE_HEADER_NAMES["accept-encoding"], "gzip"]);
  return { method: "POST", url, path, query, headers, body: Buffer.from(`{${body.join(",")}}`, "utf8") };
}

/** Query parameters in either shape a server has: decoded pairs, or a record (node's querystring). */
export type QueryInput = QueryParams | Readonly<Record<string, string | readonly string[] | undefined>>;

function queryValue(query: QueryInput, name: string): string | undefined {
  const values: string[] = [];
  if (Array.isArray(query)) {
    for (const [k, v] of query as QueryParams) if (k === name) values.push(v);
  } else {
    const v = (query as Readonly<Record<string, string | readonly string[] | undefined>>)[name];
    if (typeof v === "string") values.push(v);
    else if (v !== undefined) values.push(...v);
  }
  if (values.length > 1) {
    throw new X509RequestError(
      "InvalidParameter",
      `query parameter '${name}' appears ${values.length} times; send it once`,
    );
  }
  return values[0];
}

function parseBody(body: Uint8Array, contentType: string | undefined): Record<string, unknown> {
  if (body.byteLength > MAX_CREATE_SESSION_BODY_BYTES) {
    throw new X509RequestError(
      "InputTooLarge",
      `CreateSession body has ${body.byteLength} bytes; the limit is ${MAX_CREATE_SESSION_BODY_BYTES}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch (cause) {
    throw new X509RequestError("MalformedBody", "CreateSession body is not valid UTF-8; send UTF-8 JSON", {
      cause,
    });
  }
  if (text.trim() === "") return {};
  if (contentType !== undefined) {
    const media = (contentType.split(";")[0] ?? "").trim().toLowerCase();
    if (!ACCEPTED_BODY_CONTENT_TYPES.includes(media)) {
      throw new X509RequestError(
        "UnsupportedMediaType",
        `Content-Type ${quoteInput(contentType)} is not supported; send the body as ${ACCEPTED_BODY_CONTENT_TYPES.join(" or ")}`,
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new X509RequestError("MalformedBody", `CreateSession body is not valid JSON: ${reason}`, { cause });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new X509RequestError("MalformedBody", "CreateSession body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}

/**
 * Reads CreateSession parameters the way every known client sends them: the ARNs in the query string
 * (AWS's Go helper) or in the JSON body (the Python and Java clients); `durationSeconds`,
 * `roleSessionName` and `instanceProperties` in the body; `sessionName` (deprecated) and unknown
 * members ignored. `body` is the raw body, at most 64 KiB (`MAX_CREATE_SESSION_BODY_BYTES`);
 * `contentType` must then be `application/json` or `application/x-amz-json-1.0`.
 *
 * @example
 * const params = parseCreateSessionParams({ query: parsed.query, body, contentType: req.headers["content-type"] });
 *
 * @throws X509RequestError `MissingParameter`, `InvalidParameter`, `ConflictingParameter` (an ARN in
 *   both places with different values), `MalformedBody`, `UnsupportedMediaType` or `InputTooLarge`.
 */
export function parseCreateSessionParams(input: {
  readonly query: QueryInput;
  readonly body: Uint8Array;
  readonly contentType?: string;
}): CreateSessionParams {
  const body = parseBody(input.body, input.contentType);
  const arns = {} as Record<ArnField, string>;
  for (const field of ARN_FIELDS) {
    const fromQuery = queryValue(input.query, field);
    const fromBody = body[field] ?? undefined;
    if (fromBody !== undefined && typeof fromBody !== "string")
      throw invalid(field, fromBody, "Member must be a string");
    if (fromQuery !== undefined && fromBody !== undefined && fromQuery !== fromBody) {
      throw new X509RequestError(
        "ConflictingParameter",
        `'${field}' is in both the query string and the body with different values; send it once`,
      );
    }
    const value = fromQuery ?? fromBody;
    if (value === undefined) {
      throw new X509RequestError(
        "MissingParameter",
        `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
      );
    }
    arns[field] = checkArn(field, value);
  }
  const params: {
    -readonly [K in keyof CreateSessionParams]: CreateSessionParams[K];
  } = { trustAnchorArn: arns.trustAnchorArn, profileArn: arns.profileArn, roleArn: arns.roleArn };
  if (body.durationSeconds != null) params.durationSeconds = checkDuration(body.durationSeconds);
  if (body.roleSessionName != null) params.roleSessionName = checkRoleSessionName(body.roleSessionName);
  if (body.instanceProperties != null)
    params.instanceProperties = checkInstanceProperties(body.instanceProperties);
  return params;
}
