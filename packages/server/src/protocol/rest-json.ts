import { decodeBase64Strict, encodeBase64 } from "./base64.js";
import { ModelOutputError, ModelSerializationError } from "./errors.js";
import { SERIALIZATION, describeJsonType } from "./messages.js";
import { outputList, outputStructure } from "./output-value.js";
import {
  operationOf,
  shapeOf,
  type OperationModel,
  type OperationName,
  type OperationTypes,
  type ServiceModel,
  type StructureShape,
} from "./model.js";
import {
  decodeUtf8Strict,
  headerValue,
  type EncodedError,
  type EncodedResponse,
  type ProtocolRequest,
} from "./request.js";
import { labelsFor } from "./rest-json-router.js";
import { describe, formatTextValue, integerFits, parseTextValue } from "./text-value.js";
import {
  formatEpochSeconds,
  formatHttpDate,
  formatIso8601,
  parseEpochSeconds,
  parseTimestamp,
} from "./timestamp.js";
import { EXPECTED, joinPath, setOwn, validateInput } from "./validate.js";

/**
 * The rest-json protocol (Roles Anywhere): requests → typed inputs, typed outputs → responses.
 * Members travel where the model puts them: uri labels, query string, headers, or the JSON body.
 */

/**
 * Decodes and validates a rest-json request for `operation` (found with `routeRestJson`).
 * Throws ModelSerializationError for input that is not the model's types (→ SerializationException),
 * ModelValidationError for broken constraints (→ ValidationException).
 *
 * @example
 * const { operation } = routeRestJson(ROLESANYWHERE_MODEL, req.method, req.path, req.query);
 * const input = decodeRestJsonInput(ROLESANYWHERE_MODEL, operation, req);
 */
export function decodeRestJsonInput<Ops extends OperationTypes, K extends OperationName<Ops>>(
  model: ServiceModel<Ops>,
  operation: K,
  request: ProtocolRequest,
): Ops[K]["input"] {
  const op = requireOperation(model, operation);
  if (op.input === undefined) return {} as Ops[K]["input"];
  const shape = structureOf(model, op.input);
  const labels = labelsFor(model, operation, request.method, request.path);
  const input: Record<string, unknown> = {};
  let body: Record<string, unknown> | undefined;
  for (const [name, member] of Object.entries(shape.members)) {
    const path = joinPath("", name);
    const wireName = member.locationName ?? name;
    const target = shapeOf(model, member.shape);
    let value: unknown;
    switch (member.location) {
      case "uri": {
        const raw = labels[wireName];
        if (raw === undefined) break;
        let text: string;
        try {
          text = decodeURIComponent(raw);
        } catch (cause) {
          throw new ModelSerializationError(SERIALIZATION.badLabel(path), path, { cause });
        }
        value = parseTextValue(target, text, path, "iso8601");
        break;
      }
      case "querystring": {
        const values = request.query.getAll(wireName);
        if (target.type === "list") {
          const item = shapeOf(model, target.member.shape);
          if (values.length > 0)
            value = values.map((v, i) => parseTextValue(item, v, `${path}.${i + 1}.member`, "iso8601"));
        } else if (values[0] !== undefined) {
          value = parseTextValue(target, values[0], path, "iso8601");
        }
        break;
      }
      case "header": {
        const text = headerValue(request.headers, wireName);
        if (text === undefined) break;
        if (target.type === "list") {
          const item = shapeOf(model, target.member.shape);
          value = text
            .split(",")
            .map((v, i) => parseTextValue(item, v.trim(), `${path}.${i + 1}.member`, "rfc822"));
        } else {
          value = parseTextValue(target, text, path, "rfc822");
        }
        break;
      }
      default: {
        body ??= parseJsonBody(request.body);
        const raw = Object.hasOwn(body, wireName) ? body[wireName] : undefined;
        if (raw !== undefined && raw !== null) value = fromJson(model, member.shape, raw, path);
      }
    }
    if (value !== undefined) input[name] = value;
  }
  validateInput(model, op.input, input);
  return input as Ops[K]["input"];
}

