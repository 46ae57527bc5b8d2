// The composition root of the server: the only place that reads the real clock and randomness,
// opens the store, bootstraps the account and wires authentication, authorization and services.
import { randomBytes } from "node:crypto";
import pino, { type Logger, type LoggerOptions } from "pino";
import { bootstrapAccount, type BootstrapResult } from "./account/bootstrap.js";
import { sigv4Authenticator } from "./auth/sigv4.js";
import { rootOnlyAuthorizer, type Authorizer } from "./authorize.js";
import { credentialResolver, type SessionResolver } from "./credential-resolver.js";
import { buildApp, type AnchorageApp } from "./http/app.js";
import type { RandomBytes } from "./http/request-id.js";
import type { ServiceContext, ServicePlugin } from "./service-context.js";
import { DEFAULT_SERVICES } from "./services/index.js";
import { openStore } from "./store/open-store.js";
import type { Store } from "./store/store.js";
import { translateError } from "./translate-error.js";

export interface ServerOptions {
  /** Where the store lives (`sqlite:<path>`, a path, or `postgres://…`). */
  readonly database: string;
  readonly region: string;
  /** The account id to serve; by default the one kept in the store, or a random one on first start. */
  readonly accountId?: string;
  readonly clock?: () => Date;
  readonly random?: RandomBytes;
  readonly log?: Logger | LoggerOptions;
  readonly https?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  readonly bodyLimit?: number;
  readonly explainErrors?: boolean;
  /** The services to serve; default all of them. */
  readonly services?: readonly ServicePlugin[];
  /** Authorization of every call; default: the root only (policy-based authorization replaces it). */
  readonly authorizer?: Authorizer;
  /** Opens temporary credentials for authentication. */
  readonly sessions?: SessionResolver;
}

export interface AnchorageServer {
  readonly app: AnchorageApp;
  readonly store: Store;
  readonly context: ServiceContext;
  readonly bootstrap: BootstrapResult;
  /** Stops accepting, drains in-flight requests, then closes the store. */
  close(): Promise<void>;
}

/** Opens the store, bootstraps the account and builds the app with every service registered. */
export async function createServer(options: ServerOptions): Promise<AnchorageServer> {
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? randomBytes;
  const log = isLogger(options.log) ? options.log : pino(options.log ?? { level: "info" });
  const store = await openStore(options.database, { clock });
  try {
    const bootstrap = await bootstrapAccount(store, { random, requestedAccountId: options.accountId });
    const resolveCredentials = credentialResolver({
      store,
      accountId: bootstrap.accountId,
      sessions: options.sessions,
    });
    const app = buildApp({
      clock,
      random,
      log,
      authenticate: sigv4Authenticator({ resolveCredentials, clock, region: options.region }),
      translateError,
      bodyLimit: options.bodyLimit,
      https: options.https,
    });
    const context: ServiceContext = {
      store,
      clock,
      random,
      accountId: bootstrap.accountId,
      region: options.region,
      partition: "aws",
      authorize: options.authorizer ?? rootOnlyAuthorizer,
      explainErrors: options.explainErrors ?? false,
      log,
    };
    for (const service of options.services ?? DEFAULT_SERVICES) await service.register(app, context);
    await app.ready();
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        try {
          await app.close();
        } finally {
          await store.close();
        }
      })());
    return { app, store, context, bootstrap, close };
  } catch (error) {
    await store.close();
    throw error;
  }
}

const isLogger = (log: Logger | LoggerOptions | undefined): log is Logger =>
  log !== undefined && typeof (log as Logger).child === "function";
