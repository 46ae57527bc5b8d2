// `aws sts get-caller-identity` with the quickstart's AWS profile — the AWS CLI running the
// credential_process line, exactly as a user would; the endpoint is also given as --endpoint-url,
// since AWS CLIs older than 1.29 / 2.13 ignore the profile's endpoint_url — or, without the AWS CLI,
// the same question asked of STS directly.
import type { HttpSend } from "../aws/http-send.js";
import { getCallerIdentity, type CallerIdentity } from "../doctor/api/sts-api.js";
import type { ProcessCredentials } from "./credential-process-line.js";
import { ChildNotFound, runChild } from "./run-child.js";

export interface ShownIdentity extends CallerIdentity {
  /** `aws sts get-caller-identity`, or `the STS API` when the AWS CLI is absent. */
  readonly via: string;
  /** Set when the AWS CLI was not found. */
  readonly awsCliMissing: boolean;
}

/** Environment variables that would make the AWS CLI use other credentials or another profile. */
const OVERRIDES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_STS",
  "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
];

export async function showCallerIdentity(init: {
  readonly env: NodeJS.ProcessEnv;
  readonly configFile: string;
  readonly emptyCredentialsFile: string;
  readonly profile: string;
  readonly endpoint: URL;
  readonly region: string;
  readonly session: ProcessCredentials;
  readonly now: () => Date;
  readonly send?: HttpSend;
}): Promise<ShownIdentity> {
  const env: NodeJS.ProcessEnv = { ...init.env };
  for (const name of OVERRIDES) delete env[name];
  Object.assign(env, {
    AWS_CONFIG_FILE: init.configFile,
    AWS_SHARED_CREDENTIALS_FILE: init.emptyCredentialsFile,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
  });
  const args = [
    "sts",
    "get-caller-identity",
    "--profile",
    init.profile,
    "--endpoint-url",
    init.endpoint.origin,
  ];
  try {
    const run = await runChild(["aws", ...args, "--output", "json"], { env, timeoutMs: 60_000 });
    if (run.code !== 0)
      throw new Error(
        `aws sts get-caller-identity failed (exit ${run.code}): ${run.stderr.trim().split("\n").pop() ?? ""}`,
      );
    const out = JSON.parse(run.stdout) as { Arn?: string; Account?: string; UserId?: string };
    if (typeof out.Arn !== "string") throw new Error("aws sts get-caller-identity printed no Arn");
    return {
      arn: out.Arn,
      account: out.Account ?? "",
      userId: out.UserId ?? "",
      via: `aws ${args.join(" ")}`,
      awsCliMissing: false,
    };
  } catch (error) {
    if (!(error instanceof ChildNotFound)) throw error;
  }
  const identity = await getCallerIdentity({
    endpoint: init.endpoint,
    region: init.region,
    credentials: { ...init.session, source: "credential-process" },
    now: init.now,
    ...(init.send === undefined ? {} : { send: init.send }),
  });
  return { ...identity, via: "STS GetCallerIdentity (the AWS CLI is not installed)", awsCliMissing: true };
}
