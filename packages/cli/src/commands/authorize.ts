// `anchorage authorize`: asks an Anchorage server's decision API (`POST /v1/authorize`) whether a
// request signed with some credentials may perform an action on a resource, and prints the
// decision as JSON. Exit codes: 0 Allow, 1 denied (ExplicitDeny / ImplicitDeny), 2 no decision
// (bad usage, unreadable input, the API refused the call, the endpoint unreachable).
//
// The command signs its own call with SigV4 (signing name `anchorage`) using the standard AWS
// credentials (environment, then --aws-profile / AWS_PROFILE in the shared files); those
// credentials need the `anchorage:Authorize` permission. Heavy parts load inside the action.
import type { Command } from "commander";
import { CliError, EXIT_USAGE } from "../pki/cli-error.js";
import { exitTwoOnUsageErrors, runAction } from "../pki/run-action.js";

/** The flags of `anchorage authorize`. */
export interface AuthorizeFlags {
  readonly endpoint?: string;
  readonly action?: string;
  readonly resource?: string;
  readonly requestFile?: string;
  readonly method?: string;
  readonly path?: string;
  readonly query?: string;
  readonly header?: readonly string[];
  readonly payloadHash?: string;
  readonly bodyFile?: string;
  readonly context?: readonly string[];
  readonly region?: string;
  readonly downstreamRegion?: string;
  readonly downstreamService?: string;
  readonly awsProfile?: string;
}

/** SHA-256 of the empty body. */
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const collect = (value: string, previous: readonly string[] = []): string[] => [...previous, value];

/** A failure that yields no decision: exit code 2 (1 means "denied"). */
const noDecision = (message: string, cause?: unknown): CliError =>
  new CliError(message, EXIT_USAGE, cause === undefined ? undefined : { cause });

/** What the command reads besides its flags (tests pass fakes). */
export interface AuthorizeInputIo {
  readFile(path: string): Promise<Buffer>;
  sha256Hex(data: Buffer): string;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The decision API's input from the flags: the downstream request from `--request-file` (its
 * `request` object, or a whole input) or from `--method`/`--path`/`--query`/`--header`/
 * `--payload-hash`|`--body-file`; flags win over the file.
 */
