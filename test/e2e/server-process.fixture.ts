// Helpers of the `anchorage server` end-to-end tests: start the REAL built CLI as a server process
// (`--port 0`, the chosen address parsed from its "listening on" line), drive it with the REAL AWS
// CLI (credentials from the admin-credentials file the server wrote), or with raw signed HTTP, and
// give each PostgreSQL run a fresh schema.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import { NodeSha256 } from "@anchorage/sigv4-x509";
import { SignatureV4 } from "@smithy/signature-v4";
import pg from "pg";
import { runAwsCli } from "./aws-cli.fixture.js";

export const BIN = fileURLToPath(new URL("../../packages/cli/bin/anchorage.js", import.meta.url));

export { AWS_CLI_MISSING } from "./aws-cli.fixture.js";

const PG_URL = process.env.ANCHORAGE_TEST_PG_URL;
/** Why the PostgreSQL variants cannot run here, or false. */
export const POSTGRES_MISSING =
  PG_URL === undefined || PG_URL === ""
    ? "ANCHORAGE_TEST_PG_URL not set; run with npm test, which starts PostgreSQL"
    : false;

/** A fresh schema in the test PostgreSQL database; dropped when the test ends. */
export async function freshPostgresUrl(t: Pick<TestContext, "after">): Promise<string> {
  if (PG_URL === undefined) throw new Error("ANCHORAGE_TEST_PG_URL is not set");
  const schema = `anchorage_e2e_${randomBytes(6).toString("hex")}`;
  const url = new URL(PG_URL);
  url.searchParams.set("schema", schema);
  t.after(async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  });
  return url.toString();
}

/** A new temporary directory, removed when the test ends. */
export async function tempDir(t: Pick<TestContext, "after">, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` from the "listening on" line. */
  readonly url: string;
  readonly dataDir: string;
  readonly credentialsFile: string;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with how the process ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (unless it has ended) and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

// The last line of the server's start-up output is its "Try: … aws …" line, printed (a separate
// write) after "listening on": waiting for it, and not just for "listening on", means stderr()
// holds the whole start-up output when startServerProcess resolves.
const STARTED = /listening on (https?:\/\/\S+) \([^\n]*\n(?:[^\n]*\n)*?Try: [^\n]*\n/;

/** Starts `anchorage server --data-dir <dataDir> --port 0 …args`; stopped (SIGTERM) when the test ends. */
export async function startServerProcess(
  t: Pick<TestContext, "after">,
  dataDir: string,
  args: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, "server", "--data-dir", dataDir, "--port", "0", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s:\n${err}`)), 30_000);
    const check = () => {
      const m = STARTED.exec(err);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        child.stderr.off("data", check);
        resolve(m[1]);
      }
    };
    child.stderr.on("data", check);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${err}`));
    });
  });
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  t.after(() => stop());
  return {
    child,
    url,
    dataDir,
    credentialsFile: join(dataDir, "admin-credentials"),
    stdout: () => out,
    stderr: () => err,
    exited,
    stop,
  };
}

/** Runs the CLI without waiting for a server (for flags that make it exit). */
export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === "number" ? error.code : 1,
          stdout,
          stderr,
        }),
    );
  });
}

export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The `[default]` key of an AWS shared-credentials file. */
export async function readCredentials(file: string): Promise<AccessKey> {
  const text = await readFile(file, "utf8");
  const value = (name: string) => new RegExp(`^${name} = (\\S+)$`, "m").exec(text)?.[1] ?? "";
  return { accessKeyId: value("aws_access_key_id"), secretAccessKey: value("aws_secret_access_key") };
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The parsed JSON output (empty object for no output). */
  readonly json: Record<string, unknown>;
  /** For failures: the error code and message as the AWS CLI prints them. */
  readonly error?: { readonly type: string; readonly operation: string; readonly message: string };
}

const CLI_ERROR =
  /An error occurred \(([\w.]+)\) when calling the (\w+) operation(?: \([^)]*\))?: ([\s\S]*)$/;

/** `aws rolesanywhere …` against a server, with only the given credentials file. */
export function awsCli(url: string, credentialsFile: string) {
  return async (args: readonly string[]): Promise<CliResult> => {
    const { code, stdout, stderr } = await runAwsCli(
      ["rolesanywhere", ...args, "--endpoint-url", url, "--region", "us-east-1", "--output", "json"],
      {
        HOME: process.env.HOME,
        AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
        AWS_CONFIG_FILE: "/dev/null",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_PAGER: "",
      },
    );
    const m = CLI_ERROR.exec(stderr.trim());
    return {
      code,
      stdout,
      stderr,
      json: code === 0 && stdout.trim() !== "" ? (JSON.parse(stdout) as Record<string, unknown>) : {},
      ...(m === null ? {} : { error: { type: m[1] ?? "", operation: m[2] ?? "", message: m[3] ?? "" } }),
    };
  };
}

export interface HttpReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** A request signed with SigV4 (the SDK's signer) and sent with fetch. */
export async function signedRequest(
  url: string,
  key: AccessKey,
  request: {
    readonly method: string;
    readonly path: string;
    readonly query?: Record<string, string>;
    readonly body?: string;
    readonly headers?: Record<string, string>;
  },
): Promise<HttpReply> {
  const target = new URL(request.path, url);
  const signer = new SignatureV4({
    credentials: key,
    region: "us-east-1",
    service: "rolesanywhere",
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method: request.method,
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    query: request.query ?? {},
    headers: { host: target.host, ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  for (const [k, v] of Object.entries(request.query ?? {})) target.searchParams.set(k, v);
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { method: request.method, headers: signed.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(request.body);
  });
}
