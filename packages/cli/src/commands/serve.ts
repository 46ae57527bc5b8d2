import type { Command } from "commander";
import type { ServeFlags } from "../serve/run-serve.js";
import { CREDENTIAL_OPTIONS, SERVE_OPTIONS } from "../serve/serve-options.js";

/**
 * `serve`: AWS's `aws_signing_helper serve` — temporary credentials through a local IMDSv2-compatible
 * endpoint (and, with `--ecs`, an ECS container-credentials endpoint), refreshed ahead of expiry and
 * after certificate rotation. Registering is cheap; the work is imported when the command runs.
 */
export function register(program: Command): void {
  const command = program
    .command("serve")
    .description(
      "serve temporary AWS credentials on a local IMDSv2-compatible endpoint (and an ECS one with --ecs), " +
        "refreshed before they expire and when the certificate files change",
    );
  for (const option of [...CREDENTIAL_OPTIONS, ...SERVE_OPTIONS]) {
    command.option(
      `--${option.name}${option.value === undefined ? "" : ` <${option.value}>`}`,
      option.description,
    );
  }
  command.action(async (flags: ServeFlags) => {
    const [{ runServe }, { processIo }] = await Promise.all([
      import("../serve/run-serve.js"),
      import("../client/io.js"),
    ]);
    process.exitCode = await runServe(flags, processIo());
  });
}
