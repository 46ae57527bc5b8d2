import type { Command } from "commander";
import type { CertLintFlags } from "../pki/cert-lint.js";
import { exitTwoOnUsageErrors, runAction } from "../pki/run-action.js";

/** `cert lint CERT`: every Roles Anywhere certificate requirement, each finding with its fix. */
export function register(cert: Command): void {
  exitTwoOnUsageErrors(
    cert
      .command("lint")
      .description("check certificates against the Roles Anywhere requirements for trust anchors and leaves")
      .argument("<cert>", "certificate file (PEM, possibly several certificates, or DER)")
      .option("--role <role>", "anchor or leaf (default: anchor when basicConstraints says CA, else leaf)")
      .option("--at <time>", "time for the validity checks (ISO 8601 or Unix seconds; default now)")
      .option("--json", "print the findings as JSON")
      .addHelpText(
        "after",
        `
Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 bad usage.

Examples:
  anchorage cert lint app-1.cert.pem
  anchorage cert lint --role anchor --json anchorage-ca/ca.cert.pem`,
      )
      .action(
        runAction(async (file: string, flags: CertLintFlags) => {
          const [{ certLint }, { processIo }] = await Promise.all([
            import("../pki/cert-lint.js"),
            import("../pki/command-io.js"),
          ]);
          process.exitCode = await certLint(file, flags, processIo());
        }),
      ),
  );
}
