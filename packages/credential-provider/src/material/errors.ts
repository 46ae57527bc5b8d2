/**
 * Every way loading a certificate, key or chain can fail, with what it means. A thrown
 * {@link MaterialError} carries one of these codes; its message is one line that names the file and
 * says how to fix it. The codes are stable: callers (the CLI, `fromRolesAnywhere()`) may branch on
 * them.
 */
export const MATERIAL_ERRORS = {
  MissingInput: "a required input (certificate or private key) was not given",
  FileNotFound: "a named file does not exist",
  FileUnreadable: "a named file exists but cannot be read (permissions, a directory, an I/O error)",
  FileTooLarge: "a named file is far larger than any certificate or key",
  NotACertificate: "the certificate input holds no parsable X.509 certificate",
  NotAPrivateKey: "the private key input holds no parsable private key",
  UnsupportedKeyFormat: "the key is in a container Anchorage cannot read (OpenSSH, TPM)",
  UnsupportedKeyType: "the key is not RSA ≥ 2048 bits or ECDSA on P-256, P-384 or P-521",
  UnsupportedKeyEncryption: "the key is encrypted with an algorithm node:crypto cannot decrypt",
  EncryptedKeyNeedsPassphrase: "the key is encrypted and no passphrase source was available",
  WrongPassphrase: "the passphrase does not decrypt the key or open the PKCS#12 bundle",
  PromptFailed: "the passphrase prompt was cancelled or its terminal closed",
  KeyCertificateMismatch: "the private key is not the key of the certificate",
  MalformedIntermediates: "the intermediates bundle holds something other than certificates",
  Pkcs12NeedsPassphrase: "the PKCS#12 bundle is password-protected and no passphrase was available",
  Pkcs12Malformed: "the PKCS#12 bundle cannot be parsed",
  Pkcs12NoMac: "the PKCS#12 bundle has no integrity MAC, so it cannot be checked",
  Pkcs12UnsupportedAlgorithm: "the PKCS#12 bundle uses a MAC or cipher Anchorage does not implement",
  Pkcs12NoPrivateKey: "the PKCS#12 bundle holds no private key",
  Pkcs12NoCertificate: "the PKCS#12 bundle holds no certificate",
  Pkcs12NoMatchingCertificate: "no certificate in the PKCS#12 bundle belongs to its private key",
  Pkcs12WithPrivateKey: "a PKCS#12 bundle and a separate private key were both given",
  Pkcs12WithIntermediates: "a PKCS#12 bundle and a separate intermediates bundle were both given",
  Pkcs11InvalidUri: "a pkcs11: URI is malformed (RFC 7512) or names the wrong object type",
  Pkcs11Unavailable: "the PKCS#11 binding (pkcs11js) or the PKCS#11 module cannot be loaded",
  Pkcs11NotFound: "no PKCS#11 token, certificate or key matches the URI",
  Pkcs11Ambiguous: "several PKCS#11 tokens, certificates or keys match the URI",
  Pkcs11NeedsPin: "the PKCS#11 token needs its PIN and no PIN source was available",
  Pkcs11WrongPin: "the token refused the PIN (not retried, so the token does not lock)",
  Pkcs11Failed: "a PKCS#11 call failed (session, login, signing) or the key needs a PIN per use",
} as const satisfies Record<string, string>;

export type MaterialErrorCode = keyof typeof MATERIAL_ERRORS;

/**
 * The one error type of key, certificate and chain loading. `message` is a single line naming the
 * file and the fix; it never contains key material or a passphrase. The underlying error (from
 * node:crypto or the file system) is kept as `cause`.
 *
 * @example
 * try { await loadSigningMaterial(init) }
 * catch (e) { if (e instanceof MaterialError && e.code === "WrongPassphrase") … }
 */
export class MaterialError extends Error {
  override readonly name = "MaterialError";

  constructor(
    readonly code: MaterialErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message.replace(/\s*\n\s*/g, " "), options);
  }
}
