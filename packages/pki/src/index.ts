// Public surface of @anchorage/pki; see README.md.
export { parseCertificate, serialHexOf, describeCertificate, type ParsedCertificate } from "./certificate.js";
export { PKI_ERRORS, PATH_ERROR_CODES, PkiError, type PkiErrorCode, type PathErrorCode } from "./errors.js";
export { parsePem, formatPem, parseCertificatePems, type PemBlock } from "./pem.js";
export { PkiCache, sharedPkiCache, type PkiCacheOptions } from "./pki-cache.js";
export {
  TrustAnchorSet,
  parseTrustAnchorBundle,
  createTrustAnchorSet,
  trustAnchorProblems,
} from "./trust-anchors.js";
export {
  validatePath,
  DEFAULT_PATH_LIMITS,
  DEFAULT_MAX_DEPTH,
  HARD_MAX_INTERMEDIATES,
  type ValidatePathOptions,
  type PathValidationResult,
  type PathLimits,
  type CertificateRef,
  type ValidationProfile,
} from "./validate-path.js";
export {
  parseCrl,
  verifyCrlSignature,
  CRL_REASONS,
  type ParsedCrl,
  type CrlEntry,
  type CrlReason,
  type CrlSignatureCheck,
} from "./crl.js";
export { RevocationIndex, type RevocationHit, type StaleCrl } from "./revocation-index.js";
