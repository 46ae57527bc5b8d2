import type { Command } from "commander";
import type { QuickstartFlags } from "../quickstart/quickstart-options.js";

/**
 * `quickstart`: a working Roles Anywhere setup on this machine in one command. Registering is
 * cheap; the server and the PKI code load when the command runs.
 */
export function register(program: Command): void {
  program
    .command("quickstart")
    .description(
      "start a local server, create a CA, a client certificate, a trust anchor, a role and a profile, " +
        "get credentials through credential-process and show what they may do (reused on a re-run)",
    )
    .option("--dir <dir>", "the data folder (default ./anchorage-quickstart)")
    .option("--port <port>", "the server's port (default: a free one)")
    .option("--region <region>", "the server's region (default us-east-1)")
    .option("--keep-running", "leave the server running at the end (stop it with Ctrl-C)")
    .addHelpText(
      "after",
      `
Everything lives in the data folder: ca/ (the CA), client/ (the client certificate and key),
server/ (the database and admin-credentials), server.log, aws-config (the profile printed at the end).
A re-run reuses all of it. Needs nothing but Node.js; uses the AWS CLI when it is installed.
Exit codes: 0 done, 1 a step failed, 2 bad usage.`,
    )
    .exitOverride((error) => {
      process.exit(error.code === "commander.helpDisplayed" || error.code === "commander.version" ? 0 : 2);
    })
    .action(async (flags: QuickstartFlags) => {
      const [{ runQuickstart }, { realpathSync }, { performance }] = await Promise.all([
        import("../quickstart/run-quickstart.js"),
        import("node:fs"),
        import("node:perf_hooks"),
      ]);
      process.exitCode = await runQuickstart(flags, {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
        env: process.env,
        cwd: process.cwd(),
        now: () => new Date(),
        clock: () => performance.now(),
        bin: realpathSync(process.argv[1] ?? "anchorage"),
        stopRequested: () =>
          new Promise((resolve) => {
            const stop = (signal: NodeJS.Signals) => {
              process.off("SIGINT", stop);
              process.off("SIGTERM", stop);
              resolve(signal);
            };
            process.on("SIGINT", stop);
            process.on("SIGTERM", stop);
          }),
      });
    });
}
