/**
 * Every sentence the protocol layer says to a caller, in one table.
 *
 * Constraint clauses follow AWS's (Coral's) wording, as real responses quoted in public issues show:
 *   `1 validation error detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint:
 *    Member must satisfy regular expression pattern: [\w+=,.@-]*` (STS; JuliaCloud/AWSCore.jl#38)
 *   `4 validation errors detected: Value '' at 'roleArn' … pattern: [\u0009…\u10000-\u10FFFF]+; Value ''
 *    at 'roleArn' … Member must have length greater than or equal to 20; …` (STS; mmmorris1975/aws-runas#80:
 *    several clauses joined by "; ", in member order, a member's pattern before its length)
 *   `Value 'MOJ D&T' at 'tags.10.member.value' …` (IAM; ministryofjustice/cloud-platform-environments#22667:
 *    list items are `<list>.<1-based index>.member`, member names with a lower-case first letter)
 *   `Value null at 'x' failed to satisfy constraint: Member must not be null`
 *   `Value 'java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]' at 'image.bytes' …` (Rekognition, KMS: blobs
 *    print as Java buffers)
 *   `… Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must
 *    have length greater than or equal to 1]` (DynamoDB: a map's key or value constraints, once, all listed)
 *   `Value at 'password' failed to satisfy constraint: …` (Cognito: sensitive members omit the value)
 * The pattern is quoted exactly as the model spells it (the Java source, not our JavaScript). The cap
 * of 10 clauses per message follows mhart/dynalite, a DynamoDB emulator written against the real
 * service. SERIALIZATION's sentences are ours: Coral's ("class java.lang.String can not be converted to
 * an Integer") name neither the member nor the fix.
 */

export const CONSTRAINT = {
  notNull: (): string => "Member must not be null",
  lengthAtMost: (max: number): string => `Member must have length less than or equal to ${max}`,
  lengthAtLeast: (min: number): string => `Member must have length greater than or equal to ${min}`,
  valueAtMost: (max: number): string => `Member must have value less than or equal to ${max}`,
  valueAtLeast: (min: number): string => `Member must have value greater than or equal to ${min}`,
  pattern: (javaPattern: string): string => `Member must satisfy regular expression pattern: ${javaPattern}`,
  enumValue: (values: readonly string[]): string =>
    `Member must satisfy enum value set: [${values.join(", ")}]`,
  mapKeys: (clauses: readonly string[]): string =>
    `Map keys must satisfy constraint: [${clauses.join(", ")}]`,
  mapValues: (clauses: readonly string[]): string =>
    `Map value must satisfy constraint: [${clauses.join(", ")}]`,
} as const;

/** One violation: `Value 'x' at 'path' failed to satisfy constraint: <constraint>`. */
export function violationClause(rendered: RenderedValue, path: string, constraint: string): string {
  const value = rendered === REDACTED ? "Value" : rendered === null ? "Value null" : `Value '${rendered}'`;
  return `${value} at '${path}' failed to satisfy constraint: ${constraint}`;
}

/** `N validation error(s) detected: <clause>; <clause>`. */
export function validationSummary(clauses: readonly string[]): string {
  const n = clauses.length;
  return `${n} validation error${n === 1 ? "" : "s"} detected: ${clauses.join("; ")}`;
}

/** Sentences for input that cannot be read as the model's types (`ModelSerializationError`). */
export const SERIALIZATION = {
  notUtf8: (): string => "The request body is not valid UTF-8",
  malformedJson: (detail: string): string => `The request body is not valid JSON: ${detail}`,
  bodyNotObject: (found: string): string => `The request body must be a JSON object, found ${found}`,
  wrongType: (path: string, expected: string, found: string): string =>
    `Expected ${expected} at '${path}', found ${found}`,
  notInteger: (path: string, text: string): string => `Value '${text}' at '${path}' is not an integer`,
  integerRange: (path: string, text: string, bits: number): string =>
    `Value '${text}' at '${path}' does not fit a ${bits}-bit integer`,
  notBoolean: (path: string, text: string): string =>
    `Value '${text}' at '${path}' is not a boolean; send true or false`,
  notTimestamp: (path: string, text: string, format: string): string =>
    `Value '${text}' at '${path}' is not a timestamp in ${format} format`,
  notBase64: (path: string, detail: string): string => `Value at '${path}' is not valid base64: ${detail}`,
  unionNone: (path: string, members: readonly string[]): string =>
    `Union at '${path}' must set exactly one of [${members.join(", ")}]; none is set`,
  unionSeveral: (path: string, set: readonly string[]): string =>
    `Union at '${path}' must set exactly one member; [${set.join(", ")}] are set`,
  unionUnknown: (path: string, member: string, members: readonly string[]): string =>
    `Union at '${path}' has no member '${member}'; its members are [${members.join(", ")}]`,
  badLabel: (path: string): string => `The URI segment for '${path}' is not valid percent-encoding`,
  duplicateParameter: (name: string): string => `Parameter ${name} is given more than once`,
  notUtf8Parameter: (): string => "The request parameters are not valid UTF-8",
} as const;

/** Query envelope messages (`QueryRequestError`). */
export const QUERY_ENVELOPE = {
  missingAction: (): string => "The request must contain the parameter Action",
  missingVersion: (): string => "The request must contain the parameter Version",
  unknownAction: (action: string, version: string): string =>
    `Could not find operation ${action} for version ${version}`,
} as const;

/** A value as AWS (Java's toString) prints it in a clause, `null` for an absent one, or REDACTED. */
export type RenderedValue = string | null | typeof REDACTED;
export const REDACTED: unique symbol = Symbol("redacted");

/** Renders a decoded value the way AWS's messages print it (Java's `toString`). */
export function renderValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (value instanceof Uint8Array)
    return `java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]`;
  if (Array.isArray(value)) return `[${value.map((v) => renderValue(v) ?? "null").join(", ")}]`;
  if (typeof value === "object") {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${renderValue(v) ?? "null"}`);
    return `{${parts.join(", ")}}`;
  }
  return String(value);
}

/** `a`/`an` + the JSON type name of a value, for `wrongType`. */
export function describeJsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return value instanceof Uint8Array ? "bytes" : value instanceof Date ? "a timestamp" : "an object";
    default:
      return typeof value;
  }
}
