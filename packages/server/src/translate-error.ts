// Errors of the layers below the services (protocol codecs, store, policy language) turned into
// rows of the one error table. Services throw `AnchorageError`s with AWS's wording themselves; this
// is the fallback that keeps everything else from becoming a 500.
import { MalformedPolicyError } from "@anchorage/policy";
import { AnchorageError } from "./http/errors.js";
import {
  ModelSerializationError,
  ModelValidationError,
  QueryRequestError,
  UnknownOperationError,
} from "./protocol/index.js";
import {
  StoreConflictError,
  StoreInputError,
  StoreLimitError,
  StoreNotFoundError,
  StoreUnavailableError,
} from "./store/errors.js";

/** The table error for `error`, or `undefined` to leave it to the default (a logged 500). */
export function translateError(error: unknown): AnchorageError | undefined {
  const cause = { cause: error };
  if (error instanceof ModelValidationError) return new AnchorageError("Validation", error.message, cause);
  if (error instanceof ModelSerializationError)
    return new AnchorageError("Serialization", error.message, cause);
  if (error instanceof UnknownOperationError)
    return new AnchorageError("UnknownOperation", error.message, cause);
  if (error instanceof QueryRequestError) {
    const code =
      error.code === "MissingAction"
        ? "MissingAction"
        : error.code === "InvalidAction"
          ? "UnknownOperation"
          : "Validation";
    return new AnchorageError(code, error.message, cause);
  }
  if (error instanceof MalformedPolicyError) {
    return new AnchorageError("MalformedPolicyDocument", error.message, cause);
  }
  if (error instanceof StoreNotFoundError)
    return new AnchorageError("NotFound", `${capitalise(error.message)}.`, cause);
  if (error instanceof StoreConflictError) {
    if (error.reason === "busy") {
      return new AnchorageError(
        "Throttling",
        "A concurrent change to the same resource won; retry the request.",
        cause,
      );
    }
    const code = error.reason === "exists" ? "EntityAlreadyExists" : "DeleteConflict";
    return new AnchorageError(code, error.message, cause);
  }
  if (error instanceof StoreLimitError) return new AnchorageError("LimitExceeded", error.message, cause);
  if (error instanceof StoreInputError) return new AnchorageError("Validation", error.message, cause);
  if (error instanceof StoreUnavailableError) {
    return new AnchorageError(
      "ServiceUnavailable",
      "The database is unavailable; retry the request later.",
      cause,
    );
  }
  return undefined;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
