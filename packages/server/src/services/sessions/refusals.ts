// The one table of CreateSession's steps and refusals (STYLE.md §8). Every refusal has a stable,
// machine-readable code (`doctor` and scripts read it), the step of the pipeline that found it, and
// the answer AWS gives: by default the client sees only AWS's terse message ("Untrusted signing
// certificate", "Invalid signature", …, which leaks nothing about this account to a caller that
// has not proved it holds a certificate of it); the precise reason always goes to the log line of
// the request, and into the response message too when the server runs with --explain-errors.
import type { PathErrorCode } from "@anchorage/pki";
import type { X509RequestErrorCode } from "@anchorage/sigv4-x509";
import type { ErrorCode } from "../../http/errors.js";

/** The steps of CreateSession, in the order they run (DESIGN.md "The main path: CreateSession"). */
export const CREATE_SESSION_STEPS = {
  request: "read the request: URL, headers, body, AWS4-X509 Authorization and certificates",
  signature: "verify the AWS4-X509 signature with the public key of the certificate in X-Amz-X509",
  parameters:
    "read the CreateSession parameters (ARNs, durationSeconds, roleSessionName, instanceProperties)",
  "trust-anchor": "find the trust anchor named by trustAnchorArn in this account and region; enabled?",
  "certificate-path": "validate the certificate path to the trust anchor, with its enabled CRLs",
  profile: "find the profile named by profileArn; enabled? is roleArn one of its roles?",
  role: "find the role named by roleArn; is the session duration within its MaxSessionDuration?",
  session: "session name, session tags, source identity and session policies",
  "trust-policy": "the role's trust policy allows rolesanywhere.amazonaws.com each of its three actions",
  credentials: "mint the temporary credentials",
} as const;

export type CreateSessionStep = keyof typeof CREATE_SESSION_STEPS;

/**
 * What the client is told. `message: undefined` sends the precise reason itself (validation
 * errors, worded like AWS's model validation); otherwise the fixed message, with the reason
 * appended only under --explain-errors.
 */
export const ANSWERS = {
  validation: { error: "Validation", message: undefined },
  "invalid-signature": { error: "AccessDenied", message: "Invalid signature" },
  "untrusted-certificate": { error: "AccessDenied", message: "Untrusted signing certificate" },
  "not-authorized": { error: "AccessDenied", message: "Not authorized to perform sts:AssumeRole" },
  "role-session-name": {
    error: "AccessDenied",
    message:
      "Not authorized to set roleSessionName. The profile must accept role session names (acceptRoleSessionName).",
  },
  "max-session-duration": {
    error: "Validation",
    message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
  },
} as const satisfies Record<string, { readonly error: ErrorCode; readonly message: string | undefined }>;

export type Answer = keyof typeof ANSWERS;

interface RefusalRow {
  readonly step: CreateSessionStep;
  readonly answer: Answer;
}

/** The refusals of AWS4-X509 parsing and verification (codes of @anchorage/sigv4-x509). */
const SIGV4_REFUSALS = {
  // Malformed signing material: AWS answers "Invalid signature".
  MissingAuthorization: { step: "request", answer: "invalid-signature" },
  DuplicateHeader: { step: "request", answer: "invalid-signature" },
  MissingHeader: { step: "request", answer: "invalid-signature" },
  MalformedAuthorization: { step: "request", answer: "invalid-signature" },
  MalformedCredential: { step: "request", answer: "invalid-signature" },
  MalformedSignedHeaders: { step: "request", answer: "invalid-signature" },
  MalformedSignature: { step: "request", answer: "invalid-signature" },
  MalformedDate: { step: "request", answer: "invalid-signature" },
  ScopeDateMismatch: { step: "request", answer: "invalid-signature" },
  UnsignedRequiredHeader: { step: "request", answer: "invalid-signature" },
  SignedHeaderAbsent: { step: "request", answer: "invalid-signature" },
  MalformedCertificate: { step: "request", answer: "invalid-signature" },
  ChainTooLong: { step: "request", answer: "invalid-signature" },
  EmptyChainHeader: { step: "request", answer: "invalid-signature" },
  // An algorithm or key we do not support: a clear ValidationException (issue 6).
  UnsupportedAlgorithm: { step: "request", answer: "validation" },
  UnsupportedKeyType: { step: "signature", answer: "validation" },
  // Bounds and syntax of the request itself.
  InputTooLarge: { step: "request", answer: "validation" },
  MalformedUrl: { step: "request", answer: "validation" },
  // The signature.
  AlgorithmKeyMismatch: { step: "signature", answer: "invalid-signature" },
  SerialMismatch: { step: "signature", answer: "invalid-signature" },
  WrongRegion: { step: "signature", answer: "invalid-signature" },
  RequestTimeTooSkewed: { step: "signature", answer: "invalid-signature" },
  SignatureMismatch: { step: "signature", answer: "invalid-signature" },
  // The parameters (read once the signature verified).
  MalformedBody: { step: "parameters", answer: "validation" },
  UnsupportedMediaType: { step: "parameters", answer: "validation" },
  MissingParameter: { step: "parameters", answer: "validation" },
  InvalidParameter: { step: "parameters", answer: "validation" },
  ConflictingParameter: { step: "parameters", answer: "validation" },
} as const satisfies Record<X509RequestErrorCode, RefusalRow>;

