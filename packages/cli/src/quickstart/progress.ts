// quickstart's progress output: one line per step, numbered, with what happened and how long it
// took — `[ 5/11] trust anchor: created anchorage-quickstart (0.04 s)`.

export interface StepReport<T> {
  readonly value: T;
  /** What happened, e.g. `created …` / `reused …`. */
  readonly detail: string;
}

/** A failed step: the title it failed in, and the error. */
export class StepFailure extends Error {
  override readonly name = "StepFailure";
  constructor(
    readonly step: string,
    readonly error: unknown,
  ) {
    super(`${step}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export class Progress {
  #done = 0;

  constructor(
    private readonly out: (line: string) => void,
    private readonly clock: () => number,
    private readonly total: number,
  ) {}

  /** Runs one step and prints its line; a failure is rethrown as a StepFailure (nothing printed). */
  async step<T>(title: string, run: () => Promise<StepReport<T>>): Promise<T> {
    const started = this.clock();
    let report: StepReport<T>;
    try {
      report = await run();
    } catch (error) {
      throw error instanceof StepFailure ? error : new StepFailure(title, error);
    }
    this.#done++;
    const seconds = ((this.clock() - started) / 1000).toFixed(2);
    const width = String(this.total).length;
    this.out(
      `[${String(this.#done).padStart(width)}/${this.total}] ${title}: ${report.detail} (${seconds} s)`,
    );
    return report.value;
  }
}
