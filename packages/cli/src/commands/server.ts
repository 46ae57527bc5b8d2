import { accessSync, constants } from "node:fs";
import type { Command } from "commander";

// `anchorage server`: runs Roles Anywhere's control plane (and the other services of
// @anchorage/server) on one port. Registering is cheap; the server is imported when the command
// runs. Configuration: flags > ANCHORAGE_* environment > the server's defaults. Bad values are one
// line on stderr and exit 2; failures to start (database unreachable, port taken) exit 1; SIGTERM
// or SIGINT drain in-flight requests and exit 0. Logs are JSON lines on stdout; the human lines
// (where it listens, the admin credentials file, the aws CLI line to try) go to stderr.

/** The flags as commander hands them over. */
export interface ServerFlags {
  readonly dataDir?: string;
  readonly host?: string;
  readonly port?: string;
  readonly database?: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly explainErrors?: boolean;
  readonly logLevel?: string;
}

/** The resolved configuration: what `startServer` is given (absent values take its defaults). */
export interface ServerConfig {
  readonly dataDir?: string;
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
  readonly explainErrors: boolean;
  readonly logLevel: string;
}

/** A bad flag or environment value: exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Each setting: its flag, its environment variable. */
const SETTINGS = {
  dataDir: { flag: "--data-dir", env: "ANCHORAGE_DATA_DIR" },
  host: { flag: "--host", env: "ANCHORAGE_HOST" },
  port: { flag: "--port", env: "ANCHORAGE_PORT" },
  database: { flag: "--database", env: "ANCHORAGE_DATABASE" },
  region: { flag: "--region", env: "ANCHORAGE_REGION" },
  accountId: { flag: "--account-id", env: "ANCHORAGE_ACCOUNT_ID" },
  tlsCert: { flag: "--tls-cert", env: "ANCHORAGE_TLS_CERT" },
  tlsKey: { flag: "--tls-key", env: "ANCHORAGE_TLS_KEY" },
  explainErrors: { flag: "--explain-errors", env: "ANCHORAGE_EXPLAIN_ERRORS" },
  logLevel: { flag: "--log-level", env: "ANCHORAGE_LOG_LEVEL" },
} as const;
type Setting = keyof typeof SETTINGS;

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Where a value came from, for messages: `--port` or `ANCHORAGE_PORT`. */
interface Sourced {
  readonly value: string;
  readonly from: string;
}

function pick(
  flags: ServerFlags,
  env: NodeJS.ProcessEnv,
  setting: Exclude<Setting, "explainErrors">,
): Sourced | undefined {
  const flag = flags[setting];
  if (flag !== undefined) return { value: flag, from: SETTINGS[setting].flag };
  const fromEnv = env[SETTINGS[setting].env];
  return fromEnv === undefined || fromEnv === ""
    ? undefined
    : { value: fromEnv, from: SETTINGS[setting].env };
}

function parsePort(port: Sourced): number {
  const n = /^\d{1,5}$/.test(port.value) ? Number(port.value) : Number.NaN;
  if (!Number.isInteger(n) || n > 65535) {
    throw new UsageError(
      `${port.from} must be a port number from 0 to 65535 (0 picks a free one), got ${JSON.stringify(port.value)}`,
    );
  }
  return n;
}

function parseBoolean(text: string, from: string): boolean {
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  throw new UsageError(`${from} must be true or false, got ${JSON.stringify(text)}`);
}

function readable(file: Sourced): string {
  try {
    accessSync(file.value, constants.R_OK);
  } catch (cause) {
    throw new UsageError(
      `${file.from}: cannot read ${file.value} (${(cause as NodeJS.ErrnoException).code ?? "error"})`,
      {
        cause,
      },
    );
  }
  return file.value;
}

/**
 * Resolves flags over the environment and checks every value (not the database URL, whose parser
 * lives with the server and runs when the server is loaded).
 *
 * @example
 * resolveServerConfig({ port: "8443" }, { ANCHORAGE_PORT: "9000", ANCHORAGE_REGION: "eu-west-1" })
 * // { port: 8443, region: "eu-west-1", explainErrors: false, logLevel: "info" }
 */
