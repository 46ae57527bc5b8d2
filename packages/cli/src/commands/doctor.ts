import type { Command } from "commander";
import type { DoctorFlags } from "../doctor/doctor-options.js";
import { DOCTOR_OPTIONS } from "../doctor/doctor-options.js";

/**
 * `doctor`: diagnoses a `credential-process` configuration step by step, ending with a real
 * CreateSession. Registering is cheap; the checks load when the command runs.
 */
export function register(program: Command): void {
  const command = program
    .command("doctor")
    .description(
      "check a credential-process configuration step by step (files, key, chain, lint, validity, trust " +
        "anchor, CRLs, profile, role, trust policy) and make a real CreateSession",
    );
  for (const option of DOCTOR_OPTIONS) {
    command.option(
      `--${option.name}${option.value === undefined ? "" : ` <${option.value}>`}`,
      option.description,
    );
  }
  command
    .addHelpText(
      "after",
      `
Takes the flags of credential-process: replace \`credential-process\` by \`doctor\` in a credential_process
line. The trust anchor, CRL, profile and role checks read the API with admin credentials
(--admin-credentials FILE, --aws-profile NAME, or AWS_ACCESS_KEY_ID / AWS_PROFILE); without them they
are skipped and CreateSession is still tried. Against an Anchorage server run with --explain-errors, a
refused CreateSession shows the server's precise reason. Nothing secret is printed.
Exit codes: 0 every check passed, 1 a check failed, 2 bad usage.

Example:
  anchorage doctor --certificate client.cert.pem --private-key client.key.pem \\
      --trust-anchor-arn arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/… \\
      --profile-arn arn:aws:rolesanywhere:us-east-1:123456789012:profile/… \\
      --role-arn arn:aws:iam::123456789012:role/app --endpoint http://127.0.0.1:7911 \\
      --admin-credentials anchorage-data/admin-credentials`,
    )
    .exitOverride((error) => {
      process.exit(error.code === "commander.helpDisplayed" || error.code === "commander.version" ? 0 : 2);
    })
    .action(async (flags: DoctorFlags) => {
      const [{ runDoctor }, { processIo }] = await Promise.all([
        import("../doctor/run-doctor.js"),
        import("../client/io.js"),
      ]);
      const io = processIo();
      process.exitCode = await runDoctor(flags, {
        ...io,
        interactive: () => process.stdin.isTTY === true && process.stderr.isTTY === true,
        now: () => new Date(),
      });
    });
}
