// What to do about each way path validation can fail (pki's PathErrorCode); the reason itself
// names the certificate and the check.
import type { PathErrorCode } from "@anchorage/pki";

export const PATH_FIXES: Readonly<Record<PathErrorCode, string>> = {
  Malformed: "re-issue the certificate named in the reason",
  InvalidCertificate:
    "re-issue the certificate named in the reason (anchorage cert lint shows every problem)",
  UnknownCriticalExtension: "re-issue the certificate without that critical extension",
  NoPathToAnchor:
    "pass the missing issuing CA certificate in --intermediates, or add it to the trust anchor's bundle (aws rolesanywhere update-trust-anchor), or use the trust anchor of the CA that issued the leaf",
  PathBuildingLimit: "send only the leaf's issuing CAs in --intermediates",
  PathLengthExceeded: "use fewer intermediate CAs, or CAs whose pathLenConstraint allows them",
  Expired: "renew the expired certificate named in the reason",
  NotYetValid: "wait until it is valid, or check the clock of this machine",
  BadSignature: "the named certificate was not signed by the CA it names: pass the right issuing CA",
  WeakSignatureAlgorithm: "re-issue the certificate with SHA-256 or stronger",
  UnsupportedAlgorithm: "re-issue the certificate with RSA or ECDSA and SHA-256 or stronger",
  WeakKey: "use RSA keys of 2048 bits or more, or EC P-256/P-384/P-521",
  NotACa: "the issuer must be a CA certificate (basicConstraints cA=TRUE)",
  KeyUsageMissing:
    "re-issue with the key usage named in the reason (keyCertSign on CAs, digitalSignature on the leaf)",
  LeafIsCa: "sign with a client (end-entity) certificate, not a CA certificate",
  NameConstraintViolation: "issue the certificate with names inside the CA's name constraints",
  PolicyViolation: "issue the certificate under a policy the CAs' policy constraints require",
  Revoked: "the certificate is revoked: issue a new one (anchorage cert issue)",
  RevocationCheckFailed:
    "import a usable CRL for that issuer (signed with its key, issuer with cRLSign), or disable the broken one",
};
