// The one error table of @anchorage/pki. Path validation results, thrown parse errors and
// issuance errors all use these codes; README.md documents each one (a test keeps them in step).

export const PKI_ERRORS = {
  // --- path validation ---------------------------------------------------------------------
  Malformed: {
    path: true,
    summary: "a certificate is not well-formed DER X.509 (or one of its extensions is not)",
  },
  InvalidCertificate: {
    path: true,
    summary:
      "a certificate breaks an RFC 5280 / Roles Anywhere profile rule (serial, empty names, version, …)",
  },
  UnknownCriticalExtension: {
    path: true,
    summary: "a certificate in the path has a critical extension we do not know",
  },
  NoPathToAnchor: {
    path: true,
    summary: "no chain from the leaf to a certificate of the trust anchor could be built",
  },
  PathBuildingLimit: {
    path: true,
    summary: "path building or name-constraint checking gave up: the input exceeds the work bounds",
  },
  PathLengthExceeded: {
    path: true,
    summary: "the path has more intermediates than a pathLenConstraint or the maximum depth allows",
  },
  Expired: { path: true, summary: "a certificate in the path is past its notAfter at the validation time" },
  NotYetValid: {
    path: true,
    summary: "a certificate in the path is before its notBefore at the validation time",
  },
  BadSignature: {
    path: true,
    summary: "a certificate's signature does not verify with its issuer's public key",
  },
  WeakSignatureAlgorithm: { path: true, summary: "a certificate is signed with MD5, SHA-1 or SHA-224" },
  UnsupportedAlgorithm: {
    path: true,
    summary: "a signature or key algorithm this validator does not accept",
  },
  WeakKey: {
    path: true,
    summary: "an RSA key shorter than 2048 bits or an elliptic curve other than P-256/384/521",
  },
  NotACa: { path: true, summary: "an issuing certificate lacks basicConstraints cA=TRUE" },
  KeyUsageMissing: {
    path: true,
    summary: "an issuer lacks keyCertSign (or cRLSign for a CRL), or the leaf lacks digitalSignature",
  },
  LeafIsCa: { path: true, summary: "the end-entity certificate is a CA (basicConstraints cA=TRUE)" },
  NameConstraintViolation: { path: true, summary: "a name in the path is outside a CA's name constraints" },
  PolicyViolation: {
    path: true,
    summary: "policy constraints require an explicit policy the path does not carry",
  },
  Revoked: { path: true, summary: "a certificate in the path is listed on its issuer's CRL" },
  RevocationCheckFailed: { path: true, summary: "an imported CRL for an issuer in the path cannot be used" },
  // --- inputs that are not certificates/CRLs ---------------------------------------------
  InvalidTrustAnchor: {
    path: false,
    summary: "a trust anchor bundle certificate is not a usable CA certificate",
  },
  InvalidPem: { path: false, summary: "the text is not PEM of the expected kind" },
  NotACrl: { path: false, summary: "the data is not an X.509 CRL (or not a well-formed one)" },
  // --- issuance ----------------------------------------------------------------------------
  InvalidIssuanceRequest: {
    path: false,
    summary: "an issuance request has invalid or inconsistent parameters",
  },
  BadCsr: {
    path: false,
    summary: "a certificate signing request is malformed or its signature does not verify",
  },
} as const satisfies Record<string, { path: boolean; summary: string }>;

export type PkiErrorCode = keyof typeof PKI_ERRORS;

/** The codes a path validation can fail with. */
export type PathErrorCode = {
  [K in PkiErrorCode]: (typeof PKI_ERRORS)[K]["path"] extends true ? K : never;
}[PkiErrorCode];

/** Errors thrown by this package's parsers and issuers; `code` is a row of {@link PKI_ERRORS}. */
export class PkiError extends Error {
  override readonly name = "PkiError";
  constructor(
    readonly code: PkiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const PATH_ERROR_CODES: readonly PathErrorCode[] = (Object.keys(PKI_ERRORS) as PkiErrorCode[]).filter(
  (k): k is PathErrorCode => PKI_ERRORS[k].path,
);
