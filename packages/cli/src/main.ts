import { HELPER_SUBCOMMANDS, unsupportedHelperFlag } from "./client/unsupported-helper-flags.js";

/**
 * Entry point of the bundled CLI (ES module). `bin/anchorage.js` normally runs `credential-process`
 * from its own CommonJS bundle (see credential-process-main.ts); when this entry is started directly
 * it takes the same fast path, without commander. Every other command, and
 * `credential-process --help`, goes through the commander program, loaded on demand. Commands report
 * their own failures; anything that escapes them is printed as one line (never a stack trace) with
 * exit code 1.
 */
async function main(argv: readonly string[]): Promise<void> {
  const args = argv.slice(2);
  if (args[0] === "credential-process" && !args.includes("--help") && !args.includes("-h")) {
    const { credentialProcessFromArgv } = await import("./client/credential-process-argv.js");
    process.exitCode = await credentialProcessFromArgv(args.slice(1));
    return;
  }
  if (HELPER_SUBCOMMANDS.has(args[0] ?? "")) {
    // AWS's helper's flags that Anchorage does not implement: say why, not "unknown option".
    const unsupported = unsupportedHelperFlag(args.slice(1));
    if (unsupported !== undefined) {
      process.stderr.write(`anchorage ${args[0]}: ${unsupported}\n`);
      process.exitCode = 1;
      return;
    }
  }
  const { buildProgram } = await import("./program.js");
  await buildProgram().parseAsync(argv as string[]);
}

// A reader that goes away early (`anchorage quickstart | head`) is not an error of ours: stop quietly,
// as Unix tools do, instead of crashing on EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`anchorage: ${message}\n`);
  if (process.env.ANCHORAGE_DEBUG_STACK === "1" && error instanceof Error)
    process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
