// The composition root of the server: the only place that reads the real clock and randomness,
// opens the store, bootstraps the account and wires authentication, authorization and services.
import { randomFillSync } from "node:crypto";
import pino, { type Logger, type LoggerOptions } from "pino";
import { bootstrapAccount, type BootstrapResult } from "./account/bootstrap.js";
import { sigv4Authenticator } from "./auth/sigv4.js";
import { attachPolicyEngine, PolicyEngine } from "./authorization/policy-engine.js";
import type { Authorizer } from "./authorize.js";
import { credentialResolver, type SessionResolver } from "./credential-resolver.js";
import { sealingKeyringFor } from "./credentials/sealing-keyring.js";
import { sessionResolver } from "./credentials/session-resolver.js";
import { buildApp, type AnchorageApp } from "./http/app.js";
import { pooledRandomBytes } from "./http/random-pool.js";
import type { RandomBytes } from "./http/request-id.js";
import type { ServiceContext, ServicePlugin } from "./service-context.js";
import { DEFAULT_SERVICES } from "./services/index.js";
import { CREATE_SESSION_MAX_HEADER_BYTES } from "./services/sessions/index.js";
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
  /** Largest request line plus headers; default enough for CreateSession with a 5-certificate chain (~152 KiB). */
  readonly maxHeaderSize?: number;
  /** Put the precise reason of refusals (CreateSession's above all) in responses too (development). */
  readonly explainErrors?: boolean;
  /** The services to serve; default all of them. */
  readonly services?: readonly ServicePlugin[];
  /**
   * Authorization of every call; default: policy-based (the caller's identity policies, permissions
   * boundary and session policies, evaluated as IAM does; the root is allowed everything).
   */
  readonly authorizer?: Authorizer;
  /** Opens temporary credentials for authentication; default: session tokens sealed by this deployment. */
  readonly sessions?: SessionResolver;
  /** How often replicas poll the store for IAM changes (policy cache); default 500 ms. */
  readonly policyCacheWatchMs?: number;
}

export interface AnchorageServer {
  readonly app: AnchorageApp;
  readonly store: Store;
  readonly context: ServiceContext;
  readonly bootstrap: BootstrapResult;
  /** Policy-based authorization (also answers the decision API). */
  readonly policies: PolicyEngine;
  /** Stops accepting, drains in-flight requests, then closes the store. */
  close(): Promise<void>;
}

/** Opens the store, bootstraps the account and builds the app with every service registered. */
export async function createServer(options: ServerOptions): Promise<AnchorageServer> {
  const clock = options.clock ?? (() => new Date());
  // The CSPRNG in 4 KiB blocks (one OpenSSL call per ~100 CreateSessions instead of three each).
  const random = options.random ?? pooledRandomBytes(randomFillSync);
  const log = isLogger(options.log) ? options.log : pino(options.log ?? { level: "info" });
  const store = await openStore(options.database, { clock });
  let stopPolicies = (): void => undefined;
  try {
    const bootstrap = await bootstrapAccount(store, { random, requestedAccountId: options.accountId });
    const policies = new PolicyEngine({
      store,
      clock,
      log,
      cache: {
        ...(options.policyCacheWatchMs === undefined ? {} : { watchIntervalMs: options.policyCacheWatchMs }),
      },
    });
    await policies.start();
    stopPolicies = () => policies.stop();
    attachPolicyEngine(store, policies);
    const sessions =
      options.sessions ??
      sessionResolver({
        keyring: sealingKeyringFor(store, { random, clock }),
        accountId: bootstrap.accountId,
      });
    const resolveCredentials = credentialResolver({
      store,
      accountId: bootstrap.accountId,
      sessions,
      lookupKey: (id) => policies.cache.longTermKey(id),
    });
    const app = buildApp({
      clock,
      random,
      log,
      authenticate: sigv4Authenticator({ resolveCredentials, clock, region: options.region }),
      translateError,
      bodyLimit: options.bodyLimit,
      maxHeaderSize: options.maxHeaderSize ?? CREATE_SESSION_MAX_HEADER_BYTES,
      https: options.https,
    });
    const context: ServiceContext = {
      store,
      clock,
      random,
      accountId: bootstrap.accountId,
      region: options.region,
      partition: "aws",
      authorize: options.authorizer ?? policies.authorizer,
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
          policies.stop();
          await store.close();
        }
      })());
    return { app, store, context, bootstrap, policies, close };
  } catch (error) {
    stopPolicies();
    await store.close();
    throw error;
  }
}

const isLogger = (log: Logger | LoggerOptions | undefined): log is Logger =>
  log !== undefined && typeof (log as Logger).child === "function";
