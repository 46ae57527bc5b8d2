// A CreateSession refusal: the stable code, the step that found it, the precise reason (what was
// checked, on which certificate, and how to fix it) and what the log line carries. `toAnchorageError`
// turns it into the error the client sees (AWS's answer, plus the reason under --explain-errors);
// `formatExplainedMessage` / `parseExplainedMessage` are the pair `doctor` relies on.
import { AnchorageError } from "../../http/errors.js";
import {
  ANSWERS,
  CREATE_SESSION_STEPS,
  REFUSALS,
  isRefusalCode,
  type CreateSessionStep,
  type RefusalCode,
} from "./refusals.js";

/** The certificate a refusal is about (never key material). */
export interface RefusedCertificate {
  /** `leaf`, `intermediate` or `anchor`. */
  readonly role?: string;
  /** RFC 4514. */
  readonly subject: string;
  /** Upper-case hex. */
  readonly serialHex: string;
  readonly issuer?: string;
}

/** Options of {@link CreateSessionRefusal}. */
export interface RefusalOptions {
  readonly certificate?: RefusedCertificate;
  /** More for the log line (ARNs, the failing condition…); never a secret. */
  readonly detail?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/** Thrown by the steps of CreateSession; the route turns it into an {@link AnchorageError}. */
export class CreateSessionRefusal extends Error {
  override readonly name = "CreateSessionRefusal";
  readonly code: RefusalCode;
  readonly step: CreateSessionStep;
  readonly certificate: RefusedCertificate | undefined;
  readonly detail: Readonly<Record<string, unknown>> | undefined;
  /** The signing certificate, once the signature verified (set by the pipeline, for the log). */
  leaf: RefusedCertificate | undefined;

  /** `reason` is the precise reason: which check failed, on what, and what to do. */
  constructor(code: RefusalCode, reason: string, options: RefusalOptions = {}) {
    super(reason, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.step = REFUSALS[code].step;
    this.certificate = options.certificate;
    this.detail = options.detail;
  }

  /** The precise reason (the message). */
  get reason(): string {
    return this.message;
  }
}

/** The response header carrying `<step>/<code>` of a refusal, only under --explain-errors. */
export const REFUSAL_HEADER = "x-anchorage-refusal";

/**
 * The message of an explained refusal: AWS's message, then `[<step>/<code>: <reason>]` (or
 * `[<step>/<code>]` when the message already is the reason).
 *
 * @example
 * formatExplainedMessage("Untrusted signing certificate", "certificate-path", "Expired", "…expired on …")
 * // "Untrusted signing certificate [certificate-path/Expired: …expired on …]"
 */
export function formatExplainedMessage(
  message: string,
  step: CreateSessionStep,
  code: RefusalCode,
  reason: string,
): string {
  const oneLine = reason.replace(/\s*\n\s*/g, " ");
  return message === reason ? `${message} [${step}/${code}]` : `${message} [${step}/${code}: ${oneLine}]`;
}

/** The parts of an explained refusal message. */
export interface ExplainedMessage {
  /** What the client would see without --explain-errors. */
  readonly message: string;
  readonly step: CreateSessionStep;
  readonly code: RefusalCode;
  /** The precise reason (the message itself for validation errors). */
  readonly reason: string;
}

const EXPLAINED = /^([\s\S]*?) \[([a-z-]+)\/([A-Za-z]+)(?:: ([\s\S]*))?\]$/;

/**
 * Reads back a message made by {@link formatExplainedMessage} (e.g. from an AWS CLI or SDK error);
 * `undefined` for any other message (a server without --explain-errors, or AWS itself).
 */
export function parseExplainedMessage(text: string): ExplainedMessage | undefined {
  const m = EXPLAINED.exec(text);
  if (m === null) return undefined;
  const [, message = "", step = "", code = "", reason] = m;
  if (!Object.hasOwn(CREATE_SESSION_STEPS, step) || !isRefusalCode(code)) return undefined;
  if (REFUSALS[code].step !== step) return undefined;
  return { message, step: step as CreateSessionStep, code, reason: reason ?? message };
}

/** What the log line of a refused request carries. */
export function refusalDetail(refusal: CreateSessionRefusal): Record<string, unknown> {
  return {
    step: refusal.step,
    code: refusal.code,
    reason: refusal.reason,
    ...(refusal.leaf === undefined ? {} : { leaf: refusal.leaf }),
    ...(refusal.certificate === undefined ? {} : { certificate: refusal.certificate }),
    ...refusal.detail,
  };
}

/**
 * The error the client gets: AWS's type, status and message; under `explain`, the reason and
 * code appended to the message.
 */
export function toAnchorageError(refusal: CreateSessionRefusal, explain: boolean): AnchorageError {
  const answer = ANSWERS[REFUSALS[refusal.code].answer];
  const message = answer.message ?? refusal.reason;
  return new AnchorageError(
    answer.error,
    explain ? formatExplainedMessage(message, refusal.step, refusal.code, refusal.reason) : message,
    { cause: refusal, detail: refusalDetail(refusal) },
  );
}
