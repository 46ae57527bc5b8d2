// The shape every doctor step shares: what it checks, and what it found. A step is a module under
// steps/ exporting one DoctorStep; the runner (runner.ts) knows nothing else about it.

/** ✓ pass, ✗ fail, ! warning (works, but worth fixing), – skipped (could not be checked). */
export type StepStatus = "pass" | "fail" | "warn" | "skip";

/** What one step found: one line of text, and how to fix it when it is not a pass. */
export interface StepOutcome {
  readonly status: StepStatus;
  /** What was found (one line; never a secret). */
  readonly message: string;
  /** What to do about it (fail, warn, and skips that the user can lift). */
  readonly fix?: string;
}

/** An outcome with the step's identity and timing, as reported. */
export interface StepResult extends StepOutcome {
  readonly id: string;
  readonly title: string;
  readonly ms: number;
}

/** One check. `C` is the context the steps share (config, seams, facts found so far). */
export interface DoctorStep<C> {
  /** Stable, machine-readable (`--json`): `files`, `key`, `trust-anchor`… */
  readonly id: string;
  /** A few words for people. */
  readonly title: string;
  run(context: C): Promise<StepOutcome>;
}

export const pass = (message: string): StepOutcome => ({ status: "pass", message });
export const warn = (message: string, fix: string): StepOutcome => ({ status: "warn", message, fix });
export const fail = (message: string, fix: string): StepOutcome => ({ status: "fail", message, fix });
export const skip = (message: string, fix?: string): StepOutcome =>
  fix === undefined ? { status: "skip", message } : { status: "skip", message, fix };
