import { oneLine } from "./create-session-error.js";

/** What an error response says about itself. */
export interface ErrorResponse {
  /** `x-amzn-ErrorType` (before any `:`), else the body's `__type` (after any `#`) or `code`. */
  readonly errorType?: string;
  /** The body's `message` or `Message`. */
  readonly message?: string;
  /** `x-amzn-RequestId`, else `x-amz-request-id`. */
  readonly requestId?: string;
}

const shortType = (value: string): string => {
  const afterHash = value.slice(value.lastIndexOf("#") + 1);
  return afterHash.split(":")[0]!.trim();
};

/**
 * Reads the error type, message and request id of a rest-json error response, the way the AWS SDKs
 * do: the `x-amzn-ErrorType` header first, then the JSON body's `__type` or `code`. Anything that is
 * not JSON yields no type and no message. The values are cut to one short line (they come from the
 * network and end up in a terminal).
 *
 * @example
 * parseErrorResponse({ "x-amzn-errortype": "AccessDeniedException" }, Buffer.from('{"message":"Untrusted signing certificate"}'))
 * // { errorType: "AccessDeniedException", message: "Untrusted signing certificate" }
 */
export function parseErrorResponse(headers: Readonly<Record<string, string>>, body: Buffer): ErrorResponse {
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      json = parsed as Record<string, unknown>;
    }
  } catch {
    json = {};
  }
  const pick = (...values: unknown[]): string | undefined => {
    const found = values.find((v): v is string => typeof v === "string" && v.trim() !== "");
    return found === undefined ? undefined : oneLine(found.trim(), 300);
  };
  const header = headers["x-amzn-errortype"];
  const type = pick(header === undefined ? undefined : shortType(header), json.__type, json.code);
  const errorType = type === undefined ? undefined : shortType(type);
  const message = pick(json.message, json.Message);
  const requestId = pick(headers["x-amzn-requestid"], headers["x-amz-request-id"]);
  return {
    ...(errorType === undefined || errorType === "" ? {} : { errorType }),
    ...(message === undefined ? {} : { message }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}
