// Maps the errors fastify and node raise on their own (body too large, bad content length, bad URL
// encoding, schema validation, a client that hung up mid-body) into the error table, so that they
// are rendered like every other error instead of as fastify's default JSON or a 500.
import { AnchorageError } from "./errors.js";

interface FrameworkErrorShape {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly validation?: unknown;
  readonly message?: unknown;
}

/**
 * The table error for a framework error, or `undefined` when `error` is not one (a bug or an
 * unexpected failure: the caller turns it into InternalFailure). Any 4xx error a framework layer
 * raised is a client error and maps to a 4xx row, never to a 500.
 */
export function fromFrameworkError(error: unknown, bodyLimit: number): AnchorageError | undefined {
  if (typeof error !== "object" || error === null || error instanceof AnchorageError) return undefined;
  const { code, statusCode, validation, message } = error as FrameworkErrorShape;
  const text = typeof message === "string" ? message : "";
  const options = { cause: error };
  switch (code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AnchorageError(
        "PayloadTooLarge",
        `The request body is larger than this server's limit of ${bodyLimit} bytes; send a smaller body.`,
        options,
      );
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AnchorageError(
        "UnsupportedMediaType",
        "The request's Content-Type is not supported.",
        options,
      );
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AnchorageError(
        "Serialization",
        "The request body's size does not match its Content-Length header.",
        options,
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AnchorageError("Serialization", `The request body is not valid JSON: ${text}`, options);
    case "FST_ERR_BAD_URL":
      return new AnchorageError("Validation", "The request path is not valid percent-encoding.", options);
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new AnchorageError("Validation", "A path parameter of the request is too long.", options);
  }
  if (Array.isArray(validation)) return new AnchorageError("Validation", text, options);
  if (typeof statusCode !== "number" || statusCode < 400 || statusCode > 499) return undefined;
  switch (statusCode) {
    case 404:
      return new AnchorageError("UnknownOperation", text, options);
    case 413:
      return new AnchorageError("PayloadTooLarge", text, options);
    case 415:
      return new AnchorageError("UnsupportedMediaType", text, options);
    default:
      return new AnchorageError("Serialization", `The request could not be read: ${text}`, options);
  }
}
