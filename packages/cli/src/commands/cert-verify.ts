import type { Command } from "commander";
import type { CertVerifyFlags } from "../pki/cert-verify.js";
import { PROFILE_CHOICES } from "../pki/choices.js";
import { exitTwoOnUsageErrors, runAction } from "../pki/run-action.js";
import { collect } from "./option-collect.js";

/** `cert verify`: the server's certificate path validation from the command line. */
export function register(cert: Command): void {
  exitTwoOnUsageErrors(
    cert
      .command("verify")
      .description(
        "validate a client certificate against a trust anchor exactly as the server does at CreateSession",
      )
      .argument("<cert>", "the client (leaf) certificate; further certificates in the file count as chain")
      .option(
        "--anchor <file>",
        "trust anchor certificate(s): a root or intermediate CA (repeatable)",
        collect,
      )
      .option(
        "--chain <file>",
        "intermediate CA certificates, as sent in X-Amz-X509-Chain (repeatable)",
        collect,
      )
      .option("--crl <file>", "CRL(s) imported into the trust anchor, PEM or DER (repeatable)", collect)
      .option("--at <time>", "validation time, ISO 8601 or Unix seconds (default now)")
      .option("--profile <profile>", `${PROFILE_CHOICES.join(" or ")}`, "roles-anywhere")
      .option("--max-depth <n>", "most intermediate CAs in a path (default 5, as the server; at most 16)")
      .option("--json", "print the result as JSON on stdout")
      .addHelpText(
        "after",
        `
Profiles: roles-anywhere (the server's: leaf must be v3, not a CA, with digitalSignature; CAs
need keyCertSign) or rfc5280 (plain RFC 5280, with its issuance rules enforced).
Exit codes: 0 valid (the path is printed), 1 invalid (the reason on stderr, one line), 2 bad
usage (missing or unreadable files, a bad time).

Examples:
  anchorage cert verify --anchor anchorage-ca/ca.cert.pem app-1.cert.pem
  anchorage cert verify --anchor root.pem --chain app.chain.pem --crl anchorage-ca/crl.pem --at 2026-06-01T00:00:00Z app.cert.pem`,
      )
      .action(
        runAction(async (file: string, flags: CertVerifyFlags) => {
          const [{ certVerify }, { processIo }] = await Promise.all([
            import("../pki/cert-verify.js"),
            import("../pki/command-io.js"),
          ]);
          process.exitCode = await certVerify(file, flags, processIo());
        }),
      ),
  );
}
