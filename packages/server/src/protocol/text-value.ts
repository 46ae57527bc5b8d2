import { decodeBase64Strict, encodeBase64 } from "./base64.js";
import { ModelOutputError, ModelSerializationError } from "./errors.js";
import { SERIALIZATION } from "./messages.js";
import type { ShapeModel, TimestampFormat } from "./model.js";
import { formatTimestamp, parseTimestamp } from "./timestamp.js";
import { EXPECTED } from "./validate.js";

/**
 * Scalars carried as text — Query parameters, rest-json uri labels, query strings and headers, and
 * XML text — parsed strictly and formatted as a pair. Integers are decimal digits with an optional
 * minus sign (no `+`, `0x42`, `1.0`, `1e3`, spaces); booleans are exactly `true` or `false`.
 */

const INTEGER = /^-?\d+$/;
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** The range a decoded integer must fit: 32 bits for `integer`, JavaScript's safe range for `long`. */
export function integerFits(type: "integer" | "long", n: number): boolean {
  return type === "integer" ? n >= INT32.min && n <= INT32.max : Number.isSafeInteger(n);
}

/** Parses the text of a scalar member; throws ModelSerializationError naming `path` when it is malformed. */
export function parseTextValue(
  shape: ShapeModel,
  text: string,
  path: string,
  defaultTimestampFormat: TimestampFormat,
): string | number | boolean | Date | Buffer {
  switch (shape.type) {
    case "string":
      return text;
    case "integer":
    case "long": {
      if (!INTEGER.test(text)) throw new ModelSerializationError(SERIALIZATION.notInteger(path, text), path);
      const n = Number(text);
      if (!integerFits(shape.type, n)) {
        throw new ModelSerializationError(
          SERIALIZATION.integerRange(path, text, shape.type === "integer" ? 32 : 53),
          path,
        );
      }
      return n;
    }
    case "boolean":
      if (text === "true") return true;
      if (text === "false") return false;
      throw new ModelSerializationError(SERIALIZATION.notBoolean(path, text), path);
    case "timestamp": {
      const format = shape.timestampFormat ?? defaultTimestampFormat;
      const date = parseTimestamp(text, format);
      if (date === undefined)
        throw new ModelSerializationError(SERIALIZATION.notTimestamp(path, text, format), path);
      return date;
    }
    case "blob": {
      const bytes = decodeBase64Strict(text);
      if (typeof bytes === "string")
        throw new ModelSerializationError(SERIALIZATION.notBase64(path, bytes), path);
      return bytes;
    }
    default:
      throw new ModelSerializationError(
        SERIALIZATION.wrongType(path, `a ${shape.type}`, "a single text value"),
        path,
      );
  }
}

/** Formats a scalar output value as text; throws ModelOutputError when it has the wrong type. */
export function formatTextValue(
  shape: ShapeModel,
  value: unknown,
  path: string,
  defaultTimestampFormat: TimestampFormat,
): string {
  switch (shape.type) {
    case "string":
      if (typeof value === "string") return value;
      break;
    case "integer":
    case "long":
      if (typeof value === "number" && Number.isInteger(value) && integerFits(shape.type, value))
        return String(value);
      break;
    case "boolean":
      if (typeof value === "boolean") return value ? "true" : "false";
      break;
    case "timestamp":
      if (value instanceof Date && !Number.isNaN(value.getTime())) {
        return formatTimestamp(value, shape.timestampFormat ?? defaultTimestampFormat);
      }
      break;
    case "blob":
      if (value instanceof Uint8Array) return encodeBase64(value);
      break;
    default:
      throw new ModelOutputError(path, `a ${shape.type} cannot be written as a single text value`);
  }
  throw new ModelOutputError(path, `expected ${EXPECTED[shape.type]}, got ${describe(value)}`);
}

/** The type of a value, never the value itself (outputs carry secrets). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  if (value instanceof Uint8Array) return "bytes";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