/** Parses a JSON request body (empty = `{}`); only a JSON object is accepted. */
export function parseJsonBody(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.length === 0) return {};
  const text = decodeUtf8Strict(bytes);
  if (text === undefined) throw new ModelSerializationError(SERIALIZATION.notUtf8());
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new ModelSerializationError(SERIALIZATION.malformedJson(detail), undefined, { cause });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ModelSerializationError(SERIALIZATION.bodyNotObject(describeJsonType(parsed)));
  }
  return parsed as Record<string, unknown>;
}

/** Converts a parsed JSON value to the model's types (Date for timestamps, Buffer for blobs). */
export function fromJson(model: ServiceModel, shapeName: string, value: unknown, path: string): unknown {
  const shape = shapeOf(model, shapeName);
  const wrong = (expected: string): never => {
    throw new ModelSerializationError(SERIALIZATION.wrongType(path, expected, describeJsonType(value)), path);
  };
  switch (shape.type) {
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return wrong("a structure");
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      const byWireName = new Map(
        Object.entries(shape.members).map(([name, m]) => [m.locationName ?? name, name]),
      );
      for (const [key, raw] of Object.entries(source)) {
        const name = byWireName.get(key);
        if (name === undefined) {
          // Unknown members of a structure are ignored (forward compatibility); of a union, refused.
          if (shape.union && key !== "__type" && raw !== null) {
            throw new ModelSerializationError(
              SERIALIZATION.unionUnknown(path, key, [...byWireName.keys()]),
              path,
            );
          }
          continue;
        }
        if (raw === null || raw === undefined) continue;
        const member = shape.members[name];
        if (member !== undefined) out[name] = fromJson(model, member.shape, raw, joinPath(path, name));
      }
      if (shape.union) {
        const set = Object.keys(out);
        if (set.length === 0)
          throw new ModelSerializationError(SERIALIZATION.unionNone(path, [...byWireName.keys()]), path);
        if (set.length > 1) throw new ModelSerializationError(SERIALIZATION.unionSeveral(path, set), path);
      }
      return out;
    }
    case "list":
      if (!Array.isArray(value)) return wrong("a list");
      return value.map((item: unknown, i) => {
        const itemPath = `${path}.${i + 1}.member`;
        if (item === null) {
          throw new ModelSerializationError(SERIALIZATION.wrongType(itemPath, "a value", "null"), itemPath);
        }
        return fromJson(model, shape.member.shape, item, itemPath);
      });
    case "map": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return wrong("a map");
      const out: Record<string, unknown> = {};
      for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
        if (raw !== null) setOwn(out, key, fromJson(model, shape.value.shape, raw, `${path}.${key}`));
      }
      return out;
    }
    case "string":
      return typeof value === "string" ? value : wrong("a string");
    case "integer":
    case "long":
      if (typeof value !== "number") return wrong("an integer");
      if (!Number.isInteger(value))
        throw new ModelSerializationError(SERIALIZATION.notInteger(path, String(value)), path);
      if (!integerFits(shape.type, value)) {
        throw new ModelSerializationError(
          SERIALIZATION.integerRange(path, String(value), shape.type === "integer" ? 32 : 53),
          path,
        );
      }
      return value;
    case "boolean":
      return typeof value === "boolean" ? value : wrong("a boolean");
    case "timestamp": {
      const format = shape.timestampFormat ?? "epoch-seconds";
      const date =
        format === "epoch-seconds"
          ? typeof value === "number"
            ? parseEpochSeconds(value)
            : wrong("a number of seconds")
          : typeof value === "string"
            ? parseTimestamp(value, format)
            : wrong(`an ${format} timestamp string`);
      if (date === undefined) {
        throw new ModelSerializationError(SERIALIZATION.notTimestamp(path, String(value), format), path);
      }
      return date;
    }
    case "blob": {
      if (typeof value !== "string") return wrong("a base64 string");
      const bytes = decodeBase64Strict(value);
      if (typeof bytes === "string")
        throw new ModelSerializationError(SERIALIZATION.notBase64(path, bytes), path);
      return bytes;
    }
  }
}

