// The `credential_process` line of the quickstart's AWS profile, the same words as an argv (what
// quickstart runs itself), and the ~/.aws/config section around it. The AWS CLI splits the line
// like a POSIX shell (shlex), so paths with spaces are single-quoted.
import { shellWord } from "../pki/shell-word.js";

export interface CredentialProcessTarget {
  /** Absolute path of the `anchorage` launcher. */
  readonly bin: string;
  readonly certificate: string;
  readonly privateKey: string;
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  readonly roleArn: string;
  readonly endpoint: string;
  readonly region: string;
}

export function credentialProcessArgv(t: CredentialProcessTarget): string[] {
  return [
    t.bin,
    "credential-process",
    "--certificate",
    t.certificate,
    "--private-key",
    t.privateKey,
    "--trust-anchor-arn",
    t.trustAnchorArn,
    "--profile-arn",
    t.profileArn,
    "--role-arn",
    t.roleArn,
    "--endpoint",
    t.endpoint,
    "--region",
    t.region,
  ];
}

export const credentialProcessLine = (t: CredentialProcessTarget): string =>
  credentialProcessArgv(t).map(shellWord).join(" ");

/** The AWS profile quickstart writes to <dir>/aws-config and prints. */
export const AWS_PROFILE_NAME = "anchorage-quickstart";

/**
 * The config section: the region, every service of the profile sent to the local server
 * (`endpoint_url`: STS, IAM and Roles Anywhere all answer there), and the credential_process line.
 */
export function awsConfigSection(t: CredentialProcessTarget, profile = AWS_PROFILE_NAME): string {
  return [
    `[profile ${profile}]`,
    `region = ${t.region}`,
    `endpoint_url = ${t.endpoint}`,
    `credential_process = ${credentialProcessLine(t)}`,
    "",
  ].join("\n");
}

/** The four fields of credential-process's output (`Version: 1`). */
export interface ProcessCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: string;
}

/** Reads credential-process's stdout (the AWS CLI's credential_process format, version 1). */
export function parseProcessCredentials(stdout: string): ProcessCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch (cause) {
    throw new Error(`credential-process printed no JSON (${stdout.length} bytes)`, { cause });
  }
  const o = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const field = (name: string): string => {
    const v = o[name];
    if (typeof v !== "string" || v === "") throw new Error(`credential-process output has no ${name}`);
    return v;
  };
  if (o.Version !== 1)
    throw new Error(`credential-process output has Version ${JSON.stringify(o.Version)}, not 1`);
  return {
    accessKeyId: field("AccessKeyId"),
    secretAccessKey: field("SecretAccessKey"),
    sessionToken: field("SessionToken"),
    expiration: field("Expiration"),
  };
}
