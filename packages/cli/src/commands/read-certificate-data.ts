import type { Command } from "commander";
import type { ReadCertificateDataFlags } from "../client/read-certificate-data.js";

/** `read-certificate-data`: AWS's helper's JSON summary of a certificate. */
export function register(program: Command): void {
  program
    .command("read-certificate-data")
    .description("print the key type, DER (base64), serial and signing algorithms of a certificate as JSON")
    .option("--certificate <path>", "certificate file (PEM or DER; the first certificate of a bundle)")
    .option("--pkcs8-password <password>", "password of a PKCS#12 bundle")
    .option("--passphrase-file <path>", "file whose first line is the PKCS#12 password")
    .action(async (flags: ReadCertificateDataFlags) => {
      const [{ runReadCertificateData }, { processIo }] = await Promise.all([
        import("../client/read-certificate-data.js"),
        import("../client/io.js"),
      ]);
      process.exitCode = await runReadCertificateData(flags, processIo());
    });
}
