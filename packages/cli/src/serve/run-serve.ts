import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { debugEvent } from "../client/credential-process.js";
import type { CredentialProcessFlags } from "../client/credential-process.js";
import { cliClock } from "../client/fake-now.js";
import { failureLine } from "../client/failure.js";
import type { CliIo } from "../client/io.js";
import { clientSession } from "./client-session.js";
import { credentialEndpoint, ECS_PATH } from "./credential-endpoint.js";
import { ImdsTokens } from "./imds-tokens.js";
import { nodeTimer } from "./node-timer.js";
import { watchMaterial } from "./material-watch.js";
import { RefreshingCredentials } from "./refreshing-credentials.js";
import { baseUrl, isLoopback, resolveServeSettings } from "./serve-options.js";
import type { ServeOwnFlags } from "./serve-options.js";

export type ServeFlags = CredentialProcessFlags & ServeOwnFlags;

/** Bounds on what one client may send (IMDS and ECS requests are a request line and a few headers). */
const MAX_HEADER_BYTES = 16 * 1024;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_CONNECTIONS = 512;

/** The role's name: the last segment of the role ARN's resource (`role/path/name` → `name`). */
export const roleNameOf = (roleArn: string): string => roleArn.slice(roleArn.lastIndexOf("/") + 1);

/**
 * `anchorage serve`: the composition root. Validates the flags, loads the material and fetches the
 * first credentials (any failure: one stderr line, exit 1), then serves the IMDSv2 endpoint (and the
 * ECS one with `--ecs`) until SIGTERM or SIGINT (exit 0). Credentials are refreshed 5 minutes before
 * they expire and right after the certificate, key or chain files change on disk.
 */
export async function runServe(flags: ServeFlags, io: CliIo): Promise<number> {
  const clock = (() => {
    try {
      const c = cliClock(io.env);
      return () => c().getTime();
    } catch (error) {
      io.stderr.write(failureLine("serve", error));
      return undefined;
    }
  })();
  if (clock === undefined) return 1;
  const now = clock;
  const log = (line: string): void => {
    io.stderr.write(`${new Date(now()).toISOString().replace(/\.\d{3}Z$/, "Z")} anchorage serve: ${line}\n`);
  };
  let source: RefreshingCredentials;
  let session: ReturnType<typeof clientSession>;
  let settings: ReturnType<typeof resolveServeSettings>;
  try {
    settings = resolveServeSettings(flags);
    session = clientSession(
      flags,
      io.env,
      now,
      flags.debug === true ? (e) => debugEvent(e).forEach((l) => log(`debug: ${l}`)) : undefined,
    );
    await session.check();
    source = new RefreshingCredentials({ fetch: session.fetch, now, setTimer: nodeTimer(false), log });
    await source.start();
  } catch (error) {
    io.stderr.write(failureLine("serve", error));
    return 1;
  }
  const roleArn = session.config.roleArn;
  const ecsToken = settings.ecs ? randomBytes(32).toString("base64url") : undefined;
  const handler = credentialEndpoint({
    source,
    roleName: roleNameOf(roleArn),
    roleArn,
    tokens: new ImdsTokens(now, (n) => randomBytes(n)),
    now,
    log,
    ...(ecsToken === undefined ? {} : { ecsToken }),
  });
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
    },
    (req, res) => {
      if (flags.debug === true) res.on("finish", () => log(`${req.method} ${req.url} → ${res.statusCode}`));
      handler(req, res);
    },
  );
  server.maxConnections = MAX_CONNECTIONS;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(settings.port, settings.host, () => {
        server.removeListener("error", reject);
        resolve();
      });
    });
  } catch (error) {
    source.stop();
    io.stderr.write(
      failureLine(
        "serve",
        new Error(`cannot listen on ${baseUrl(settings.host, settings.port)}: ${(error as Error).message}`),
      ),
    );
    return 1;
  }
  const port = (server.address() as AddressInfo).port;
  const url = baseUrl(settings.host, port);
  log(`Local server started on port: ${port}`);
  log("Make it available to the sdk by running:");
  log(`export AWS_EC2_METADATA_SERVICE_ENDPOINT=${url}`);
  if (settings.hopLimit !== 64)
    log(
      `--hop-limit ${settings.hopLimit}: node cannot set the IP TTL of responses; requests with X-Forwarded-For are refused instead`,
    );
  if (ecsToken !== undefined) {
    const fullUri = `${url.slice(0, -1)}${ECS_PATH}`;
    if (!isLoopback(settings.host))
      log(
        `warning: SDKs accept an http AWS_CONTAINER_CREDENTIALS_FULL_URI only on a loopback address; ${settings.host} is not one`,
      );
    log("ECS endpoint: the two lines to export are on stdout");
    io.stdout.write(
      `export AWS_CONTAINER_CREDENTIALS_FULL_URI=${fullUri}\nexport AWS_CONTAINER_AUTHORIZATION_TOKEN=${ecsToken}\n`,
    );
  }
  const current = source.current();
  if (current !== undefined)
    log(
      `credentials expire at ${current.expiration}; refreshing at ${new Date(source.refreshAt()!).toISOString()}`,
    );
  const watcher =
    session.materialFiles.length === 0
      ? undefined
      : watchMaterial(session.materialFiles, {
          log,
          onChange: (changed) => source.refreshNow(`${changed.join(", ")} changed on disk`),
        });
  const original = source.onRefresh;
  source.onRefresh = (c) => {
    log(`new credentials (expire at ${c.expiration})`);
    return original?.(c);
  };
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      log(`${signal}: stopping`);
      source.stop();
      watcher?.close();
      server.close(() => resolve(0));
      server.closeAllConnections();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}
