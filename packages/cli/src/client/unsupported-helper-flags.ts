// Flags of AWS's aws_signing_helper that Anchorage does not implement. Someone switching their
// credential_process line over may still pass one; instead of "unknown option" they are told what
// the flag is for and what to use instead.

const FILES_OR_PKCS11 =
  "pass the certificate and key as files (--certificate, --private-key) or as pkcs11: URIs";
const SYSTEM_STORE = `anchorage does not read the Windows certificate store or the macOS Keychain: ${FILES_OR_PKCS11}`;
const TPM =
  "anchorage does not load TPM 2.0 (TSS2) keys: use a key file, or reach the TPM through a PKCS#11 " +
  "module such as tpm2-pkcs11 (--private-key pkcs11:…)";

/** The helper's flags Anchorage refuses, each with why and what to do instead. */
export const UNSUPPORTED_HELPER_FLAGS: Readonly<Record<string, string>> = {
  "cert-selector": `--cert-selector picks a certificate from a system store; ${SYSTEM_STORE}`,
  "system-store-name": `--system-store-name names a Windows certificate store; ${SYSTEM_STORE}`,
  "use-latest-expiring-certificate": `--use-latest-expiring-certificate chooses among the certificates of a system store; ${SYSTEM_STORE}`,
  "tpm-key-password": `--tpm-key-password is the password of a TPM key; ${TPM}`,
  "no-tpm-key-password": `--no-tpm-key-password is for TPM keys without a password; ${TPM}`,
};

/** The helper's subcommands that take the flags above. */
export const HELPER_SUBCOMMANDS: ReadonlySet<string> = new Set([
  "credential-process",
  "sign-string",
  "read-certificate-data",
  "serve",
  "update",
]);

/**
 * The message for the first unsupported helper flag in `args` (`--flag` or `--flag=value`, before
 * a `--`), or undefined when there is none.
 */
export function unsupportedHelperFlag(args: readonly string[]): string | undefined {
  for (const arg of args) {
    if (arg === "--") return undefined;
    if (!arg.startsWith("--")) continue;
    const equals = arg.indexOf("=");
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    if (Object.hasOwn(UNSUPPORTED_HELPER_FLAGS, name)) return UNSUPPORTED_HELPER_FLAGS[name];
  }
  return undefined;
}
