import type { Command } from "commander";
import { DEFAULT_CA_DIR, REASON_CHOICES } from "../pki/choices.js";
import type { CrlRevokeFlags } from "../pki/crl-revoke.js";
import { exitTwoOnUsageErrors, runAction } from "../pki/run-action.js";

/** `crl revoke`: records a revocation in the CA directory's index. */
export function register(crl: Command): void {
  exitTwoOnUsageErrors(
    crl
      .command("revoke")
      .description("revoke a certificate: record its serial, reason and date in the CA's index")
      .argument(
        "<serial-or-cert>",
        "serial number in hex (as `cert issue` prints it) or the certificate file",
      )
      .option("--ca-dir <dir>", "CA directory", DEFAULT_CA_DIR)
      .option("--reason <reason>", `CRL reason: ${REASON_CHOICES.join(", ")} (default: none given)`)
      .option("--force", "revoke a serial that is not in the CA's index of issued certificates")
      .addHelpText(
        "after",
        `
The revocation takes effect when a new CRL is created (\`anchorage crl create\`) and imported
into the trust anchor. Exit codes: 0 revoked (or already revoked), 1 failed (e.g. an unknown
serial), 2 bad usage.

Examples:
  anchorage crl revoke 5A1F3C…  --reason keyCompromise
  anchorage crl revoke app-1.cert.pem --reason superseded --ca-dir anchorage-ca`,
      )
      .action(
        runAction(async (target: string, flags: CrlRevokeFlags) => {
          const [{ crlRevoke }, { processIo }] = await Promise.all([
            import("../pki/crl-revoke.js"),
            import("../pki/command-io.js"),
          ]);
          await crlRevoke(target, flags, processIo());
        }),
      ),
  );
}