export function resolveServerConfig(flags: ServerFlags, env: NodeJS.ProcessEnv): ServerConfig {
  const port = pick(flags, env, "port");
  const region = pick(flags, env, "region");
  const accountId = pick(flags, env, "accountId");
  const logLevel = pick(flags, env, "logLevel");
  const tlsCert = pick(flags, env, "tlsCert");
  const tlsKey = pick(flags, env, "tlsKey");
  const host = pick(flags, env, "host");
  const dataDir = pick(flags, env, "dataDir");
  const database = pick(flags, env, "database");
  if (region !== undefined && !REGION.test(region.value)) {
    throw new UsageError(
      `${region.from} must be an AWS region name such as us-east-1, got ${JSON.stringify(region.value)}`,
    );
  }
  if (accountId !== undefined && !/^\d{12}$/.test(accountId.value)) {
    throw new UsageError(`${accountId.from} must be 12 digits, got ${JSON.stringify(accountId.value)}`);
  }
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel.value)) {
    throw new UsageError(
      `${logLevel.from} must be one of ${LOG_LEVELS.join(", ")}, got ${JSON.stringify(logLevel.value)}`,
    );
  }
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new UsageError(
      tlsCert === undefined
        ? `${tlsKey?.from} needs --tls-cert (or ANCHORAGE_TLS_CERT) too: HTTPS needs the certificate and its key`
        : `${tlsCert.from} needs --tls-key (or ANCHORAGE_TLS_KEY) too: HTTPS needs the certificate and its key`,
    );
  }
  if (host !== undefined && host.value.trim() === "") throw new UsageError(`${host.from} must not be empty`);
  const explainFlag = flags.explainErrors;
  const explainEnv = env[SETTINGS.explainErrors.env];
  const explainErrors =
    explainFlag ??
    (explainEnv === undefined || explainEnv === ""
      ? false
      : parseBoolean(explainEnv, SETTINGS.explainErrors.env));
  return {
    ...(dataDir === undefined ? {} : { dataDir: dataDir.value }),
    ...(host === undefined ? {} : { host: host.value }),
    ...(port === undefined ? {} : { port: parsePort(port) }),
    ...(database === undefined ? {} : { database: database.value }),
    ...(region === undefined ? {} : { region: region.value }),
    ...(accountId === undefined ? {} : { accountId: accountId.value }),
    ...(tlsCert === undefined || tlsKey === undefined
      ? {}
      : { tlsCertFile: readable(tlsCert), tlsKeyFile: readable(tlsKey) }),
    explainErrors,
    logLevel: logLevel?.value ?? "info",
  };
}

/** Runs the server until SIGTERM / SIGINT; returns the exit code. */
export async function runServer(flags: ServerFlags, env: NodeJS.ProcessEnv): Promise<number> {
  const fail = (code: number, message: string) => {
    process.stderr.write(`anchorage server: ${message}\n`);
    if (code === 2) process.stderr.write("(run anchorage server --help for usage)\n");
    return code;
  };
  let config: ServerConfig;
  try {
    config = resolveServerConfig(flags, env);
  } catch (error) {
    if (error instanceof UsageError) return fail(2, error.message);
    throw error;
  }
  const { startServer, parseStoreUrl, StoreInputError } = await import("@anchorage/server");
  if (config.database !== undefined) {
    try {
      parseStoreUrl(config.database);
    } catch (error) {
      if (error instanceof StoreInputError)
        return fail(2, `${pick(flags, env, "database")?.from}: ${error.message}`);
      throw error;
    }
  }
  let running;
  try {
    running = await startServer({
      ...config,
      log: { level: config.logLevel },
    });
  } catch (error) {
    return fail(1, error instanceof Error ? error.message : String(error));
  }
  await running.stopped;
  return 0;
}

/** Registers `anchorage server`. */
export function register(program: Command): void {
  program
    .command("server")
    .description("run the Anchorage server: IAM Roles Anywhere's API (for the AWS CLI and SDKs) on one port")
    .option(
      "--data-dir <dir>",
      "where the server keeps its data and admin-credentials (default ./anchorage-data; env ANCHORAGE_DATA_DIR)",
    )
    .option("--host <address>", "address to listen on (default 127.0.0.1; env ANCHORAGE_HOST)")
    .option("--port <port>", "port to listen on, 0 for a free one (default 7911; env ANCHORAGE_PORT)")
    .option(
      "--database <url>",
      "sqlite:<file> or postgres://user:pass@host/db[?schema=name] (default SQLite in the data dir; env ANCHORAGE_DATABASE)",
    )
    .option("--region <region>", "the region the server serves (default us-east-1; env ANCHORAGE_REGION)")
    .option(
      "--account-id <id>",
      "12-digit account id (default: chosen at random on first start and kept; env ANCHORAGE_ACCOUNT_ID)",
    )
    .option("--tls-cert <file>", "serve HTTPS with this PEM certificate (chain) (env ANCHORAGE_TLS_CERT)")
    .option("--tls-key <file>", "the PEM private key of --tls-cert (env ANCHORAGE_TLS_KEY)")
    .option(
      "--explain-errors",
      "put the precise reason of refusals in responses, not only in the log (development; env ANCHORAGE_EXPLAIN_ERRORS)",
    )
    .option(
      "--log-level <level>",
      `log level: ${LOG_LEVELS.join(", ")} (default info; env ANCHORAGE_LOG_LEVEL)`,
    )
    .exitOverride((error) => {
      // Usage errors found by commander (unknown option, missing value) exit 2 like ours.
      process.exit(error.code === "commander.helpDisplayed" || error.code === "commander.version" ? 0 : 2);
    })
    .action(async (flags: ServerFlags) => {
      process.exitCode = await runServer(flags, process.env);
    });
}
