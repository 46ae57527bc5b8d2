import { parseLeafCertificate, readCertificateFile } from "./certificate.js";
import type { LoadedCertificate } from "./certificate.js";
import { MaterialError } from "./errors.js";
import { resolveInput } from "./input.js";
import type { MaterialInput } from "./input.js";
import { prepareOptions } from "./load-options.js";
import type { LoadOptions } from "./load-options.js";
import { isPkcs12, loadPkcs12Material } from "./load-signing-material.js";

export interface CertificateInit extends LoadOptions {
  /** A certificate file or content (PEM, DER, or a PKCS#12 bundle, which needs its password). */
  readonly certificate: MaterialInput;
}

/** A certificate on its own, for `read-certificate-data`. */
export interface CertificateOnly {
  readonly certificate: LoadedCertificate;
  /** The other certificates of the file (after the first) or of the PKCS#12 bundle, DER. */
  readonly otherCertificates: Buffer[];
  readonly source: { readonly certificate: string; readonly certificateFormat: "PEM" | "DER" | "PKCS#12" };
}

/**
 * Loads only the certificate: the first one of a PEM or DER file (as AWS's `read-certificate-data`
 * reports a bundle), or the certificate of a PKCS#12 bundle's key. No private key is needed, except
 * the one inside a PKCS#12 bundle, which picks its certificate.
 *
 * @example
 * const { certificate } = await loadCertificateOnly({ certificate: "pki/client.cert.pem" });
 * JSON.stringify({ keyType: certificate.keyType, serialNumber: certificate.serialDecimal });
 */
export async function loadCertificateOnly(init: CertificateInit): Promise<CertificateOnly> {
  const { flags, readFile, sources } = prepareOptions(init);
  if (init.certificate == null) {
    throw new MaterialError("MissingInput", `no certificate given; pass ${flags.certificate}`);
  }
  const input = await resolveInput(init.certificate, "certificate", flags.certificate, readFile);
  if (isPkcs12(input.bytes)) {
    const bundle = await loadPkcs12Material(input, flags, sources);
    return {
      certificate: bundle.certificate,
      otherCertificates: bundle.chain,
      source: { certificate: input.name, certificateFormat: "PKCS#12" },
    };
  }
  const file = readCertificateFile(input, flags.certificate);
  return {
    certificate: parseLeafCertificate(file.leaf, input.name, flags.certificate),
    otherCertificates: file.extras,
    source: { certificate: input.name, certificateFormat: file.format },
  };
}
