import { ModelSerializationError, ModelValidationError, type Violation } from "./errors.js";
import {
  CONSTRAINT,
  REDACTED,
  SERIALIZATION,
  describeJsonType,
  renderValue,
  validationSummary,
  violationClause,
  type RenderedValue,
} from "./messages.js";
import {
  shapeOf,
  type ServiceModel,
  type ShapeModel,
  type StringShape,
  type StructureShape,
} from "./model.js";

/** AWS lists at most this many violations in one message (and counts only those it lists). */
export const MAX_REPORTED_VIOLATIONS = 10;

/**
 * Validates a decoded input against its structure shape, collecting every failed constraint (up to
 * MAX_REPORTED_VIOLATIONS) in model member order, and throws one ModelValidationError worded as AWS.
 * A value of the wrong type (a string where the model wants a list) throws ModelSerializationError.
 *
 * @example
 * validateInput(ROLESANYWHERE_MODEL, "CreateProfileRequest", { roleArns: [] });
 * // ModelValidationError: 1 validation error detected: Value null at 'name' failed to satisfy
 * // constraint: Member must not be null
 */
export function validateInput(model: ServiceModel, shapeName: string, value: unknown): void {
  const violations = findViolations(model, shapeName, value);
  if (violations.length > 0) {
    throw new ModelValidationError(validationSummary(violations.map((v) => v.message)), violations);
  }
}

/** The violations validateInput would report, without throwing. `path` prefixes every member path. */
export function findViolations(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  path = "",
): Violation[] {
  const out: Violation[] = [];
  new Walker(model, out).visit(shapeName, value, path);
  return out;
}

/** AWS's member path segment: the member name with its first letter lower-cased (`RoleName` → `roleName`). */
export const pathSegment = (memberName: string): string =>
  memberName.charAt(0).toLowerCase() + memberName.slice(1);

export const joinPath = (parent: string, memberName: string): string =>
  parent === "" ? pathSegment(memberName) : `${parent}.${pathSegment(memberName)}`;

/** Sets an own enumerable property, even one named `__proto__` (map keys come from callers). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Whether a shape, or anything nested in it, is marked sensitive (its values are never echoed). */
export function containsSensitive(model: ServiceModel, shapeName: string, seen = new Set<string>()): boolean {
  if (seen.has(shapeName)) return false;
  seen.add(shapeName);
  const shape = shapeOf(model, shapeName);
  if (shape.sensitive) return true;
  switch (shape.type) {
    case "structure":
      return Object.values(shape.members).some((m) => containsSensitive(model, m.shape, seen));
    case "list":
      return containsSensitive(model, shape.member.shape, seen);
    case "map":
      return (
        containsSensitive(model, shape.key.shape, seen) || containsSensitive(model, shape.value.shape, seen)
      );
    default:
      return false;
  }
}

/** Length as AWS counts it: code points for strings, bytes for blobs, entries for lists and maps. */
function lengthOf(value: unknown): number {
  if (typeof value === "string") {
    let n = 0;
    for (const _ of value) n += 1;
    return n;
  }
  if (value instanceof Uint8Array || Array.isArray(value)) return value.length;
  return Object.keys(value as object).length;
}

class Walker {
  constructor(
    private readonly model: ServiceModel,
    private readonly out: Violation[],
  ) {}

  private full(): boolean {
    return this.out.length >= MAX_REPORTED_VIOLATIONS;
  }

  private report(shapeName: string, value: unknown, path: string, constraint: string): void {
    if (this.full()) return;
    const rendered: RenderedValue = containsSensitive(this.model, shapeName) ? REDACTED : renderValue(value);
    this.out.push({ path, message: violationClause(rendered, path, constraint) });
  }

  visit(shapeName: string, value: unknown, path: string): void {
    const shape = shapeOf(this.model, shapeName);
    checkType(shape, value, path);
    switch (shape.type) {
      case "structure":
        return this.structure(shape, value as Record<string, unknown>, path);
      case "list": {
        const items = value as unknown[];
        this.lengthBounds(shapeName, shape, value, path);
        items.forEach((item, i) => {
          if (!this.full()) this.visit(shape.member.shape, item, `${path}.${i + 1}.member`);
        });
        return;
      }
      case "map":
        return this.map(shapeName, value as Record<string, unknown>, path);
      case "string":
        return this.string(shapeName, shape, value as string, path);
      case "blob":
        return this.lengthBounds(shapeName, shape, value, path);
      case "integer":
      case "long": {
        const n = value as number;
        if (shape.min !== undefined && n < shape.min)
          this.report(shapeName, n, path, CONSTRAINT.valueAtLeast(shape.min));
        if (shape.max !== undefined && n > shape.max)
          this.report(shapeName, n, path, CONSTRAINT.valueAtMost(shape.max));
        return;
      }
      case "boolean":
      case "timestamp":
        return;
    }
  }