export async function buildAuthorizeInput(flags: AuthorizeFlags, io: AuthorizeInputIo): Promise<Json> {
  let fromFile: Json = {};
  if (flags.requestFile !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse((await io.readFile(flags.requestFile)).toString("utf8"));
    } catch (cause) {
      throw noDecision(
        `--request-file ${flags.requestFile}: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      );
    }
    if (!isObject(parsed)) throw noDecision(`--request-file ${flags.requestFile}: expected a JSON object`);
    fromFile = isObject(parsed["request"]) ? parsed : { request: parsed };
  }
  const fileRequest = isObject(fromFile["request"]) ? fromFile["request"] : {};
  const headers: Record<string, string[]> = {};
  if (isObject(fileRequest["headers"])) {
    for (const [name, value] of Object.entries(fileRequest["headers"])) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : [String(value)];
    }
  }
  for (const line of flags.header ?? []) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw noDecision(`--header ${JSON.stringify(line)}: expected "Name: value"`);
    (headers[line.slice(0, colon).trim().toLowerCase()] ??= []).push(line.slice(colon + 1).trim());
  }
  let payloadHash =
    flags.payloadHash ??
    (typeof fileRequest["payloadHash"] === "string" ? fileRequest["payloadHash"] : undefined);
  if (flags.bodyFile !== undefined) {
    if (flags.payloadHash !== undefined) throw noDecision("give --payload-hash or --body-file, not both");
    payloadHash = io.sha256Hex(await io.readFile(flags.bodyFile));
  }
  const context: Record<string, string | string[]> = isObject(fromFile["context"])
    ? (fromFile["context"] as Record<string, string | string[]>)
    : {};
  for (const pair of flags.context ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0)
      throw noDecision(
        `--context ${JSON.stringify(pair)}: expected key=value, e.g. aws:SourceIp=203.0.113.9`,
      );
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const previous = context[key];
    context[key] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  const action = flags.action ?? fromFile["action"];
  const resource = flags.resource ?? fromFile["resource"];
  if (typeof action !== "string") throw noDecision("--action is required (e.g. --action s3:GetObject)");
  if (typeof resource !== "string") throw noDecision("--resource is required (an ARN, or *)");
  const method = flags.method ?? fileRequest["method"];
  const path = flags.path ?? fileRequest["path"];
  if (typeof method !== "string" || typeof path !== "string") {
    throw noDecision(
      "the downstream request needs a method and a path: --request-file, or --method and --path",
    );
  }
  const query = flags.query ?? fileRequest["query"];
  const region = flags.downstreamRegion ?? fromFile["region"];
  const service = flags.downstreamService ?? fromFile["service"];
  return {
    request: {
      method: method.toUpperCase(),
      path,
      ...(query === undefined ? {} : { query }),
      headers,
      payloadHash: payloadHash ?? EMPTY_SHA256,
    },
    action,
    resource,
    ...(Object.keys(context).length === 0 ? {} : { context }),
    ...(region === undefined ? {} : { region }),
    ...(service === undefined ? {} : { service }),
    ...(fromFile["resourcePolicy"] === undefined ? {} : { resourcePolicy: fromFile["resourcePolicy"] }),
    ...(fromFile["resourceAccount"] === undefined ? {} : { resourceAccount: fromFile["resourceAccount"] }),
  };
}

async function runAuthorize(flags: AuthorizeFlags): Promise<void> {
  if (flags.endpoint === undefined)
    throw noDecision("--endpoint is required (the Anchorage server, e.g. http://127.0.0.1:7911)");
  const [
    { readFile },
    { createHash },
    { resolveAwsCredentials, AwsCredentialsError },
    { signedJsonRequest, AwsApiError },
  ] = await Promise.all([
    import("node:fs/promises"),
    import("node:crypto"),
    import("../aws/credentials.js"),
    import("../aws/signed-request.js"),
  ]);
  const input = await buildAuthorizeInput(flags, {
    readFile: (p) => readFile(p),
    sha256Hex: (data) => createHash("sha256").update(data).digest("hex"),
  });
  let credentials;
  try {
    credentials = await resolveAwsCredentials({
      profile: flags.awsProfile,
      env: process.env,
      readFile: (p) =>
        readFile(p, "utf8").catch((error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return undefined;
          throw error;
        }),
    });
  } catch (error) {
    if (error instanceof AwsCredentialsError) throw noDecision(error.message, error);
    throw error;
  }
  const region = flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
  let decision: Json;
  try {
    decision = await signedJsonRequest<Json>({
      endpoint: flags.endpoint,
      method: "POST",
      path: "/v1/authorize",
      service: "anchorage",
      region,
      credentials,
      now: new Date(),
      json: input,
    });
  } catch (error) {
    if (error instanceof AwsApiError)
      throw noDecision(`the decision API refused the call: ${error.message}`, error);
    throw noDecision(error instanceof Error ? error.message : String(error), error);
  }
  process.stdout.write(`${JSON.stringify(decision, null, 2)}\n`);
  process.exitCode = decision["decision"] === "Allow" ? 0 : 1;
}

/** `authorize`: one decision of the decision API, for scripts. */
export function register(program: Command): void {
  exitTwoOnUsageErrors(
    program
      .command("authorize")
      .description(
        "ask an Anchorage server whether a signed request may perform an action (the decision API)",
      )
      .option("--endpoint <url>", "the Anchorage server, e.g. http://127.0.0.1:7911")
      .option("--action <action>", "the action the request performs, e.g. s3:GetObject")
      .option("--resource <arn>", "the resource it acts on (an ARN, or *)")
      .option(
        "--request-file <file>",
        "the request as received: JSON {method, path, query, headers, payloadHash}",
      )
      .option("--method <method>", "the request's HTTP method")
      .option("--path <path>", "the request's path, as received (percent-encoded)")
      .option("--query <query>", "the request's raw query string")
      .option("--header <name: value>", "a request header (repeat for each)", collect)
      .option("--payload-hash <hex>", "hex SHA-256 of the request body (default: the empty body's)")
      .option("--body-file <file>", "the request body, to hash")
      .option("--context <key=value>", "an extra condition key (repeat; a repeated key is a list)", collect)
      .option("--downstream-region <region>", "the region the request is signed for (default: the server's)")
      .option("--downstream-service <name>", "the signing name of the request (default: the action's prefix)")
      .option(
        "--region <region>",
        "the Anchorage server's region, to sign this call (default AWS_REGION or us-east-1)",
      )
      .option("--aws-profile <name>", "credentials of this profile in the shared AWS files")
      .addHelpText(
        "after",
        `
Signs its call with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY(/AWS_SESSION_TOKEN), else the profile
AWS_PROFILE (default "default") in ~/.aws/credentials or ~/.aws/config; those credentials need
the anchorage:Authorize permission. Prints the decision as JSON.
Exit codes: 0 Allow, 1 ExplicitDeny or ImplicitDeny, 2 no decision (bad usage, input or call).

Example:
  anchorage authorize --endpoint http://127.0.0.1:7911 --action s3:GetObject \\
      --resource arn:aws:s3:::bucket/report.csv --request-file req.json`,
      )
      .action(runAction((flags: AuthorizeFlags) => runAuthorize(flags))),
  );
}
