// Public surface of @anchorage/pki; see README.md. Issuance lives in "@anchorage/pki/issue" (it
// loads @peculiar/x509): import it lazily, e.g. through loadIssuance(), never on the hot path.
import type * as IssuanceModule from "./issue/index.js";
export { parseCertificate, serialHexOf, describeCertificate, type ParsedCertificate } from "./certificate.js";
export type { DistinguishedName, NameAttribute } from "./distinguished-name.js";
export type { GeneralName } from "./general-name.js";
export type { Defect, Extension, KeyUsageBit } from "./extensions.js";
export type { PublicKeyInfo, PublicKeyType } from "./public-key.js";
export type { SignatureAlgorithm } from "./signature-algorithm.js";
export { PKI_ERRORS, PATH_ERROR_CODES, PkiError, type PkiErrorCode, type PathErrorCode } from "./errors.js";
export { parsePem, formatPem, parseCertificatePems, type PemBlock } from "./pem.js";
export { PkiCache, sharedPkiCache, type PkiCacheOptions } from "./pki-cache.js";
export {
  TrustAnchorSet,
  parseTrustAnchorBundle,
  createTrustAnchorSet,
  trustAnchorProblems,
  type TrustAnchorOptions,
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
  parseCrlBundle,
  verifyCrlSignature,
  CRL_REASONS,
  type ParsedCrl,
  type CrlEntry,
  type CrlReason,
  type CrlSignatureCheck,
} from "./crl.js";
export { RevocationIndex, type RevocationHit, type StaleCrl } from "./revocation-index.js";
export {
  lintCertificate,
  EXPIRY_WARNING_DAYS,
  LEAF_MAX_DAYS,
  ANCHOR_MAX_DAYS,
  type LintFinding,
  type LintOptions,
  type LintRole,
} from "./lint.js";
export {
  certificateAttributes,
  isSessionTagValue,
  RDN_SHORT_NAMES,
  type Attribute,
  type CertificateAttributes,
} from "./certificate-attributes.js";
export { sourceIdentity, defaultRoleSessionName, subjectCommonName } from "./session-identity.js";
export {
  compileAttributeMappings,
  DEFAULT_ATTRIBUTE_MAPPINGS,
  sessionTags,
  type AttributeMapping,
  type AttributeMappingFilter,
  type SessionTag,
} from "./session-tags.js";

/** Loads the issuance module (and @peculiar/x509) on first use. */
export const loadIssuance = (): Promise<typeof IssuanceModule> => import("./issue/index.js");
