/** The result types of evaluation: decisions, matched statements, gate outcomes. */
import type { SourcePosition } from "./json-source.js";

/** IAM's three outcomes (SimulatePrincipalPolicy's `allowed` / `explicitDeny` / `implicitDeny`). */
export type DecisionType = "Allow" | "ExplicitDeny" | "ImplicitDeny";

/** The policy sets of a request, each a gate of iam-sts.md §3. */
export type Gate = "identity" | "resource" | "boundary" | "session";

/**
 * What one gate contributed: `Allowed` (an Allow statement applied and no Deny), `Denied` (a Deny
 * statement applied), `NotAllowed` (policies present, nothing applied), `Absent` (no policy given).
 */
export type GateOutcome = "Allowed" | "Denied" | "NotAllowed" | "Absent";

/** A statement that applied to the request. */
export interface MatchedStatement {
  /** The caller-given name of the policy (see `ParseOptions.name`). */
  readonly policy: string;
  /** Which policy set the statement was evaluated in. */
  readonly gate: Gate;
  readonly sid: string | undefined;
  /** 0-based index in the policy's `Statement` list. */
  readonly index: number;
  readonly effect: "Allow" | "Deny";
  /** Position of the statement in its document (1-based; end exclusive), as IAM's simulator reports. */
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** The decision for one request, explaining itself. */
export interface Decision {
  readonly decision: DecisionType;
  /** `decision === "Allow"`. */
  readonly allowed: boolean;
  /**
   * - `ExplicitDeny`: every Deny statement that applied;
   * - `Allow`: the Allow statements of the gates that granted the request;
   * - `ImplicitDeny`: the Allow statements that applied in the gates that did pass (for explanation).
   */
  readonly matchedStatements: readonly MatchedStatement[];
  /** Per-gate outcome; `boundary` feeds `PermissionsBoundaryDecisionDetail` of the IAM simulator. */
  readonly gates: Readonly<Record<Gate, GateOutcome>>;
  /**
   * One sentence, e.g. `explicitly denied by Statement[2] (Sid "DenyWrites") of identity policy "X"` or
   * `implicitly denied: no statement in the session policies allows s3:PutObject on arn:aws:s3:::b/k`.
   */
  readonly reason: string;
}