/**
 * The refusals of path validation: the codes of @anchorage/pki, except its UnsupportedAlgorithm (of
 * a certificate), which is UnsupportedCertificateAlgorithm here (the request's algorithm has the
 * sigv4 code).
 */
const PATH_REFUSALS = {
  Malformed: { step: "certificate-path", answer: "untrusted-certificate" },
  InvalidCertificate: { step: "certificate-path", answer: "untrusted-certificate" },
  UnknownCriticalExtension: { step: "certificate-path", answer: "untrusted-certificate" },
  NoPathToAnchor: { step: "certificate-path", answer: "untrusted-certificate" },
  PathBuildingLimit: { step: "certificate-path", answer: "untrusted-certificate" },
  PathLengthExceeded: { step: "certificate-path", answer: "untrusted-certificate" },
  Expired: { step: "certificate-path", answer: "untrusted-certificate" },
  NotYetValid: { step: "certificate-path", answer: "untrusted-certificate" },
  BadSignature: { step: "certificate-path", answer: "untrusted-certificate" },
  WeakSignatureAlgorithm: { step: "certificate-path", answer: "untrusted-certificate" },
  UnsupportedCertificateAlgorithm: { step: "certificate-path", answer: "untrusted-certificate" },
  WeakKey: { step: "certificate-path", answer: "untrusted-certificate" },
  NotACa: { step: "certificate-path", answer: "untrusted-certificate" },
  KeyUsageMissing: { step: "certificate-path", answer: "untrusted-certificate" },
  LeafIsCa: { step: "certificate-path", answer: "untrusted-certificate" },
  NameConstraintViolation: { step: "certificate-path", answer: "untrusted-certificate" },
  PolicyViolation: { step: "certificate-path", answer: "untrusted-certificate" },
  Revoked: { step: "certificate-path", answer: "untrusted-certificate" },
  RevocationCheckFailed: { step: "certificate-path", answer: "untrusted-certificate" },
} as const satisfies Record<
  Exclude<PathErrorCode, "UnsupportedAlgorithm"> | "UnsupportedCertificateAlgorithm",
  RefusalRow
>;

/** Every refusal: code → step and answer. */
export const REFUSALS = {
  ...SIGV4_REFUSALS,
  ...PATH_REFUSALS,

  TrustAnchorNotInThisAccount: { step: "trust-anchor", answer: "untrusted-certificate" },
  TrustAnchorNotFound: { step: "trust-anchor", answer: "untrusted-certificate" },
  TrustAnchorDisabled: { step: "trust-anchor", answer: "untrusted-certificate" },
  TrustAnchorUnusable: { step: "trust-anchor", answer: "untrusted-certificate" },

  ProfileNotInThisAccount: { step: "profile", answer: "not-authorized" },
  ProfileNotFound: { step: "profile", answer: "not-authorized" },
  ProfileDisabled: { step: "profile", answer: "not-authorized" },
  RoleNotInProfile: { step: "profile", answer: "not-authorized" },

  RoleNotInThisAccount: { step: "role", answer: "not-authorized" },
  RoleNotFound: { step: "role", answer: "not-authorized" },
  DurationExceedsRoleMaximum: { step: "role", answer: "max-session-duration" },

  RoleSessionNameNotAccepted: { step: "session", answer: "role-session-name" },
  TooManySessionTags: { step: "session", answer: "validation" },
  SessionPolicyNotFound: { step: "session", answer: "validation" },
  SessionPoliciesTooLarge: { step: "session", answer: "validation" },
  PackedPolicyTooLarge: { step: "session", answer: "validation" },

  TrustPolicyDenied: { step: "trust-policy", answer: "not-authorized" },
} as const satisfies Record<string, RefusalRow>;

/** A stable, machine-readable refusal code. */
export type RefusalCode = keyof typeof REFUSALS;

/** The refusal code of a path validation failure. */
export const pathRefusalCode = (code: PathErrorCode): RefusalCode =>
  code === "UnsupportedAlgorithm" ? "UnsupportedCertificateAlgorithm" : code;

/** Whether `code` is one of {@link REFUSALS} (for codes read back from a message or a log). */
export const isRefusalCode = (code: string): code is RefusalCode => Object.hasOwn(REFUSALS, code);
