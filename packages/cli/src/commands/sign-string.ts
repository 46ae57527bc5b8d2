import { Option } from "commander";
import type { Command } from "commander";
import type { SignStringFlags } from "../client/sign-string.js";

/** `sign-string`: AWS's helper's signing self-test; signs piped stdin when there is some. */
export function register(program: Command): void {
  program
    .command("sign-string")
    .description(
      "sign bytes piped to stdin, or (like AWS's helper, with nothing piped) its fixed test message, and print the signature",
    )
    .option("--certificate <path>", "certificate of the key (PEM or DER), or a PKCS#12 bundle")
    .option("--private-key <path>", "private key to sign with")
    .option("--pkcs8-password <password>", "passphrase of an encrypted PKCS#8 key or PKCS#12 bundle")
    .option("--passphrase-file <path>", "file whose first line is the key's passphrase")
    .addOption(
      new Option("--digest <digest>", "hash to sign with")
        .choices(["SHA256", "SHA384", "SHA512"])
        .default("SHA256"),
    )
    .addOption(
      new Option("--format <format>", "output: JSON string, hex text or raw bytes")
        .choices(["json", "text", "bin"])
        .default("json"),
    )
    .action(async (flags: SignStringFlags) => {
      const [{ runSignString }, { processIo }] = await Promise.all([
        import("../client/sign-string.js"),
        import("../client/io.js"),
      ]);
      process.exitCode = await runSignString(flags, processIo());
    });
}
