// The generic doctor runner: runs the steps in order, one at a time, timing each; a step that
// throws is reported as a failure of that step (its message only: messages never hold secrets) and
// the run goes on, so one broken check never hides the others.
import type { DoctorStep, StepResult } from "./step.js";

export interface RunOptions {
  /** A monotonic clock in ms (performance.now at the composition root). */
  readonly clock: () => number;
  /** Called with each result as soon as it is known (progressive output). */
  readonly onResult?: (result: StepResult) => void;
  /** Called with what a step threw (the composition root may print its stack). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Runs `steps` in order against `context`.
 *
 * @example
 * const results = await runSteps(DOCTOR_STEPS, context, { clock: () => performance.now() });
 */
export async function runSteps<C>(
  steps: readonly DoctorStep<C>[],
  context: C,
  options: RunOptions,
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of steps) {
    const started = options.clock();
    let result: StepResult;
    try {
      const outcome = await step.run(context);
      result = { id: step.id, title: step.title, ...outcome, ms: options.clock() - started };
    } catch (error) {
      result = {
        id: step.id,
        title: step.title,
        status: "fail",
        message: `unexpected error: ${error instanceof Error ? error.message : String(error)}`.replace(
          /\s*\n\s*/g,
          " ",
        ),
        fix: "this is a bug in anchorage doctor or an unexpected answer; run again with ANCHORAGE_DEBUG_STACK=1 and report it",
        ms: options.clock() - started,
      };
      options.onError?.(error);
    }
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}
