// The PKI commands' failures. Exit codes: 1 = the command ran and the answer is "no" or it failed
// (invalid certificate, wrong passphrase, bad CSR, unknown serial, API error); 2 = the command line
// is wrong (unknown option, bad value, missing or unreadable file).

export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export type ExitCode = typeof EXIT_FAILED | typeof EXIT_USAGE;

/** A failure to report as one line (never a stack trace) with its exit code. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT_FAILED,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A bad command line: exit code 2. */
export const usageError = (message: string, cause?: unknown): CliError =>
  new CliError(message, EXIT_USAGE, cause === undefined ? undefined : { cause });
