// The checks both output serialisers (Query's XML, rest-json's JSON) make on a handler's output
// before walking it: a structure or map must be a plain object, a list an array. A mismatch is a
// server bug, reported as ModelOutputError at the member's path.
import { ModelOutputError } from "./errors.js";
import { describe } from "./text-value.js";

/** `value` as the members of a structure (or the entries of a map); `path` "" is the root. */
export function outputStructure(value: unknown, path: string): Record<string, unknown> {
  if (
    typeof value !== "object" ||
    value === null ||
    Array.isArray(value) ||
    value instanceof Date ||
    value instanceof Uint8Array
  ) {
    throw new ModelOutputError(path || "(root)", `expected a structure, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** `value` as the items of a list. */
export function outputList(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new ModelOutputError(path, `expected a list, got ${describe(value)}`);
  return value;
}