  private structure(shape: StructureShape, value: Record<string, unknown>, path: string): void {
    const required = new Set(shape.required ?? []);
    for (const [name, member] of Object.entries(shape.members)) {
      if (this.full()) return;
      const memberPath = joinPath(path, name);
      const memberValue = Object.hasOwn(value, name) ? value[name] : undefined;
      if (memberValue === undefined || memberValue === null) {
        if (required.has(name)) this.report(member.shape, null, memberPath, CONSTRAINT.notNull());
        continue;
      }
      this.visit(member.shape, memberValue, memberPath);
    }
  }

  private string(shapeName: string, shape: StringShape, value: string, path: string): void {
    if (shape.enum && !shape.enum.includes(value))
      this.report(shapeName, value, path, CONSTRAINT.enumValue(shape.enum));
    if (shape.regex && shape.pattern !== undefined && !shape.regex.test(value)) {
      this.report(shapeName, value, path, CONSTRAINT.pattern(shape.pattern));
    }
    this.lengthBounds(shapeName, shape, value, path);
  }

  private lengthBounds(
    shapeName: string,
    shape: { readonly min?: number; readonly max?: number },
    value: unknown,
    path: string,
  ): void {
    if (shape.min === undefined && shape.max === undefined) return;
    const length = lengthOf(value);
    if (shape.min !== undefined && length < shape.min) {
      this.report(shapeName, value, path, CONSTRAINT.lengthAtLeast(shape.min));
    }
    if (shape.max !== undefined && length > shape.max) {
      this.report(shapeName, value, path, CONSTRAINT.lengthAtMost(shape.max));
    }
  }

  private map(shapeName: string, value: Record<string, unknown>, path: string): void {
    const shape = shapeOf(this.model, shapeName);
    if (shape.type !== "map") return;
    this.lengthBounds(shapeName, shape, value, path);
    const keyShape = shapeOf(this.model, shape.key.shape);
    const valueShape = shapeOf(this.model, shape.value.shape);
    const entries = Object.entries(value);
    const keyClauses = scalarClauses(keyShape);
    if (
      keyClauses.length > 0 &&
      entries.some(([k]) => findViolations(this.model, shape.key.shape, k).length > 0)
    ) {
      this.report(shapeName, value, path, CONSTRAINT.mapKeys(keyClauses));
    }
    const valueClauses = scalarClauses(valueShape);
    if (valueShape.type === "structure" || valueShape.type === "list" || valueShape.type === "map") {
      for (const [k, v] of entries) if (!this.full()) this.visit(shape.value.shape, v, `${path}.${k}`);
    } else if (
      valueClauses.length > 0 &&
      entries.some(([, v]) => findViolations(this.model, shape.value.shape, v).length > 0)
    ) {
      this.report(shapeName, value, path, CONSTRAINT.mapValues(valueClauses));
    } else {
      for (const [k, v] of entries) checkType(valueShape, v, `${path}.${k}`);
    }
  }
}

/** Every constraint of a scalar shape, in the order AWS lists them inside `Map … constraint: [...]`. */
function scalarClauses(shape: ShapeModel): string[] {
  const clauses: string[] = [];
  if (shape.type === "string" || shape.type === "blob") {
    if (shape.max !== undefined) clauses.push(CONSTRAINT.lengthAtMost(shape.max));
    if (shape.min !== undefined) clauses.push(CONSTRAINT.lengthAtLeast(shape.min));
  }
  if (shape.type === "string" && shape.pattern !== undefined) clauses.push(CONSTRAINT.pattern(shape.pattern));
  if (shape.type === "string" && shape.enum) clauses.push(CONSTRAINT.enumValue(shape.enum));
  if (shape.type === "integer" || shape.type === "long") {
    if (shape.max !== undefined) clauses.push(CONSTRAINT.valueAtMost(shape.max));
    if (shape.min !== undefined) clauses.push(CONSTRAINT.valueAtLeast(shape.min));
  }
  return clauses;
}

/** "a string", "an integer", …: what a shape type is called in messages. */
export const EXPECTED: Record<ShapeModel["type"], string> = {
  structure: "a structure",
  list: "a list",
  map: "a map",
  string: "a string",
  integer: "an integer",
  long: "an integer",
  boolean: "a boolean",
  timestamp: "a timestamp",
  blob: "bytes",
};

/** Throws ModelSerializationError unless `value` has the JavaScript type the decoders give `shape`. */
export function checkType(shape: ShapeModel, value: unknown, path: string): void {
  let ok: boolean;
  switch (shape.type) {
    case "structure":
    case "map":
      ok =
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        !(value instanceof Uint8Array) &&
        !(value instanceof Date);
      break;
    case "list":
      ok = Array.isArray(value);
      break;
    case "string":
      ok = typeof value === "string";
      break;
    case "integer":
    case "long":
      ok = typeof value === "number" && Number.isSafeInteger(value);
      break;
    case "boolean":
      ok = typeof value === "boolean";
      break;
    case "timestamp":
      ok = value instanceof Date && !Number.isNaN(value.getTime());
      break;
    case "blob":
      ok = value instanceof Uint8Array;
      break;
  }
  if (!ok)
    throw new ModelSerializationError(
      SERIALIZATION.wrongType(path, EXPECTED[shape.type], describeJsonType(value)),
      path,
    );
}
