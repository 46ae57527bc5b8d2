import type { Command } from "commander";
import type { CredentialProcessFlags } from "../client/credential-process.js";
import { CREDENTIAL_PROCESS_OPTIONS } from "../client/credential-process-options.js";

/**
 * `credential-process`: flag-compatible with AWS's `aws_signing_helper credential-process` v1.4.
 * Registering is cheap; the work (key loading, signing, HTTP) is imported when the command runs.
 * `main.ts` normally runs this command without commander (see `credential-process-argv.ts`); this
 * registration gives `--help` and the same behaviour through commander.
 */
export function register(program: Command): void {
  const command = program
    .command("credential-process")
    .description(
      "print temporary AWS credentials in the credential_process format (a drop-in for AWS's " +
        "aws_signing_helper credential-process)",
    );
  for (const option of CREDENTIAL_PROCESS_OPTIONS) {
    command.option(
      `--${option.name}${option.value === undefined ? "" : ` <${option.value}>`}`,
      option.description,
    );
  }
  command.action(async (flags: CredentialProcessFlags) => {
    const [{ runCredentialProcess }, { processIo }] = await Promise.all([
      import("../client/credential-process.js"),
      import("../client/io.js"),
    ]);
    process.exitCode = await runCredentialProcess(flags, processIo());
  });
}
