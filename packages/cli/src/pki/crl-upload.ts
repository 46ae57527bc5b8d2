// `crl create --upload`: imports the CRL into a Roles Anywhere endpoint (Anchorage or AWS) with
// ImportCrl, or replaces an imported one with UpdateCrl (--crl-arn). Signed with SigV4 HMAC using
// the standard AWS credential sources.
import { readFile } from "node:fs/promises";
import { CliError, usageError } from "./cli-error.js";
import type { AwsCredentials } from "../aws/credentials.js";
import type { CommandIo } from "./command-io.js";

export interface CrlUploadFlags {
  readonly upload?: boolean;
  readonly trustAnchorArn?: string;
  readonly crlArn?: string;
  readonly endpoint?: string;
  readonly crlName?: string;
  readonly region?: string;
  readonly awsProfile?: string;
}

export interface UploadTarget {
  readonly trustAnchorArn: string;
  /** UpdateCrl when set, ImportCrl otherwise. */
  readonly crlId: string | undefined;
  readonly endpoint: string;
  readonly region: string;
  readonly name: string | undefined;
  readonly awsProfile: string | undefined;
}

const TRUST_ANCHOR_ARN =
  /^arn:(aws(?:-[a-z-]+)?):rolesanywhere:([a-z0-9-]+):(\d{12}):trust-anchor\/([\w-]+)$/;
const CRL_ARN = /^arn:aws(?:-[a-z-]+)?:rolesanywhere:[a-z0-9-]*:\d{12}:crl\/([a-f0-9-]{36})$/;
const UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const RESOURCE_NAME = /^[ a-zA-Z0-9_-]{1,255}$/;
/** ImportCrl's crlData limit (ImportCrlRequestCrlDataBlob). */
export const MAX_CRL_UPLOAD_BYTES = 300_000;

/** Checks the upload flags (before anything is signed or written). */
export function uploadTarget(flags: CrlUploadFlags): UploadTarget {
  if (flags.trustAnchorArn === undefined)
    throw usageError("--upload needs --trust-anchor-arn ARN (the trust anchor the CRL revokes for)");
  const arn = TRUST_ANCHOR_ARN.exec(flags.trustAnchorArn);
  if (arn === null)
    throw usageError(
      `--trust-anchor-arn "${flags.trustAnchorArn}" is not a trust anchor ARN (arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/ID)`,
    );
  let crlId: string | undefined;
  if (flags.crlArn !== undefined) {
    crlId = CRL_ARN.exec(flags.crlArn)?.[1] ?? (UUID.test(flags.crlArn) ? flags.crlArn : undefined);
    if (crlId === undefined)
      throw usageError(
        `--crl-arn "${flags.crlArn}" is not a CRL ARN (arn:aws:rolesanywhere:REGION:ACCOUNT:crl/UUID) or id`,
      );
  }
  if (flags.crlName !== undefined && !RESOURCE_NAME.test(flags.crlName))
    throw usageError(`--crl-name "${flags.crlName}" must be 1 to 255 letters, digits, spaces, '-' or '_'`);
  const region = flags.region ?? arn[2]!;
  let endpoint = flags.endpoint;
  if (endpoint === undefined)
    endpoint = `https://rolesanywhere.${region}.amazonaws.com${arn[1] === "aws-cn" ? ".cn" : ""}`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (cause) {
    throw usageError(`--endpoint "${endpoint}" is not a URL`, cause);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw usageError(`--endpoint "${endpoint}" must be http(s)`);
  return {
    trustAnchorArn: flags.trustAnchorArn,
    crlId,
    endpoint,
    region,
    name: flags.crlName,
    awsProfile: flags.awsProfile,
  };
}

/** The CRL's ResourceName when --crl-name is absent: the CA's CN, made valid. */
export function defaultCrlName(caSubject: string): string {
  const cn = /(?:^|,)CN=((?:\\.|[^,])*)/.exec(caSubject)?.[1] ?? "";
  const name = `${cn.replace(/\\(.)/g, "$1").replace(/[^ a-zA-Z0-9_-]+/g, "-")} CRL`.trim().slice(0, 255);
  return RESOURCE_NAME.test(name) && cn !== "" ? name : "anchorage CRL";
}

interface CrlDetail {
  readonly crlArn?: string;
  readonly crlId?: string;
  readonly name?: string;
  readonly enabled?: boolean;
}

/** Resolves the credentials to sign with (before anything is signed or written). */
export async function uploadCredentials(target: UploadTarget, io: CommandIo): Promise<AwsCredentials> {
  const { resolveAwsCredentials, AwsCredentialsError } = await import("../aws/credentials.js");
  try {
    return await resolveAwsCredentials({ profile: target.awsProfile, env: io.env, readFile: readIfExists });
  } catch (error) {
    if (error instanceof AwsCredentialsError)
      throw new CliError(`--upload: ${error.message}`, 1, { cause: error });
    throw error;
  }
}

/** Uploads and returns the lines to print. */
export async function uploadCrl(
  target: UploadTarget,
  credentials: AwsCredentials,
  crlPem: string,
  caSubject: string,
  io: CommandIo,
): Promise<string> {
  const bytes = Buffer.from(crlPem, "utf8");
  if (bytes.length > MAX_CRL_UPLOAD_BYTES)
    throw new CliError(
      `the CRL is ${bytes.length} bytes; Roles Anywhere imports at most ${MAX_CRL_UPLOAD_BYTES}`,
    );
  const { signedJsonRequest } = await import("../aws/signed-request.js");
  const operation = target.crlId === undefined ? "ImportCrl" : "UpdateCrl";
  // ImportCrl documents PEM: crlData carries the PEM bytes (base64 in JSON), as `--crl-data fileb://crl.pem` does.
  const crlData = bytes.toString("base64");
  const common = {
    endpoint: target.endpoint,
    service: "rolesanywhere",
    region: target.region,
    credentials,
    now: io.now(),
  };
  let answer: { crl?: CrlDetail };
  try {
    answer =
      target.crlId === undefined
        ? await signedJsonRequest<{ crl?: CrlDetail }>({
            ...common,
            method: "POST",
            path: "/crls",
            json: {
              name: target.name ?? defaultCrlName(caSubject),
              crlData,
              trustAnchorArn: target.trustAnchorArn,
              enabled: true,
            },
          })
        : await signedJsonRequest<{ crl?: CrlDetail }>({
            ...common,
            method: "PATCH",
            path: `/crl/${encodeURIComponent(target.crlId)}`,
            json: { crlData, ...(target.name !== undefined ? { name: target.name } : {}) },
          });
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "AwsApiError" || name === "TransportError")
      throw new CliError(`${operation} failed (the CRL file was written): ${(error as Error).message}`, 1, {
        cause: error,
      });
    throw error;
  }
  const crl = answer.crl ?? {};
  const arn = crl.crlArn ?? crl.crlId ?? "(no ARN in the answer)";
  return target.crlId === undefined
    ? `imported into ${target.endpoint} as ${arn}${crl.enabled === false ? " (disabled: enable it with EnableCrl)" : " (enabled)"}\nnext time, replace it in place: --upload --crl-arn ${arn} --trust-anchor-arn ${target.trustAnchorArn}`
    : `updated ${arn} at ${target.endpoint}`;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
