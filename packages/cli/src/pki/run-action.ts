// Wraps a command's action: any failure becomes one line on stderr and an exit code, and
// commander's own usage errors (unknown option, missing argument) exit with 2.
import type { Command } from "commander";
import { CliError, EXIT_FAILED, EXIT_USAGE } from "./cli-error.js";

/** Where failures are written; process.stderr in production. */
export interface ErrorSink {
  write(text: string): unknown;
}

/** The one-line message of any thrown value (newlines folded; never a stack). */
export function oneLineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, " ").trim() || (error instanceof Error ? error.name : "failed");
}

/** The exit code for a thrown value: CliError's own, otherwise 1. */
export const exitCodeOf = (error: unknown): number =>
  error instanceof CliError ? error.exitCode : EXIT_FAILED;

/** Prints `anchorage: <message>` and sets the exit code. Stack only with ANCHORAGE_DEBUG_STACK=1. */
export function reportFailure(error: unknown, sink: ErrorSink = process.stderr): void {
  sink.write(`anchorage: ${oneLineMessage(error)}\n`);
  if (process.env.ANCHORAGE_DEBUG_STACK === "1" && error instanceof Error) sink.write(`${error.stack}\n`);
  process.exitCode = exitCodeOf(error);
}

/** An action that reports its own failures. */
export function runAction<A extends unknown[]>(
  fn: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      reportFailure(error);
    }
  };
}

/** Commander's parse errors on `command` exit with 2 (help and version keep 0). */
export function exitTwoOnUsageErrors(command: Command): Command {
  return command.exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
  });
}
