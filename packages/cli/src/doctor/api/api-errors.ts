// How a failed admin call bears on a check: the resource is missing (a finding), the credentials
// may not look (the check is skipped with a note), the endpoint cannot be reached (skipped), or
// something else (a failure of the check, with the service's words).
import { TransportError } from "../../aws/http-send.js";
import { AwsApiError } from "../../aws/signed-request.js";

export type ApiProblemKind = "not-found" | "denied" | "unreachable" | "other";

export interface ApiProblem {
  readonly kind: ApiProblemKind;
  /** One line: the service's code and message, or the transport's. */
  readonly message: string;
}

const NOT_FOUND = new Set(["ResourceNotFoundException", "NoSuchEntity", "NoSuchEntityException"]);
const DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidSignatureException",
  "ExpiredToken",
  "ExpiredTokenException",
  "MissingAuthenticationToken",
  "MissingAuthenticationTokenException",
  "IncompleteSignature",
  "IncompleteSignatureException",
  "UnauthorizedOperation",
]);

/** Classifies an admin call's error; anything that is not an API or transport error is rethrown. */
export function apiProblem(error: unknown): ApiProblem {
  if (error instanceof AwsApiError) {
    const kind: ApiProblemKind = NOT_FOUND.has(error.code)
      ? "not-found"
      : DENIED.has(error.code) || error.status === 401 || error.status === 403
        ? "denied"
        : "other";
    return { kind, message: error.message };
  }
  if (error instanceof TransportError) return { kind: "unreachable", message: error.message };
  throw error;
}