/**
 * Encodes an operation's output: status from the model (`201` for creates), JSON body with only model
 * members, timestamps per their shape (ISO-8601 at the Date's precision), blobs in base64, and no
 * `null` or absent members. Throws ModelOutputError when a value has the wrong type (a server bug).
 */
export function encodeRestJsonOutput<Ops extends OperationTypes, K extends OperationName<Ops>>(
  model: ServiceModel<Ops>,
  operation: K,
  output: Ops[K]["output"],
): EncodedResponse {
  const op = requireOperation(model, operation);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const body: Record<string, unknown> = {};
  if (op.output !== undefined) {
    const shape = structureOf(model, op.output);
    const source = outputStructure(output, "");
    for (const [name, member] of Object.entries(shape.members)) {
      const value = source[name];
      if (value === undefined || value === null) continue;
      const path = joinPath("", name);
      if (member.location === "header") {
        headers[(member.locationName ?? name).toLowerCase()] = formatTextValue(
          shapeOf(model, member.shape),
          value,
          path,
          "rfc822",
        );
      } else if (member.location === undefined) {
        body[member.locationName ?? name] = toJson(model, member.shape, value, path);
      } else {
        throw new ModelOutputError(path, `output members in the ${member.location} are not supported`);
      }
    }
  }
  return { status: op.http.responseCode ?? 200, headers, body: JSON.stringify(body) };
}

/** Converts an output value to its JSON form, dropping undefined/null members. */
export function toJson(model: ServiceModel, shapeName: string, value: unknown, path: string): unknown {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case "structure": {
      const source = outputStructure(value, path);
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const v = source[name];
        if (v !== undefined && v !== null)
          out[member.locationName ?? name] = toJson(model, member.shape, v, joinPath(path, name));
      }
      return out;
    }
    case "list":
      return outputList(value, path).map((item, i) =>
        toJson(model, shape.member.shape, item, `${path}.${i + 1}.member`),
      );
    case "map": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(outputStructure(value, path))) {
        if (v !== undefined && v !== null)
          setOwn(out, k, toJson(model, shape.value.shape, v, `${path}.${k}`));
      }
      return out;
    }
    case "timestamp": {
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
        throw new ModelOutputError(path, `expected a Date, got ${describe(value)}`);
      }
      const format = shape.timestampFormat ?? "epoch-seconds";
      return format === "epoch-seconds"
        ? formatEpochSeconds(value)
        : format === "iso8601"
          ? formatIso8601(value)
          : formatHttpDate(value);
    }
    case "blob":
      if (!(value instanceof Uint8Array))
        throw new ModelOutputError(path, `expected bytes, got ${describe(value)}`);
      return encodeBase64(value);
    case "string":
      if (typeof value === "string") return value;
      break;
    case "integer":
    case "long":
      if (typeof value === "number" && Number.isInteger(value) && integerFits(shape.type, value))
        return value;
      break;
    case "boolean":
      if (typeof value === "boolean") return value;
      break;
  }
  throw new ModelOutputError(path, `expected ${EXPECTED[shape.type]}, got ${describe(value)}`);
}

/**
 * A rest-json error: `x-amzn-ErrorType: <type>` and `{"message": …}`. The HTTP layer supplies the
 * status (from its error table) and the request id.
 */
export function encodeRestJsonError(type: string, message: string): EncodedError {
  return {
    headers: { "x-amzn-ErrorType": type, "content-type": "application/json" },
    body: JSON.stringify({ message }),
  };
}

function requireOperation(model: ServiceModel, operation: string): OperationModel {
  const op = operationOf(model, operation);
  if (op === undefined) throw new Error(`${model.service} has no operation ${operation}`);
  return op;
}

function structureOf(model: ServiceModel, name: string): StructureShape {
  const shape = shapeOf(model, name);
  if (shape.type !== "structure") throw new Error(`${model.service} shape ${name} is not a structure`);
  return shape;
}
