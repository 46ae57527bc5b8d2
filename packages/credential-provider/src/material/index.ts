// Public surface of key, certificate and chain loading. The package's src/index.ts re-exports this.
export { loadSigningMaterial } from "./load-signing-material.js";
export type { MaterialSource, SigningMaterial, SigningMaterialInit } from "./load-signing-material.js";
export { loadCertificateOnly } from "./load-certificate.js";
export type { CertificateInit, CertificateOnly } from "./load-certificate.js";
export type { LoadOptions } from "./load-options.js";
export type { LoadedCertificate } from "./certificate.js";
export { MATERIAL_ERRORS, MaterialError } from "./errors.js";
export type { MaterialErrorCode } from "./errors.js";
export { CLI_FLAG_NAMES } from "./input.js";
export type { FlagNames, MaterialInput } from "./input.js";
export type { EcCurve, KeyType } from "./key-policy.js";
export type { PassphraseOrigin, Prompt } from "./passphrase.js";
export type { PrivateKeyFormat } from "./private-key.js";
export type { ReadFile } from "./read-file.js";
export { publicKeyBytes, signStringTestMessage } from "./public-key-bytes.js";
export { ttyPrompt } from "./tty-prompt.js";
export { DEFAULT_PASSPHRASE_ENV, SIGN_STRING_TEST_TEXT, SIGN_STRING_TEST_VERSION } from "./constants.js";
