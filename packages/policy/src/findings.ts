/**
 * Every finding the validator can report, in one table: its stable code and severity. Errors make a
 * policy malformed (IAM's `MalformedPolicyDocument`); warnings are advice for linting and the IAM APIs.
 */
import type { SourcePosition } from "./json-source.js";

export const FINDINGS = {
  // Document-level errors
  InvalidJson: "error",
  EmptyDocument: "error",
  DocumentTooLong: "error",
  PolicyTooLarge: "error",
  InvalidCharacter: "error",
  NotAnObject: "error",
  DuplicateKey: "error",
  UnknownField: "error",
  InvalidVersion: "error",
  InvalidId: "error",
  MissingStatement: "error",
  InvalidStatement: "error",
  // Statement errors
  InvalidSid: "error",
  DuplicateSid: "error",
  MissingEffect: "error",
  InvalidEffect: "error",
  MissingAction: "error",
  ActionAndNotAction: "error",
  InvalidAction: "error",
  TrustActionNotSts: "error",
  MissingResource: "error",
  ResourceAndNotResource: "error",
  ProhibitedResource: "error",
  InvalidResource: "error",
  PrincipalNotAllowed: "error",
  MissingPrincipal: "error",
  PrincipalAndNotPrincipal: "error",
  InvalidPrincipal: "error",
  InvalidCondition: "error",
  InvalidConditionOperator: "error",
  InvalidConditionKey: "error",
  InvalidConditionValue: "error",
  InvalidPolicyVariable: "error",
  EmptyList: "error",
  // Warnings
  MissingVersion: "warning",
  LiteralPolicyVariable: "warning",
  AllowWithNotAction: "warning",
  AllowWithNotResource: "warning",
  AllowWithNotPrincipal: "warning",
  DenyNotPrincipalWithoutAccount: "warning",
  ForAllValuesWithAllow: "warning",
  MultivaluedKeyWithoutSetOperator: "warning",
  SetOperatorOnSingleValuedKey: "warning",
  EmptyCondition: "warning",
} as const satisfies Record<string, "error" | "warning">;

/** A finding code. */
export type FindingCode = keyof typeof FINDINGS;

/** One problem (or advice) found in a policy document. */
export interface PolicyFinding {
  readonly code: FindingCode;
  readonly severity: "error" | "warning";
  /** Self-contained text, e.g. `Statement[1] (Sid "ReadOnly"): Effect must be "Allow" or "Deny", got "allow"`. */
  readonly message: string;
  /** Where in the document, e.g. `Statement[1].Condition.StringEquals`. Empty for the whole document. */
  readonly path: string;
  /** Index of the statement (0-based, as in `Statement[i]`), when the finding is about one. */
  readonly statement?: number;
  readonly sid?: string;
  /** Line and column (1-based) of the offending JSON value, when known. */
  readonly position?: SourcePosition;
}

/**
 * Thrown by `parsePolicy` for a document IAM would reject with `MalformedPolicyDocument`. The message
 * is that of the first error (with its line and column); `findings` holds every error.
 *
 * @example
 * try { parsePolicy(text, "identity"); } catch (e) {
 *   if (e instanceof MalformedPolicyError) reply(400, "MalformedPolicyDocument", e.message);
 * }
 */
export class MalformedPolicyError extends Error {
  override readonly name = "MalformedPolicyError";
  /** The stable code of the first error. */
  readonly code: FindingCode;
  constructor(
    readonly findings: readonly PolicyFinding[],
    options?: { cause?: unknown },
  ) {
    const first = findings[0];
    if (!first) throw new TypeError("MalformedPolicyError needs at least one finding");
    const at = first.position ? ` (line ${first.position.line}, column ${first.position.column})` : "";
    const more =
      findings.length > 1 ? ` [and ${findings.length - 1} more error${findings.length > 2 ? "s" : ""}]` : "";
    super(`${first.message}${at}${more}`, options);
    this.code = first.code;
  }
}

/** Thrown when a policy is passed where its kind does not fit (e.g. a trust policy as an identity policy). */
export class PolicyKindError extends TypeError {
  override readonly name = "PolicyKindError";
}
