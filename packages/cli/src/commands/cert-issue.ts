import type { Command } from "commander";
import type { CertIssueFlags } from "../pki/cert-issue.js";
import { DEFAULT_CA_DIR, DEFAULT_KEY_TYPE, KEY_TYPE_CHOICES } from "../pki/choices.js";
import { exitTwoOnUsageErrors, runAction } from "../pki/run-action.js";
import { collect } from "./option-collect.js";

/** `cert issue`: a client certificate signed by the CA, for a new key or a CSR. */
export function register(cert: Command): void {
  exitTwoOnUsageErrors(
    cert
      .command("issue")
      .description("issue a client certificate (CA:FALSE, digitalSignature, clientAuth) from the CA")
      .option("--ca-dir <dir>", `CA directory made by \`anchorage ca init\` (default ${DEFAULT_CA_DIR})`)
      .option(
        "--ca-cert <file>",
        "CA certificate, instead of --ca-dir (with --ca-key; no serial index is kept)",
      )
      .option("--ca-key <file>", "CA private key, with --ca-cert")
      .option("--passphrase-file <file>", "passphrase of the CA key (or ANCHORAGE_PASSPHRASE, or the prompt)")
      .option("--cn <name>", "subject common name (the role session's source identity: CN=<name>)")
      .option("--o <org>", "subject organisation")
      .option("--ou <unit>", "subject organisational unit (repeatable)", collect)
      .option("--c <country>", "subject country (two letters)")
      .option("--st <state>", "subject state or province")
      .option("--l <locality>", "subject locality")
      .option("--subject <dn>", 'the whole subject instead, e.g. "CN=app-1,OU=payments,O=Example"')
      .option("--dns <name>", "subjectAltName DNS name (repeatable)", collect)
      .option("--uri <uri>", "subjectAltName URI, e.g. spiffe://example.org/app (repeatable)", collect)
      .option("--email <address>", "subjectAltName email address (repeatable)", collect)
      .option(
        "--key-type <type>",
        `generate a key: ${KEY_TYPE_CHOICES.join(", ")} (default ${DEFAULT_KEY_TYPE})`,
      )
      .option(
        "--csr <file>",
        "certify the key of this PKCS#10 request instead (its signature is checked; its subject is used unless given)",
      )
      .option(
        "--validity-days <days>",
        "validity of the certificate (default 365, at most until the CA expires)",
      )
      .option(
        "--out <prefix>",
        "write <prefix>.cert.pem, <prefix>.key.pem, <prefix>.chain.pem (default: the CN)",
      )
      .option(
        "--key-passphrase-file <file>",
        "encrypt the new private key (PKCS#8) with the first line of this file",
      )
      .option("--force", "overwrite existing output files")
      .addHelpText(
        "after",
        `
Serials are 16 random bytes; each is recorded in the CA directory's index.json for \`crl revoke\`.
<prefix>.chain.pem (the CA certificate and the chain above it) is written when the CA is an
intermediate. Exit codes: 0 issued, 1 failed (e.g. a CSR with a bad signature), 2 bad usage.

Examples:
  anchorage cert issue --cn app-1 --ou payments --o Example --dns app-1.example.com
  anchorage cert issue --ca-dir issuing-ca --csr app.csr --out app
  anchorage cert issue --cn app-1 --key-type rsa2048 --validity-days 30 --out /etc/app/client`,
      )
      .action(
        runAction(async (flags: CertIssueFlags) => {
          const [{ certIssue }, { processIo }] = await Promise.all([
            import("../pki/cert-issue.js"),
            import("../pki/command-io.js"),
          ]);
          await certIssue(flags, processIo());
        }),
      ),
  );
}
