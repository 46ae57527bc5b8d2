import { CreateSessionError } from "./create-session-error.js";

/** The temporary credentials of a CreateSession response, as the server wrote them. */
export interface SessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Verbatim from the response (`credential-process` prints it unchanged), e.g. `2045-01-01T00:00:00Z`. */
  readonly expiration: string;
}

/** What a successful CreateSession returns (`credentialSet[0]` and the subject). */
export interface SessionResponse {
  readonly credentials: SessionCredentials;
  readonly assumedRoleUser?: { readonly arn: string; readonly assumedRoleId: string };
  readonly roleArn?: string;
  readonly sourceIdentity?: string;
  readonly packedPolicySize?: number;
  readonly subjectArn?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const optionalString = (o: Json, key: string): string | undefined =>
  typeof o[key] === "string" ? o[key] : undefined;

/** Where the body came from, for the error's fields. */
export interface ResponseContext {
  readonly status: number;
  readonly requestId?: string | undefined;
  readonly attempts?: number | undefined;
}

function unusable(detail: string, context: ResponseContext, cause?: unknown): CreateSessionError {
  return new CreateSessionError("parse-response", detail, { ...context, cause });
}

/**
 * Reads the credentials out of a successful CreateSession body: `credentialSet[0].credentials`, with
 * every field a non-empty string and `expiration` a date. An empty `credentialSet` is refused, as
 * AWS's helper refuses it ("unable to obtain temporary security credentials from CreateSession").
 * Messages never quote the credentials.
 *
 * @example
 * parseSessionResponse(Buffer.from(body), { status: 201 }).credentials.expiration // "2045-01-01T00:00:00Z"
 *
 * @throws CreateSessionError with step `parse-response`.
 */
export function parseSessionResponse(body: Buffer, context: ResponseContext): SessionResponse {
  const { status } = context;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (cause) {
    throw unusable(`the HTTP ${status} body is not JSON (${body.length} bytes)`, context, cause);
  }
  if (!isObject(parsed)) throw unusable(`the HTTP ${status} body is not a JSON object`, context);
  const set = parsed.credentialSet;
  if (!Array.isArray(set)) throw unusable(`the HTTP ${status} body has no credentialSet`, context);
  if (set.length === 0) {
    throw unusable(
      "no credentials were issued (credentialSet is empty); check the profile and role on the server",
      context,
    );
  }
  const entry: unknown = set[0];
  if (!isObject(entry) || !isObject(entry.credentials)) {
    throw unusable("credentialSet[0] has no credentials object", context);
  }
  const c = entry.credentials;
  const fields = ["accessKeyId", "secretAccessKey", "sessionToken", "expiration"] as const;
  for (const field of fields) {
    if (typeof c[field] !== "string" || c[field] === "") {
      throw unusable(`credentialSet[0].credentials.${field} is missing or not a string`, context);
    }
  }
  const credentials = c as unknown as SessionCredentials;
  if (Number.isNaN(Date.parse(credentials.expiration))) {
    throw unusable(
      `credentialSet[0].credentials.expiration ${JSON.stringify(credentials.expiration.slice(0, 40))} is not a date`,
      context,
    );
  }
  const user = entry.assumedRoleUser;
  const response: { -readonly [K in keyof SessionResponse]: SessionResponse[K] } = {
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: credentials.expiration,
    },
  };
  if (isObject(user) && typeof user.arn === "string" && typeof user.assumedRoleId === "string") {
    response.assumedRoleUser = { arn: user.arn, assumedRoleId: user.assumedRoleId };
  }
  const roleArn = optionalString(entry, "roleArn");
  if (roleArn !== undefined) response.roleArn = roleArn;
  const sourceIdentity = optionalString(entry, "sourceIdentity");
  if (sourceIdentity !== undefined) response.sourceIdentity = sourceIdentity;
  if (typeof entry.packedPolicySize === "number") response.packedPolicySize = entry.packedPolicySize;
  const subjectArn = optionalString(parsed, "subjectArn");
  if (subjectArn !== undefined) response.subjectArn = subjectArn;
  return response;
}
