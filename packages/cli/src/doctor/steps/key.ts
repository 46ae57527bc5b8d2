// Step `key`: the private key loads (decrypted with the passphrase when it is encrypted) and is the
// certificate's key — with the same loader `credential-process` uses, so what passes here loads
// there. The intermediates are the `chain` step's business and are not loaded here.
import { loadSigningMaterial, MaterialError, type MaterialErrorCode } from "@anchorage/credential-provider";
import { parseCertificate } from "@anchorage/pki";
import type { DoctorContext } from "../context.js";
import { fail, pass, skip, type DoctorStep, type StepOutcome } from "../step.js";

/** Where the passphrase came from, in the flags' words. */
const PASSPHRASE_FROM = {
  value: "--pkcs8-password",
  file: "--passphrase-file",
  env: "ANCHORAGE_PASSPHRASE",
  prompt: "the prompt",
} as const;

/** How to fix each way loading can fail (the loader's message says what was found). */
const FIXES: Partial<Record<MaterialErrorCode, string>> = {
  MissingInput: "pass --private-key with the certificate's key (or a PKCS#12 bundle to --certificate)",
  WrongPassphrase:
    "give the key's passphrase: --pkcs8-password, --passphrase-file FILE or ANCHORAGE_PASSPHRASE",
  EncryptedKeyNeedsPassphrase:
    "the key is encrypted: pass --passphrase-file FILE (or --pkcs8-password, or set ANCHORAGE_PASSPHRASE)",
  Pkcs12NeedsPassphrase: "pass the bundle's password: --passphrase-file FILE or --pkcs8-password",
  KeyCertificateMismatch:
    "pass the key the certificate was issued for (--private-key), or that key's certificate",
  NotAPrivateKey: "pass the private key file (PEM or DER; PKCS#8, PKCS#1 or SEC1) to --private-key",
  UnsupportedKeyType: "use an RSA (2048 bits or more) or EC P-256/P-384/P-521 key",
  UnsupportedKeyFormat: "convert the key to PKCS#8 PEM (openssl pkcs8 -topk8)",
};

export const keyStep: DoctorStep<DoctorContext> = {
  id: "key",
  title: "private key matches the certificate",
  async run(context): Promise<StepOutcome> {
    const m = context.config.material;
    if (context.facts.filesReadable !== true) return skip("needs the files (see files)");
    try {
      const material = await loadSigningMaterial({
        certificate: m.certificate,
        privateKey: m.privateKey,
        passphrase: m.passphrase,
        passphraseFile: m.passphraseFile,
        pkcs11Module: m.pkcs11Lib,
        reusePin: m.reusePin,
        env: context.env,
        readFile: context.readFile,
        stdinIsTTY: context.interactive,
      });
      context.facts.material = material;
      context.facts.leaf ??= {
        loaded: material.certificate,
        parsed: parseCertificate(material.certificate.der),
      };
      const { source, certificate } = material;
      const keyText = `${certificate.keyType}${certificate.curve === undefined ? "" : ` ${certificate.curve}`}`;
      const decrypted =
        source.passphraseFrom === undefined
          ? ""
          : `, decrypted with the passphrase from ${PASSPHRASE_FROM[source.passphraseFrom]}`;
      return pass(
        `the private key (${keyText}, ${source.privateKeyFormat}${decrypted}) is the key of "${context.facts.leaf.parsed.subject.text}"`,
      );
    } catch (error) {
      if (!(error instanceof MaterialError)) throw error;
      return fail(error.message, FIXES[error.code] ?? "see the message: it names the file and what is wrong");
    }
  },
};
