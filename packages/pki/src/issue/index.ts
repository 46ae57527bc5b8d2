// @anchorage/pki/issue: creating CAs, client certificates and CRLs. This entry point loads
// @peculiar/x509; keep it out of the validation path (import it lazily where issuing is needed).
export { createCa, type CreateCaOptions, type CreatedCa, type IssuedCertificate } from "./create-ca.js";
export { issueCertificate, type IssueCertificateOptions, type SubjectAltNames } from "./issue-certificate.js";
export { createCrl, type CreateCrlOptions, type CreatedCrl, type CrlEntryInput } from "./create-crl.js";
export { KEY_TYPES, type KeyType } from "./keys.js";
export type { CaMaterial } from "./common.js";
export type { SubjectFields } from "./subject.js";
