// What the IAM, STS and decision-API end-to-end tests share: a real Anchorage server in this
// process (SQLite in a temporary directory, port 0), the AWS CLI driven against it with the
// server's admin-credentials file (or other keys), and SigV4 signing of plain HTTP requests.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignatureV4 } from "@smithy/signature-v4";
import { startServer, type RunningServer, type StartOptions } from "@anchorage/server";
import { runAwsCli, type AwsCliRun } from "./aws-cli.fixture.js";

export { AWS_CLI_MISSING } from "./aws-cli.fixture.js";

/** SHA-256 / HMAC-SHA256 from node:crypto in the shape smithy's signer expects. */
class Sha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key =
      typeof secret === "string" || secret === undefined
        ? secret
        : secret instanceof ArrayBuffer
          ? Buffer.from(secret)
          : Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength);
    this.#hash = key === undefined ? createHash("sha256") : createHmac("sha256", key);
  }
  update(data: Uint8Array): void {
    this.#hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
}

export interface Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface Anchorage {
  readonly server: RunningServer;
  readonly url: string;
  readonly accountId: string;
  readonly adminCredentialsFile: string;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1:0 with its own data directory (deleted by `close`). */
export async function startAnchorage(options: Partial<StartOptions> = {}): Promise<Anchorage> {
  const dataDir = await mkdtemp(join(tmpdir(), "anchorage-e2e-"));
  const server = await startServer({
    dataDir,
    port: 0,
    log: { level: "silent" },
    out: () => undefined,
    handleSignals: false,
    ...options,
  });
  return {
    server,
    url: server.url,
    accountId: server.bootstrap.accountId,
    adminCredentialsFile: server.adminCredentialsFile,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The environment of an `aws` run: no ambient AWS settings, the admin file or the given keys. */
export function cliEnv(a: Anchorage, keys?: Keys): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
  return {
    ...env,
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: keys === undefined ? a.adminCredentialsFile : "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_MAX_ATTEMPTS: "1",
    AWS_PAGER: "",
    ...(keys === undefined
      ? {}
      : {
          AWS_ACCESS_KEY_ID: keys.accessKeyId,
          AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
          ...(keys.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: keys.sessionToken }),
        }),
  };
}

/** What one `aws` run did. */
export type CliResult = AwsCliRun;

/** Runs `aws <args> --endpoint-url <server> --output json` (asynchronously: the server is in this process). */
export function aws(a: Anchorage, args: readonly string[], keys?: Keys): Promise<CliResult> {
  return runAwsCli([...args, "--endpoint-url", a.url, "--output", "json"], cliEnv(a, keys));
}

/** `aws …` that must succeed; its JSON output (`{}` when it printed nothing). */
export async function awsJson(
  a: Anchorage,
  args: readonly string[],
  keys?: Keys,
): Promise<Record<string, unknown>> {
  const result = await aws(a, args, keys);
  if (result.code !== 0) throw new Error(`aws ${args.join(" ")} failed (${result.code}): ${result.stderr}`);
  return result.stdout.trim() === "" ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
}

/** `aws …` that must fail; its stderr (with the error code and message as the CLI prints them). */
export async function awsError(a: Anchorage, args: readonly string[], keys?: Keys): Promise<string> {
  const result = await aws(a, args, keys);
  if (result.code === 0) throw new Error(`aws ${args.join(" ")} succeeded: ${result.stdout}`);
  return result.stderr;
}

/** Creates a user with an access key (as the admin), and optionally an inline policy. */
export async function createUserWithKey(
  a: Anchorage,
  name: string,
  policy?: object,
): Promise<Keys & { arn: string }> {
  const user = (await awsJson(a, ["iam", "create-user", "--user-name", name])).User as { Arn: string };
  if (policy !== undefined) {
    await awsJson(a, [
      "iam",
      "put-user-policy",
      "--user-name",
      name,
      "--policy-name",
      "inline",
      "--policy-document",
      JSON.stringify(policy),
    ]);
  }
  const key = (await awsJson(a, ["iam", "create-access-key", "--user-name", name])).AccessKey as {
    AccessKeyId: string;
    SecretAccessKey: string;
  };
  return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey, arn: user.Arn };
}

/** A policy document. */
export const policy = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });

/** The credentials AssumeRole / GetSessionToken printed. */
export function keysOf(output: Record<string, unknown>): Keys {
  const c = output.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

export const sha256Hex = (body: string | Buffer) => createHash("sha256").update(body).digest("hex");

export interface PlainRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** Signs a plain HTTP request with SigV4 for `service` (header form), as an AWS SDK would. */
export async function signRequest(
  request: PlainRequest,
  keys: Keys,
  options: { readonly service: string; readonly region?: string; readonly signingDate?: Date },
): Promise<{ url: string; method: string; headers: Record<string, string>; body?: string }> {
  const url = new URL(request.url);
  const signer = new SignatureV4({
    credentials: keys,
    region: options.region ?? "us-east-1",
    service: options.service,
    sha256: Sha256,
  });
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query,
      headers: {
        host: url.host,
        "x-amz-content-sha256": sha256Hex(request.body ?? ""),
        ...request.headers,
      },
      ...(request.body === undefined ? {} : { body: request.body }),
    },
    options.signingDate === undefined ? {} : { signingDate: options.signingDate },
  );
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) headers[k] = String(v);
  return {
    url: request.url,
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  };
}

/** Signs and sends a request; the status and parsed JSON (or text) body. */
export async function signedFetch(
  request: PlainRequest,
  keys: Keys,
  options: { readonly service: string; readonly region?: string; readonly signingDate?: Date },
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const signed = await signRequest(request, keys, options);
  const response = await fetch(signed.url, {
    method: signed.method,
    headers: signed.headers,
    ...(signed.body === undefined ? {} : { body: signed.body }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch (error) {
    void error; // not JSON (XML errors): keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

/** The bundled `anchorage` command (`npm run build` writes it). */
export const ANCHORAGE_BIN = fileURLToPath(new URL("../../packages/cli/bin/anchorage.js", import.meta.url));
const BUNDLE = fileURLToPath(new URL("../../packages/cli/dist/bundle/anchorage.js", import.meta.url));
/** Why the CLI tests cannot run, or false. */
export const CLI_BUNDLE_MISSING: string | false = existsSync(BUNDLE)
  ? false
  : "the CLI is not built (run npm run build); skipping";

/** Runs `anchorage <args>` without blocking the event loop (the server runs in this process). */
export function anchorageCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(AWS_|ANCHORAGE_)/.test(k)),
    );
    const child = spawn(process.execPath, [ANCHORAGE_BIN, ...args], {
      env: { ...clean, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      ...(cwd === undefined ? {} : { cwd }),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
