import type { Command } from "commander";
import type { CaInitFlags } from "../pki/ca-init.js";
import { DEFAULT_CA_DIR, DEFAULT_KEY_TYPE, KEY_TYPE_CHOICES } from "../pki/choices.js";
import { exitTwoOnUsageErrors, runAction } from "../pki/run-action.js";
import { collect } from "./option-collect.js";

/**
 * `ca init`: creates a certificate authority for Roles Anywhere trust anchors. Registering is
 * cheap; key generation and @peculiar/x509 load when the command runs.
 */
export function register(program: Command): void {
  const ca = exitTwoOnUsageErrors(
    program.command("ca").description("certificate authority: create a CA for a trust anchor"),
  );
  exitTwoOnUsageErrors(
    ca
      .command("init")
      .description(
        "create a CA directory: CA certificate, private key (0600) and the index of issued and revoked serials",
      )
      .option("--out-dir <dir>", "where to create the CA", DEFAULT_CA_DIR)
      .option("--key-type <type>", `key type: ${KEY_TYPE_CHOICES.join(", ")}`, DEFAULT_KEY_TYPE)
      .option("--subject <dn>", 'subject, e.g. "CN=Example Root CA,O=Example,C=US" (default CN=Anchorage CA)')
      .option("--cn <name>", "subject common name")
      .option("--o <org>", "subject organisation")
      .option("--ou <unit>", "subject organisational unit (repeatable)", collect)
      .option("--c <country>", "subject country (two letters)")
      .option("--st <state>", "subject state or province")
      .option("--l <locality>", "subject locality")
      .option(
        "--validity-days <days>",
        "validity of the CA certificate (default 3650; for an intermediate at most until the parent expires)",
      )
      .option(
        "--path-length <n>",
        "basicConstraints pathLenConstraint: how many intermediate CAs may follow (default: no limit)",
      )
      .option(
        "--passphrase-file <file>",
        "encrypt the key (PKCS#8) with the first line of this file (or set ANCHORAGE_PASSPHRASE)",
      )
      .option("--encrypt-key", "encrypt the key with a passphrase typed at the terminal (twice)")
      .option(
        "--parent-dir <dir>",
        "create an intermediate CA signed by the CA in this directory (default: a self-signed root)",
      )
      .option(
        "--parent-passphrase-file <file>",
        "passphrase of the parent CA's key (or ANCHORAGE_PASSPHRASE, or the prompt)",
      )
      .option("--force", "replace an existing CA in --out-dir (its key and index are lost)")
      .addHelpText(
        "after",
        `
The key is encrypted when --passphrase-file, ANCHORAGE_PASSPHRASE or --encrypt-key is given.
Files: ca.cert.pem (0644), ca.key.pem (0600), index.json (0600), ca.chain.pem for an intermediate;
the directory is created 0700. Exit codes: 0 created, 1 failed, 2 bad usage.

Examples:
  anchorage ca init --cn "Example Root CA" --o Example
  anchorage ca init --key-type rsa4096 --subject "CN=Example Root CA,O=Example" --passphrase-file pw.txt
  anchorage ca init --out-dir issuing-ca --parent-dir anchorage-ca --cn "Example Issuing CA" --path-length 0`,
      )
      .action(
        runAction(async (flags: CaInitFlags) => {
          const [{ caInit }, { processIo }] = await Promise.all([
            import("../pki/ca-init.js"),
            import("../pki/command-io.js"),
          ]);
          await caInit(flags, processIo());
        }),
      ),
  );
}
