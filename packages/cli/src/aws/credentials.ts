// AWS credentials for the CLI's own signed API calls (crl create --upload, doctor, authorize), from
// the standard sources: an explicit profile, the environment, then the shared files. Only static
// keys are read; profiles that need a provider chain (role_arn, sso_*, credential_process) are
// named in the error so the user can export keys instead.
import { homedir } from "node:os";
import { join } from "node:path";
import { parseIni } from "./ini.js";

/** Static AWS credentials and where they came from (never the secret itself in `source`). */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** e.g. `environment (AWS_ACCESS_KEY_ID)`, `profile "default" in ~/.aws/credentials`. */
  readonly source: string;
}

/** Why no credentials could be resolved; the message says what to set. */
export class AwsCredentialsError extends Error {
  override readonly name = "AwsCredentialsError";
}

export interface ResolveCredentialsInit {
  /** An explicit profile name (a flag such as `--aws-profile`): only the shared files are read. */
  readonly profile?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** Reads a file; resolves `undefined` when it does not exist. */
  readonly readFile: (path: string) => Promise<string | undefined>;
  /** The home directory (for `~/.aws/…`). */
  readonly home?: string;
}

const PROVIDER_KEYS = [
  "role_arn",
  "credential_process",
  "sso_session",
  "sso_start_url",
  "web_identity_token_file",
];

/**
 * Resolves credentials: `profile` (when given) from the shared files; otherwise
 * `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`); otherwise the profile
 * `AWS_PROFILE` (default `default`) from `AWS_SHARED_CREDENTIALS_FILE` (default
 * `~/.aws/credentials`), then from `AWS_CONFIG_FILE` (default `~/.aws/config`).
 *
 * @example
 * const creds = await resolveAwsCredentials({ env: process.env, readFile: readIfExists });
 */
export async function resolveAwsCredentials(init: ResolveCredentialsInit): Promise<AwsCredentials> {
  const { env } = init;
  if (init.profile === undefined) {
    const id = env.AWS_ACCESS_KEY_ID;
    const secret = env.AWS_SECRET_ACCESS_KEY;
    if (nonEmpty(id) && nonEmpty(secret))
      return {
        accessKeyId: id,
        secretAccessKey: secret,
        ...(nonEmpty(env.AWS_SESSION_TOKEN) ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        source: "environment (AWS_ACCESS_KEY_ID)",
      };
    if (nonEmpty(id) !== nonEmpty(secret))
      throw new AwsCredentialsError(
        `${nonEmpty(id) ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY"} is set but ${nonEmpty(id) ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID"} is not; set both`,
      );
  }
  const profile = init.profile ?? (nonEmpty(env.AWS_PROFILE) ? env.AWS_PROFILE : "default");
  const home = init.home ?? homedir();
  const credentialsFile = nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE)
    ? env.AWS_SHARED_CREDENTIALS_FILE
    : join(home, ".aws", "credentials");
  const configFile = nonEmpty(env.AWS_CONFIG_FILE) ? env.AWS_CONFIG_FILE : join(home, ".aws", "config");
  const where: { file: string; section: string }[] = [
    { file: credentialsFile, section: profile },
    { file: configFile, section: profile === "default" ? "default" : `profile ${profile}` },
  ];
  for (const { file, section } of where) {
    const text = await init.readFile(file);
    if (text === undefined) continue;
    const values = parseIni(text).get(section);
    if (values === undefined) continue;
    const id = values.get("aws_access_key_id");
    const secret = values.get("aws_secret_access_key");
    if (nonEmpty(id) && nonEmpty(secret)) {
      const token = values.get("aws_session_token");
      return {
        accessKeyId: id,
        secretAccessKey: secret,
        ...(nonEmpty(token) ? { sessionToken: token } : {}),
        source: `profile "${profile}" in ${file}`,
      };
    }
    const provider = PROVIDER_KEYS.find((k) => values.has(k));
    if (provider !== undefined)
      throw new AwsCredentialsError(
        `profile "${profile}" in ${file} uses ${provider}, which anchorage does not resolve; export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (e.g. from \`aws configure export-credentials --profile ${profile} --format env\`)`,
      );
  }
  throw new AwsCredentialsError(
    init.profile === undefined && !nonEmpty(env.AWS_PROFILE)
      ? `no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with keys in ${credentialsFile} (the anchorage server writes admin credentials you can point AWS_SHARED_CREDENTIALS_FILE at)`
      : `profile "${profile}" has no aws_access_key_id/aws_secret_access_key in ${credentialsFile} or ${configFile}`,
  );
}

const nonEmpty = (s: string | undefined): s is string => s !== undefined && s !== "";
