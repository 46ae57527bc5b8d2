// The Credential of a SigV4 request: AccessKeyId/yyyymmdd/region/service/aws4_request.
import { AnchorageError } from "../http/errors.js";
import { LIMITS, SCOPE_TERMINATOR } from "./constants.js";

/** A parsed Credential value. */
export interface Credential {
  readonly accessKeyId: string;
  /** The scope date, `yyyymmdd`. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

const ACCESS_KEY_ID = /^\w+$/;
const SCOPE_DATE = /^\d{8}$/;
const NAME = /^[a-z0-9][a-z0-9-]*$/;
const MAX_NAME_LENGTH = 64;

/** Parses a Credential value; malformed → IncompleteSignature saying which part is wrong. */
export function parseCredential(value: string): Credential {
  const parts = value.split("/");
  if (parts.length !== 5) {
    throw incomplete(
      `Credential must have 5 slash-separated parts (AccessKeyId/yyyymmdd/region/service/${SCOPE_TERMINATOR}), not ${parts.length}.`,
    );
  }
  const [accessKeyId = "", date = "", region = "", service = "", terminator = ""] = parts;
  if (
    accessKeyId.length === 0 ||
    accessKeyId.length > LIMITS.accessKeyIdLength ||
    !ACCESS_KEY_ID.test(accessKeyId)
  ) {
    throw incomplete(
      `Credential must start with an access key id of 1 to ${LIMITS.accessKeyIdLength} letters, digits or underscores.`,
    );
  }
  if (!SCOPE_DATE.test(date))
    throw incomplete(`Credential scope date must be yyyymmdd, not '${clip(date)}'.`);
  if (!isName(region)) throw incomplete(`Credential scope region '${clip(region)}' is not a region name.`);
  if (!isName(service))
    throw incomplete(`Credential scope service '${clip(service)}' is not a service name.`);
  if (terminator !== SCOPE_TERMINATOR) {
    throw incomplete(
      `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${clip(terminator)}'.`,
    );
  }
  return { accessKeyId, date, region, service };
}

/** Formats a Credential value (the inverse of {@link parseCredential}). */
export function formatCredential(credential: Credential): string {
  return `${credential.accessKeyId}/${credentialScope(credential)}`;
}

/** The credential scope of the string to sign: `yyyymmdd/region/service/aws4_request`. */
export function credentialScope(credential: Omit<Credential, "accessKeyId">): string {
  return `${credential.date}/${credential.region}/${credential.service}/${SCOPE_TERMINATOR}`;
}

const isName = (text: string) => text.length <= MAX_NAME_LENGTH && NAME.test(text);

/** At most 64 characters of client input, for messages. */
export const clip = (text: string): string => (text.length > 64 ? `${text.slice(0, 64)}…` : text);

const incomplete = (message: string) => new AnchorageError("IncompleteSignature", message);
