// Constants of key, certificate and chain loading; each value is spelled only here.

/** Environment variable read for the passphrase when none is given as a value or a file. */
export const DEFAULT_PASSPHRASE_ENV = "ANCHORAGE_PASSPHRASE";

/** Files larger than this are refused: certificates, keys and bundles are a few kilobytes. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** Wrong answers accepted at the passphrase prompt before giving up. */
export const PROMPT_ATTEMPTS = 3;

/** Smallest RSA modulus accepted, in bits. */
export const MIN_RSA_BITS = 2048;

/** The curves IAM Roles Anywhere signs with (ECDSA), by OpenSSL name → the name we print. */
export const SUPPORTED_CURVES = {
  prime256v1: "P-256",
  secp384r1: "P-384",
  secp521r1: "P-521",
} as const satisfies Record<string, string>;

/** Certificates accepted in an intermediates bundle or a PKCS#12 file. */
export const MAX_CHAIN_CERTIFICATES = 32;

/** Upper bound on PBKDF2 / PKCS#12 KDF iteration counts read from a file. */
export const MAX_KDF_ITERATIONS = 10_000_000;

/** Upper bound on the memory scrypt may use when decrypting a key (bytes). */
export const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024;

/**
 * `sign-string` of AWS's helper signs this ASCII text, then {@link SIGN_STRING_TEST_VERSION}, then
 * SHA-256(`IAM RA` ‖ public key bytes).
 */
export const SIGN_STRING_TEST_TEXT = "AWS Roles Anywhere Credential Helper Signing Test";
export const SIGN_STRING_TEST_VERSION = "1";
export const SIGN_STRING_KEY_PREFIX = "IAM RA";
