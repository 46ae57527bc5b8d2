// Values the PKI commands accept, for their --help and validation. Type-only imports: the command
// modules import this while registering, which must not load @anchorage/pki (a test keeps these
// lists equal to the library's).
import type { CrlReason, ValidationProfile } from "@anchorage/pki";
import type { KeyType } from "@anchorage/pki/issue";

export const KEY_TYPE_CHOICES = [
  "rsa2048",
  "rsa3072",
  "rsa4096",
  "p256",
  "p384",
] as const satisfies readonly KeyType[];
export const DEFAULT_KEY_TYPE: KeyType = "p256";

/** CRLReason names a user may give (`removeFromCRL` is for delta CRLs, which we do not write). */
export const REASON_CHOICES = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  "privilegeWithdrawn",
  "aACompromise",
] as const satisfies readonly CrlReason[];

export const PROFILE_CHOICES = ["roles-anywhere", "rfc5280"] as const satisfies readonly ValidationProfile[];

export const DEFAULT_CA_DIR = "./anchorage-ca";
