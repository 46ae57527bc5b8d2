/**
 * The steps of a CreateSession call, in order, each with the words that start its messages. A
 * {@link CreateSessionError} names the step that failed, so callers (the CLI's one stderr line,
 * `fromRolesAnywhere()`'s `CredentialsProviderError`) can say where things went wrong.
 */
export const CREATE_SESSION_STEPS = {
  configure: {
    prefix: "invalid configuration: ",
    what: "an ARN, the region, the endpoint, the duration or the session name is invalid (found before any I/O)",
  },
  "load-material": {
    prefix: "cannot load the signing material: ",
    what: "the certificate, the private key or the intermediates could not be read, decrypted or matched",
  },
  sign: {
    prefix: "cannot sign the CreateSession request: ",
    what: "the request could not be built or signed with the loaded key",
  },
  connect: {
    prefix: "cannot connect to ",
    what: "no HTTP response: DNS, TCP, proxy, TLS, a timeout or a dropped connection (retried)",
  },
  http: {
    prefix: "CreateSession failed: ",
    what: "the endpoint answered with an error status (5xx and throttling are retried)",
  },
  "parse-response": {
    prefix: "CreateSession returned an unusable response: ",
    what: "a success status whose body holds no usable credentials",
  },
} as const satisfies Record<string, { prefix: string; what: string }>;

export type CreateSessionStep = keyof typeof CREATE_SESSION_STEPS;

/** What a failed CreateSession call knows besides its step. */
export interface CreateSessionErrorDetails {
  /** HTTP status of the last response (`http`, `parse-response`). */
  readonly status?: number | undefined;
  /** The server's error type: `x-amzn-ErrorType`, else the JSON body's `__type` or `code`. */
  readonly errorType?: string | undefined;
  /** The server's error message: the JSON body's `message` or `Message`. */
  readonly serverMessage?: string | undefined;
  /** `x-amzn-RequestId` of the last response. */
  readonly requestId?: string | undefined;
  /** HTTP attempts made (0 when the call failed before sending anything). */
  readonly attempts?: number | undefined;
  readonly cause?: unknown;
}

/**
 * The one error type of {@link createSession}. `message` is one line that starts with the step's
 * words (`CreateSession failed: AccessDeniedException: Untrusted signing certificate (HTTP 403)`)
 * and never contains a key, a passphrase or credentials. The underlying error is kept as `cause`.
 *
 * @example
 * try { await createSession(options) }
 * catch (e) { if (e instanceof CreateSessionError && e.step === "http" && e.status === 403) … }
 */
export class CreateSessionError extends Error {
  override readonly name = "CreateSessionError";
  readonly step: CreateSessionStep;
  readonly status: number | undefined;
  readonly errorType: string | undefined;
  readonly serverMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly attempts: number;

  /** `detail` is the message after the step's prefix. */
  constructor(step: CreateSessionStep, detail: string, details: CreateSessionErrorDetails = {}) {
    super(oneLine(CREATE_SESSION_STEPS[step].prefix + detail, 2000), { cause: details.cause });
    this.step = step;
    this.status = details.status;
    this.errorType = details.errorType;
    this.serverMessage = details.serverMessage;
    this.requestId = details.requestId;
    this.attempts = details.attempts ?? 0;
  }
}

/** True for a {@link CreateSessionError}, also one from another copy of this package. */
export const isCreateSessionError = (e: unknown): e is CreateSessionError =>
  e instanceof CreateSessionError ||
  (e instanceof Error &&
    e.name === "CreateSessionError" &&
    typeof (e as { step?: unknown }).step === "string");

/**
 * Makes text from a server or a system error safe for a one-line message: control characters
 * become spaces, runs of white space collapse, and anything past `max` characters is cut with `…`.
 */
export function oneLine(text: string, max = 500): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/ {2,}/g, " ");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
