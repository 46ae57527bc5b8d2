// The server's logger: JSON lines through pino, with secrets redacted however they are logged.
//
// Rules (see README.md): never log a request or response body; never log a secret access key,
// session token, private key or passphrase; URLs are logged with the values of presigned-URL
// secrets (X-Amz-Signature, X-Amz-Security-Token) replaced. Certificates and access key ids are
// public and may be logged.
import { pino, type Logger, type LoggerOptions } from "pino";

/** What is written in place of a redacted value. */
export const REDACTED = "[redacted]";

/** Query parameters whose values are secrets (compared case-insensitively). */
const SECRET_QUERY_PARAMETERS = new Set(["x-amz-signature", "x-amz-security-token"]);

/** Object paths pino replaces with {@link REDACTED} wherever a log line contains them. */
export const REDACT_PATHS: readonly string[] = [
  ...["headers", "req.headers", "request.headers", "res.headers", "reply.headers"].flatMap((h) => [
    `${h}.authorization`,
    `${h}["x-amz-security-token"]`,
    `${h}.cookie`,
  ]),
  ...[
    "secretAccessKey",
    "SecretAccessKey",
    "sessionToken",
    "SessionToken",
    "password",
    "passphrase",
    "privateKey",
  ].flatMap((key) => [key, `*.${key}`]),
];

/** `url` with the values of secret presigned-URL parameters replaced by {@link REDACTED}. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return SECRET_QUERY_PARAMETERS.has(safeDecode(name).toLowerCase()) ? `${name}=${REDACTED}` : pair;
    });
  return `${url.slice(0, q)}?${params.join("&")}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Not valid percent-encoding: compare the raw text (it cannot spell a secret name encoded).
    return text;
  }
}

interface RequestLike {
  readonly method?: unknown;
  readonly url?: unknown;
  readonly ip?: unknown;
}

const serializers = {
  req: (req: RequestLike) => ({
    method: req.method,
    url: typeof req.url === "string" ? redactUrl(req.url) : undefined,
    remoteAddress: req.ip,
  }),
  err: pino.stdSerializers.errWithCause,
};

/**
 * The server's logger: `log` is a pino logger (the redaction rules are added to a child of it) or
 * pino options (a new logger writing JSON lines to stdout).
 */
export function createLogger(log: Logger | LoggerOptions): Logger {
  const redact = { paths: [...REDACT_PATHS], censor: REDACTED };
  if (isLogger(log)) return log.child({}, { redact, serializers });
  return pino({ ...log, redact, serializers: { ...log.serializers, ...serializers } });
}

function isLogger(log: Logger | LoggerOptions): log is Logger {
  return typeof (log as Partial<Logger>).child === "function";
}
