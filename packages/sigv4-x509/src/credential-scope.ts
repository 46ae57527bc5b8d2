import { SCOPE_TERMINATOR } from "./constants.js";
import { X509RequestError, quoteInput } from "./errors.js";

/** The credential scope `date/region/service/aws4_request`. */
export interface CredentialScope {
  /** `YYYYMMDD`, the date part of `X-Amz-Date`. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/** A SigV4 `Credential=` value: `<id>/<scope>`; for AWS4-X509 the id is the leaf's decimal serial. */
export interface Credential {
  readonly id: string;
  readonly scope: CredentialScope;
}

const SCOPE_DATE = /^\d{8}$/;
const NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

function scopeProblem(scope: CredentialScope): string | undefined {
  if (!SCOPE_DATE.test(scope.date)) return `the scope date ${quoteInput(scope.date)} is not YYYYMMDD`;
  if (!NAME.test(scope.region))
    return `the region ${quoteInput(scope.region)} is not a region name like us-east-1 (lower-case letters, digits and dashes)`;
  if (!NAME.test(scope.service)) return `the service ${quoteInput(scope.service)} is not a service name`;
  return undefined;
}

/**
 * Formats `date/region/service/aws4_request`.
 *
 * @throws X509RequestError `InvalidParameter` when a part is malformed (e.g. an empty region).
 */
export function formatCredentialScope(scope: CredentialScope): string {
  const problem = scopeProblem(scope);
  if (problem !== undefined) throw new X509RequestError("InvalidParameter", `cannot sign: ${problem}`);
  return `${scope.date}/${scope.region}/${scope.service}/${SCOPE_TERMINATOR}`;
}

/**
 * Parses `date/region/service/aws4_request`.
 *
 * @throws X509RequestError `MalformedCredential`.
 */
export function parseCredentialScope(value: string): CredentialScope {
  const parts = value.split("/");
  if (parts.length !== 4) {
    throw new X509RequestError(
      "MalformedCredential",
      `credential scope ${quoteInput(value)} must have 4 parts YYYYMMDD/<region>/<service>/${SCOPE_TERMINATOR}; got ${parts.length}`,
    );
  }
  const [date, region, service, terminator] = parts as [string, string, string, string];
  if (terminator !== SCOPE_TERMINATOR) {
    throw new X509RequestError(
      "MalformedCredential",
      `credential scope must end with /${SCOPE_TERMINATOR}; got ${quoteInput(terminator)}`,
    );
  }
  const scope = { date, region, service };
  const problem = scopeProblem(scope);
  if (problem !== undefined)
    throw new X509RequestError("MalformedCredential", `malformed credential scope: ${problem}`);
  return scope;
}

/** Formats a `Credential=` value `<id>/<scope>`. */
export function formatCredential(credential: Credential): string {
  if (credential.id === "" || credential.id.includes("/")) {
    throw new X509RequestError(
      "InvalidParameter",
      `cannot sign: credential id ${quoteInput(credential.id)} is empty or has '/'`,
    );
  }
  return `${credential.id}/${formatCredentialScope(credential.scope)}`;
}

/**
 * Parses a `Credential=` value `<id>/<date>/<region>/<service>/aws4_request`.
 *
 * @throws X509RequestError `MalformedCredential`.
 */
export function parseCredential(value: string): Credential {
  const slash = value.indexOf("/");
  if (slash <= 0) {
    throw new X509RequestError(
      "MalformedCredential",
      `Credential ${quoteInput(value)} must be <serial>/YYYYMMDD/<region>/rolesanywhere/${SCOPE_TERMINATOR}`,
    );
  }
  return { id: value.slice(0, slash), scope: parseCredentialScope(value.slice(slash + 1)) };
}
