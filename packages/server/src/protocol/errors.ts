/**
 * Typed errors of the protocol layer. None of them carries an HTTP status or a wire error code of
 * its own choosing: `http/errors.ts` maps each class to the wire (see protocol/README.md).
 */

/** One failed constraint, already worded as AWS words it. */
export interface Violation {
  /** AWS's member path: `source.sourceData.x509CertificateData`, `tags.1.member.key`, `roleName`. */
  readonly path: string;
  /** The whole clause, e.g. `Value 'x' at 'name' failed to satisfy constraint: Member must …`. */
  readonly message: string;
}

/** Base of the errors raised because the caller's input does not fit the model. */
export abstract class ModelInputError extends Error {
  /** `validation`: a constraint failed; `serialization`: the input could not be read as the model's types. */
  abstract readonly kind: "validation" | "serialization";
  /** Paths of the members at fault, in AWS's dotted form. */
  readonly fieldPaths: readonly string[];
  constructor(message: string, fieldPaths: readonly string[], options?: ErrorOptions) {
    super(message, options);
    this.fieldPaths = fieldPaths;
  }
}

/**
 * Input that decoded but breaks the model's constraints (required, length, range, pattern, enum).
 * The message is AWS's: `2 validation errors detected: Value … at 'a.b' failed to satisfy constraint: …; …`.
 * Wire: rest-json `ValidationException` 400; Query `ValidationError` 400.
 */
export class ModelValidationError extends ModelInputError {
  override readonly name = "ModelValidationError";
  readonly kind = "validation";
  readonly violations: readonly Violation[];
  constructor(message: string, violations: readonly Violation[]) {
    super(
      message,
      violations.map((v) => v.path),
    );
    this.violations = violations;
  }
}

/**
 * Input that cannot be read as the model's types: malformed JSON, a string where an integer is
 * expected, an object where a list is expected, bad base64, a union with no or several members.
 * Wire: rest-json `SerializationException` 400 (AWS's answer, per Smithy's restJson1 malformed-request
 * tests); on Query routes AWS's code is not documented: http/errors.ts's `Serialization` row answers
 * `InvalidQueryParameter` 400 ("The AWS query string is malformed", CommonErrors).
 */
export class ModelSerializationError extends ModelInputError {
  override readonly name = "ModelSerializationError";
  readonly kind = "serialization";
  constructor(message: string, fieldPath?: string, options?: ErrorOptions) {
    super(message, fieldPath === undefined ? [] : [fieldPath], options);
  }
}

/** A rest-json request that matches no operation's method and URI template. */
export class UnknownOperationError extends Error {
  override readonly name = "UnknownOperationError";
  readonly method: string;
  readonly path: string;
  /** Methods that the path would have matched, when only the method is wrong. */
  readonly allowedMethods: readonly string[];
  constructor(method: string, path: string, allowedMethods: readonly string[]) {
    super(
      allowedMethods.length > 0
        ? `${method} is not supported on ${path}; use ${allowedMethods.join(" or ")}`
        : `No operation matches ${method} ${path}`,
    );
    this.method = method;
    this.path = path;
    this.allowedMethods = allowedMethods;
  }
}

/**
 * Query-protocol envelope errors, named as AWS names them (CommonErrors, all 400): `MissingAction`,
 * `InvalidAction` (unknown Action, or a Version the model does not have: "Could not find operation X
 * for version Y"), `MissingParameter` (no Version).
 */
export type QueryRequestErrorCode = "MissingAction" | "InvalidAction" | "MissingParameter";

/** A Query request without `Action`, with an unknown `Action`, or without / with a wrong `Version`. */
export class QueryRequestError extends Error {
  override readonly name = "QueryRequestError";
  readonly code: QueryRequestErrorCode;
  constructor(code: QueryRequestErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * A handler returned an output the model cannot carry (wrong type, XML-illegal character).
 * A server bug: the HTTP layer logs it and answers 500 without echoing the message.
 */
export class ModelOutputError extends Error {
  override readonly name = "ModelOutputError";
  readonly path: string;
  constructor(path: string, message: string) {
    super(`output ${path}: ${message}`);
    this.path = path;
  }
}
