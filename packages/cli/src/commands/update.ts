import type { Command } from "commander";
import { CREDENTIAL_OPTIONS } from "../serve/serve-options.js";
import type { UpdateFlags } from "../update/run-update.js";
import { UPDATE_OPTIONS } from "../update/update-options.js";

/**
 * `update`: AWS's `aws_signing_helper update` — temporary credentials written into a profile of the
 * shared credentials file (`AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`) and kept fresh.
 * Registering is cheap; the work is imported when the command runs.
 */
export function register(program: Command): void {
  const command = program
    .command("update")
    .description(
      "write temporary AWS credentials into a profile of the shared credentials file and keep them " +
        "fresh (--once: write once and exit)",
    );
  for (const option of [...CREDENTIAL_OPTIONS, ...UPDATE_OPTIONS]) {
    command.option(
      `--${option.name}${option.value === undefined ? "" : ` <${option.value}>`}`,
      option.description,
    );
  }
  command.action(async (flags: UpdateFlags) => {
    const [{ runUpdate }, { processIo }, { homedir }] = await Promise.all([
      import("../update/run-update.js"),
      import("../client/io.js"),
      import("node:os"),
    ]);
    process.exitCode = await runUpdate(flags, processIo(), process.env.HOME ?? homedir());
  });
}
