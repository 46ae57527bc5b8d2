// What `doctor` prints: one line per step for people (✓ ✗ ! –, what was found, how to fix it), or
// one JSON document for machines (--json). Both come from the same results.
import type { StepResult, StepStatus } from "./step.js";

/** Exit codes: 0 every check passed (the final CreateSession included), 1 a check failed, 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const STATUS_SYMBOLS = { pass: "✓", fail: "✗", warn: "!", skip: "–" } as const satisfies Record<
  StepStatus,
  string
>;

/** The session a successful CreateSession gave (never the credentials themselves). */
export interface SessionSummary {
  readonly assumedRoleArn: string | undefined;
  readonly expiration: string;
  readonly sourceIdentity: string | undefined;
}

/** The machine-readable report (--json). */
export interface DoctorReport {
  readonly ok: boolean;
  readonly exitCode: number;
  readonly steps: readonly {
    readonly id: string;
    readonly title: string;
    readonly status: StepStatus;
    readonly message: string;
    readonly fix: string | null;
    readonly ms: number;
  }[];
  readonly session: SessionSummary | null;
}

/** 0 when nothing failed (then the final CreateSession passed), else 1. */
export const exitCodeOf = (results: readonly StepResult[]): number =>
  results.some((r) => r.status === "fail") ? EXIT_FAILED : EXIT_OK;

/** One line: `✓ files          certificate … — fix: …`. */
export function formatStepLine(result: StepResult, idWidth = 15): string {
  const fix = result.fix === undefined ? "" : ` — fix: ${result.fix}`;
  return `${STATUS_SYMBOLS[result.status]} ${result.id.padEnd(idWidth)} ${result.message}${fix}`;
}

/** The closing line of the text report. */
export function formatSummary(results: readonly StepResult[]): string {
  const count = (status: StepStatus) => results.filter((r) => r.status === status).length;
  const failed = results.filter((r) => r.status === "fail").map((r) => r.id);
  const tail = [
    count("warn") > 0 ? `${count("warn")} warning${count("warn") === 1 ? "" : "s"}` : "",
    count("skip") > 0 ? `${count("skip")} skipped` : "",
  ]
    .filter((s) => s !== "")
    .join(", ");
  return failed.length === 0
    ? `doctor: all ${results.length - count("skip")} checks passed${tail === "" ? "" : ` (${tail})`}; these credentials work`
    : `doctor: ${failed.length} check${failed.length === 1 ? "" : "s"} failed (${failed.join(", ")})${tail === "" ? "" : `, ${tail}`}; see the fixes above`;
}

export function doctorReport(
  results: readonly StepResult[],
  session: SessionSummary | undefined,
): DoctorReport {
  const exitCode = exitCodeOf(results);
  return {
    ok: exitCode === EXIT_OK,
    exitCode,
    steps: results.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      message: r.message,
      fix: r.fix ?? null,
      ms: Math.round(r.ms),
    })),
    session: session ?? null,
  };
}

export const formatJsonReport = (report: DoctorReport): string => `${JSON.stringify(report, null, 2)}\n`;
