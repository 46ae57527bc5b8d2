/**
 * The one table of AWS4-X509 error codes. `kind` tells the server how to answer: `"validation"` →
 * ValidationException (400), `"signature"` → AccessDeniedException (403). README.md lists every code
 * (kept in step by errors.test.ts).
 */
export type X509ErrorKind = "validation" | "signature";

export const X509_REQUEST_ERRORS = {
  MissingAuthorization: { kind: "signature" },
  DuplicateHeader: { kind: "signature" },
  MissingHeader: { kind: "signature" },
  MalformedAuthorization: { kind: "signature" },
  UnsupportedAlgorithm: { kind: "signature" },
  MalformedCredential: { kind: "signature" },
  MalformedSignedHeaders: { kind: "signature" },
  MalformedSignature: { kind: "signature" },
  MalformedDate: { kind: "signature" },
  ScopeDateMismatch: { kind: "signature" },
  UnsignedRequiredHeader: { kind: "signature" },
  SignedHeaderAbsent: { kind: "signature" },
  MalformedCertificate: { kind: "signature" },
  ChainTooLong: { kind: "signature" },
  EmptyChainHeader: { kind: "signature" },
  UnsupportedKeyType: { kind: "signature" },
  AlgorithmKeyMismatch: { kind: "signature" },
  SerialMismatch: { kind: "signature" },
  WrongRegion: { kind: "signature" },
  RequestTimeTooSkewed: { kind: "signature" },
  SignatureMismatch: { kind: "signature" },
  InputTooLarge: { kind: "validation" },
  MalformedUrl: { kind: "validation" },
  MalformedBody: { kind: "validation" },
  UnsupportedMediaType: { kind: "validation" },
  MissingParameter: { kind: "validation" },
  InvalidParameter: { kind: "validation" },
  ConflictingParameter: { kind: "validation" },
} as const satisfies Record<string, { readonly kind: X509ErrorKind }>;

/** A stable error code of this package. */
export type X509RequestErrorCode = keyof typeof X509_REQUEST_ERRORS;

/**
 * The only error this package throws on bad input. `code` is stable (see README.md); `message` is one
 * line saying what was wrong and how to fix it, and never contains key material.
 */
export class X509RequestError extends Error {
  override readonly name = "X509RequestError";
  readonly code: X509RequestErrorCode;
  readonly kind: X509ErrorKind;

  constructor(code: X509RequestErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.kind = X509_REQUEST_ERRORS[code].kind;
  }
}

/** True when `error` is an {@link X509RequestError}, optionally with the given code. */
export function isX509RequestError(error: unknown, code?: X509RequestErrorCode): error is X509RequestError {
  return error instanceof X509RequestError && (code === undefined || error.code === code);
}

/** A short, quoted rendering of untrusted input for error messages (never more than `max` characters). */
export function quoteInput(value: string, max = 80): string {
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(shown);
}
