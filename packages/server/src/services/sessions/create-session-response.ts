// The body of a successful CreateSession (HTTP 201), exactly as AWS's (spec §4.1): one element in
// `credentialSet`, `expiration` in RFC 3339 with whole seconds (`2024-01-01T13:00:00Z`), then
// `subjectArn`. Members in AWS's order. `parseCreateSessionResponse` reads one back (tests, tools).

/** One `credentialSet` element. */
export interface CredentialSetEntry {
  readonly assumedRoleUser: { readonly arn: string; readonly assumedRoleId: string };
  readonly credentials: {
    readonly accessKeyId: string;
    readonly expiration: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string;
  };
  readonly packedPolicySize: number;
  readonly roleArn: string;
  readonly sourceIdentity: string;
}

export interface CreateSessionResponse {
  readonly credentialSet: readonly CredentialSetEntry[];
  readonly subjectArn: string;
}

/** `2024-01-01T13:00:00Z`: RFC 3339, UTC, whole seconds. */
export const formatExpiration = (at: Date): string => `${at.toISOString().slice(0, 19)}Z`;

/** The JSON text of a response, members in AWS's order. */
export function formatCreateSessionResponse(response: CreateSessionResponse): string {
  return JSON.stringify({
    credentialSet: response.credentialSet.map((c) => ({
      assumedRoleUser: { arn: c.assumedRoleUser.arn, assumedRoleId: c.assumedRoleUser.assumedRoleId },
      credentials: {
        accessKeyId: c.credentials.accessKeyId,
        expiration: c.credentials.expiration,
        secretAccessKey: c.credentials.secretAccessKey,
        sessionToken: c.credentials.sessionToken,
      },
      packedPolicySize: c.packedPolicySize,
      roleArn: c.roleArn,
      sourceIdentity: c.sourceIdentity,
    })),
    subjectArn: response.subjectArn,
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

function text(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== "string") throw new TypeError(`${where}.${key} is not a string`);
  return v;
}

/** Reads a response body back; throws TypeError naming the first member that is wrong. */
export function parseCreateSessionResponse(body: string): CreateSessionResponse {
  const json: unknown = JSON.parse(body);
  if (!isObject(json) || !Array.isArray(json.credentialSet))
    throw new TypeError("the body has no credentialSet array");
  const credentialSet = json.credentialSet.map((entry: unknown, i): CredentialSetEntry => {
    const where = `credentialSet[${i}]`;
    if (!isObject(entry) || !isObject(entry.assumedRoleUser) || !isObject(entry.credentials))
      throw new TypeError(`${where} lacks assumedRoleUser or credentials`);
    if (typeof entry.packedPolicySize !== "number")
      throw new TypeError(`${where}.packedPolicySize is not a number`);
    return {
      assumedRoleUser: {
        arn: text(entry.assumedRoleUser, "arn", `${where}.assumedRoleUser`),
        assumedRoleId: text(entry.assumedRoleUser, "assumedRoleId", `${where}.assumedRoleUser`),
      },
      credentials: {
        accessKeyId: text(entry.credentials, "accessKeyId", `${where}.credentials`),
        expiration: text(entry.credentials, "expiration", `${where}.credentials`),
        secretAccessKey: text(entry.credentials, "secretAccessKey", `${where}.credentials`),
        sessionToken: text(entry.credentials, "sessionToken", `${where}.credentials`),
      },
      packedPolicySize: entry.packedPolicySize,
      roleArn: text(entry, "roleArn", where),
      sourceIdentity: text(entry, "sourceIdentity", where),
    };
  });
  return { credentialSet, subjectArn: text(json, "subjectArn", "the body") };
}
