// The quickstart's server: @anchorage/server's startServer in this process (loaded only now), its
// data in <dir>/server, refusals explained (--explain-errors), JSON logs appended to
// <dir>/server.log instead of the terminal, on 127.0.0.1 and a free port unless --port says.
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pino } from "pino";
import { parseIni } from "../aws/ini.js";
import type { AwsCredentials } from "../aws/credentials.js";

export interface LocalServer {
  readonly url: URL;
  readonly accountId: string;
  readonly region: string;
  readonly logFile: string;
  /** True when this start created the account (an empty database). */
  readonly createdAccount: boolean;
  /** The account's root key, from <dir>/server/admin-credentials. */
  readonly admin: AwsCredentials;
  close(): Promise<void>;
}

/** Starting failed in a way the user can fix (port taken, data folder unusable). */
export class LocalServerError extends Error {
  override readonly name = "LocalServerError";
}

export async function startLocalServer(options: {
  readonly dir: string;
  readonly port: number;
  readonly region: string;
}): Promise<LocalServer> {
  const { startServer } = await import("@anchorage/server");
  const dataDir = join(options.dir, "server");
  const logFile = join(options.dir, "server.log");
  const stream = createWriteStream(logFile, { flags: "a", mode: 0o600 });
  const log = pino({ level: "info" }, stream);
  let running;
  try {
    running = await startServer({
      dataDir,
      host: "127.0.0.1",
      port: options.port,
      region: options.region,
      explainErrors: true,
      log,
      out: (line) => log.info({ quickstart: true }, line),
      handleSignals: false,
    });
  } catch (error) {
    stream.end();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
      throw new LocalServerError(
        `port ${options.port} is in use; pass --port with a free one (or --port 0 to pick one)`,
        { cause: error },
      );
    throw error;
  }
  const close = async () => {
    try {
      await running.close();
    } finally {
      await new Promise<void>((resolve) => stream.end(resolve));
    }
  };
  let admin: AwsCredentials;
  try {
    admin = await adminKey(running.adminCredentialsFile);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    url: new URL(running.url),
    accountId: running.bootstrap.accountId,
    region: running.context.region,
    logFile,
    createdAccount: running.bootstrap.createdRootKey !== undefined,
    admin,
    close,
  };
}

/** The `[default]` key of the server's admin-credentials file. */
async function adminKey(file: string): Promise<AwsCredentials> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new LocalServerError(
      `the server's database exists but ${file} is missing (it is written only when the account is created); delete the quickstart folder to start over`,
      { cause },
    );
  }
  const section = parseIni(text).get("default");
  const accessKeyId = section?.get("aws_access_key_id");
  const secretAccessKey = section?.get("aws_secret_access_key");
  if (
    accessKeyId === undefined ||
    secretAccessKey === undefined ||
    accessKeyId === "" ||
    secretAccessKey === ""
  )
    throw new LocalServerError(
      `${file} holds no [default] access key; delete the quickstart folder to start over`,
    );
  return { accessKeyId, secretAccessKey, source: file };
}
