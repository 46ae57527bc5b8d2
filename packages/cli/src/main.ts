import { buildProgram } from "./program.js";

/**
 * Entry point of the bundled CLI. Commands report their own failures; anything that escapes them
 * is printed as one line (never a stack trace) with exit code 1.
 */
async function main(argv: readonly string[]): Promise<void> {
  await buildProgram().parseAsync(argv as string[]);
}

main(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`anchorage: ${message}\n`);
  if (process.env.ANCHORAGE_DEBUG_STACK === "1" && error instanceof Error)
    process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
