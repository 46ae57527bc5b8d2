// Reading a JSON request body from the raw bytes the app captured: malformed input is a 400
// (Serialization) that says what is wrong, never a 500.
import { AnchorageError } from "./errors.js";

/**
 * Parses a JSON object body. An empty body is `{}` (SDKs send no body for operations without
 * body members); anything that is not a JSON object is a Serialization error.
 */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch (cause) {
    const reason = cause instanceof SyntaxError ? cause.message : "unreadable";
    throw new AnchorageError("Serialization", `The request body is not valid JSON (${reason}).`, { cause });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AnchorageError(
      "Serialization",
      `The request body must be a JSON object, not ${Array.isArray(value) ? "an array" : typeof value === "object" ? "null" : `a ${typeof value}`}.`,
    );
  }
  return value as Record<string, unknown>;
}
