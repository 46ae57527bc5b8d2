// `anchorage server`: create the data directory, start the server on its port, hand the operator
// the root credentials on first start, and drain on SIGTERM / SIGINT.
import { mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { AddressInfo } from "node:net";
import { ADMIN_CREDENTIALS_FILE, writeAdminCredentials } from "./account/admin-credentials.js";
import { createServer, type AnchorageServer, type ServerOptions } from "./compose.js";
import { defaultStoreUrl } from "./store/open-store.js";

export const DEFAULT_PORT = 7911;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_REGION = "us-east-1";
export const DEFAULT_DATA_DIR = "./anchorage-data";

export interface StartOptions extends Omit<ServerOptions, "database" | "region" | "https"> {
  readonly dataDir?: string;
  /** Default: `sqlite:<dataDir>/anchorage.db`. */
  readonly database?: string;
  readonly region?: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
  /** Where the human-readable start-up lines go (default stderr); logs go to the logger. */
  readonly out?: (line: string) => void;
  /** Stop on SIGTERM and SIGINT (default true). */
  readonly handleSignals?: boolean;
}

export interface RunningServer extends AnchorageServer {
  /** `http(s)://host:port` clients use. */
  readonly url: string;
  readonly adminCredentialsFile: string;
  /** Resolves once the server has stopped (after `close()` or a signal). */
  readonly stopped: Promise<void>;
}

/** Starts the server and prints where it listens and how to use it. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const out = options.out ?? ((line: string) => process.stderr.write(`${line}\n`));
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const https =
    options.tlsCertFile !== undefined || options.tlsKeyFile !== undefined
      ? await readTls(options.tlsCertFile, options.tlsKeyFile)
      : undefined;
  const server = await createServer({
    ...options,
    database: options.database ?? defaultStoreUrl(dataDir),
    region: options.region ?? DEFAULT_REGION,
    https,
  });
  try {
    await server.app.listen({ host: options.host ?? DEFAULT_HOST, port: options.port ?? DEFAULT_PORT });
  } catch (error) {
    await server.close();
    throw error;
  }
  const address = server.app.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `${https === undefined ? "http" : "https"}://${host}:${address.port}`;
  const adminCredentialsFile = join(dataDir, ADMIN_CREDENTIALS_FILE);
  if (server.bootstrap.createdRootKey !== undefined) {
    await writeAdminCredentials(dataDir, server.bootstrap.createdRootKey);
    out(
      `Created account ${server.bootstrap.accountId}; its root credentials are in ${adminCredentialsFile} (mode 0600).`,
    );
  }
  const region = server.context.region;
  out(`Anchorage server listening on ${url} (account ${server.bootstrap.accountId}, region ${region}).`);
  out(
    `Try: AWS_SHARED_CREDENTIALS_FILE=${adminCredentialsFile} aws rolesanywhere list-trust-anchors ` +
      `--endpoint-url ${url} --region ${region}`,
  );

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  const signals: NodeJS.Signals[] = options.handleSignals === false ? [] : ["SIGTERM", "SIGINT"];
  const onSignal = (signal: NodeJS.Signals) => {
    out(`Received ${signal}: finishing in-flight requests, then stopping.`);
    void close();
  };
  const close = async () => {
    for (const signal of signals) process.off(signal, onSignal);
    try {
      await server.close();
    } finally {
      resolveStopped();
    }
  };
  for (const signal of signals) process.on(signal, onSignal);
  return { ...server, close, url, adminCredentialsFile, stopped };
}

async function readTls(certFile: string | undefined, keyFile: string | undefined) {
  if (certFile === undefined || keyFile === undefined) {
    throw new Error("HTTPS needs both --tls-cert and --tls-key");
  }
  const [cert, key] = await Promise.all([readFile(certFile), readFile(keyFile)]);
  return { cert, key };
}
