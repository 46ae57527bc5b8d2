import { loadCertificateOnly } from "@anchorage/credential-provider";
import type { KeyType } from "@anchorage/credential-provider";
import { failureLine } from "./failure.js";
import { goJsonString } from "./go-json.js";
import type { CliIo } from "./io.js";

/** The algorithms AWS's helper lists per key type. */
export const SUPPORTED_ALGORITHMS: Readonly<Record<KeyType, readonly string[]>> = {
  RSA: ["RSASHA256", "RSASHA384", "RSASHA512"],
  EC: ["ECSHA256", "ECSHA384", "ECSHA512"],
};

export interface ReadCertificateDataFlags {
  readonly certificate?: string;
  readonly pkcs8Password?: string;
  readonly passphraseFile?: string;
}

/**
 * `anchorage read-certificate-data`: prints AWS's helper's compact JSON
 * `{"keyType":…,"certificateData":<base64 DER>,"serialNumber":<decimal>,"supportedAlgorithms":[…]}`
 * for the first certificate of the file, with no trailing newline. Resolves to the exit code.
 */
export async function runReadCertificateData(flags: ReadCertificateDataFlags, io: CliIo): Promise<number> {
  try {
    const { certificate } = await loadCertificateOnly({
      certificate: flags.certificate as string, // undefined: the loader says "pass --certificate"
      passphrase: flags.pkcs8Password,
      passphraseFile: flags.passphraseFile,
      env: io.env,
    });
    const algorithms = SUPPORTED_ALGORITHMS[certificate.keyType].map(goJsonString).join(",");
    io.stdout.write(
      `{"keyType":${goJsonString(certificate.keyType)},"certificateData":${goJsonString(certificate.der.toString("base64"))},"serialNumber":${goJsonString(certificate.serialDecimal)},"supportedAlgorithms":[${algorithms}]}`,
    );
    return 0;
  } catch (error) {
    io.stderr.write(failureLine("read-certificate-data", error));
    return 1;
  }
}
