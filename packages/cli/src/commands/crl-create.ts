import type { Command } from "commander";
import { DEFAULT_CA_DIR } from "../pki/choices.js";
import type { CrlCreateFlags } from "../pki/crl-create.js";
import { exitTwoOnUsageErrors, runAction } from "../pki/run-action.js";

/** `crl create`: signs a CRL of the CA's revocations; `--upload` imports it into an endpoint. */
export function register(crl: Command): void {
  exitTwoOnUsageErrors(
    crl
      .command("create")
      .description("sign a CRL listing every serial revoked in the CA's index (with the next CRL number)")
      .option("--ca-dir <dir>", "CA directory", DEFAULT_CA_DIR)
      .option("--passphrase-file <file>", "passphrase of the CA key (or ANCHORAGE_PASSPHRASE, or the prompt)")
      .option("--next-update-days <days>", "days until nextUpdate", "7")
      .option("--out <file>", "where to write the CRL (default <ca-dir>/crl.pem, or crl.der with --der)")
      .option("--der", "write DER instead of PEM (X509 CRL)")
      .option(
        "--upload",
        "import the CRL into a Roles Anywhere endpoint (ImportCrl, or UpdateCrl with --crl-arn)",
      )
      .option("--trust-anchor-arn <arn>", "with --upload: the trust anchor the CRL revokes for")
      .option(
        "--crl-arn <arn>",
        "with --upload: replace this imported CRL (UpdateCrl) instead of importing a new one",
      )
      .option(
        "--endpoint <url>",
        "with --upload: the endpoint (default https://rolesanywhere.<region>.amazonaws.com)",
      )
      .option("--region <region>", "with --upload: signing region (default: the trust anchor ARN's)")
      .option("--crl-name <name>", "with --upload: the CRL's name (default: the CA's CN + \" CRL\")")
      .option("--aws-profile <name>", "with --upload: credentials of this profile in the shared AWS files")
      .addHelpText(
        "after",
        `
--upload signs with SigV4 using AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY(/AWS_SESSION_TOKEN), else
the profile AWS_PROFILE (default "default") in AWS_SHARED_CREDENTIALS_FILE (~/.aws/credentials) or
AWS_CONFIG_FILE (~/.aws/config). The CRL is sent as PEM and imported enabled.
Exit codes: 0 written (and uploaded), 1 failed, 2 bad usage.

Examples:
  anchorage crl create
  anchorage crl create --der --out /srv/pki/ca.crl
  anchorage crl create --upload --endpoint http://127.0.0.1:8080 \\
      --trust-anchor-arn arn:aws:rolesanywhere:us-east-1:000000000000:trust-anchor/3f2c…`,
      )
      .action(
        runAction(async (flags: CrlCreateFlags) => {
          const [{ crlCreate }, { processIo }] = await Promise.all([
            import("../pki/crl-create.js"),
            import("../pki/command-io.js"),
          ]);
          await crlCreate(flags, processIo());
        }),
      ),
  );
}
