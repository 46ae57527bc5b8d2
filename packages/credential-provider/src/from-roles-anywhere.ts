import { homedir } from "node:os";
import { CredentialsProviderError, memoize } from "@smithy/property-provider";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import { defaultCacheDir } from "./cache/cache-dir.js";
import { CredentialCache } from "./cache/credential-cache.js";
import type { CacheEvent } from "./cache/credential-cache.js";
import { cacheKeyFor } from "./cache/material-key.js";
import { REFRESH_EARLY_MS } from "./constants.js";
import { createSession } from "./create-session.js";
import type { CreateSessionEvent } from "./create-session.js";
import { CreateSessionError, isCreateSessionError } from "./create-session-error.js";
import type { CreateSessionStep } from "./create-session-error.js";
import type { HttpRequest } from "./http/http-request.js";
import type { ProxyEnvironment } from "./http/proxy.js";
import { loadSigningMaterial, MaterialError } from "./material/index.js";
import type { FlagNames, MaterialInput, ReadFile } from "./material/index.js";
import { resolveSessionConfig } from "./session-config.js";

/** Options of {@link fromRolesAnywhere}. Paths or contents for the material; the ARNs are required. */
export interface RolesAnywhereInit {
  /**
   * The leaf certificate: a path, PEM text, or DER/PEM bytes. May also be a PKCS#12 bundle holding
   * certificate, key and chain (then omit `privateKey` and `intermediates`).
   */
  readonly certificate: MaterialInput;
  /** The certificate's private key (PKCS#8, PKCS#1 or SEC1; PEM or DER; encrypted PKCS#8 with `passphrase`). */
  readonly privateKey?: MaterialInput;
  /** Intermediate CA certificates, sent as `X-Amz-X509-Chain` in file order. */
  readonly intermediates?: MaterialInput;
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  readonly roleArn: string;
  /** The signing region; default: the trust anchor ARN's region. */
  readonly region?: string;
  /** Default `https://rolesanywhere.<region>.amazonaws.com`. */
  readonly endpoint?: string | URL;
  /**
   * Requested session length, 900..43200 s. Default: omitted, so the profile's duration applies
   * (AWS's helper always sends 3600, which silently caps 12-hour profiles at one hour).
   */
  readonly durationSeconds?: number;
  /** Honoured when the profile accepts role session names. */
  readonly roleSessionName?: string;
  /** Passphrase of an encrypted key or PKCS#12 bundle (else `passphraseFile`, else `ANCHORAGE_PASSPHRASE`). */
  readonly passphrase?: string;
  /** A file whose first line is the passphrase. */
  readonly passphraseFile?: string;
  /**
   * The PKCS#11 module for `pkcs11:` URIs given as `certificate` / `privateKey` (RFC 7512); default:
   * the URI's `module-path`, else `p11-kit-proxy.so`. The PIN comes from the URI (`pin-value`,
   * `pin-source`) or `ANCHORAGE_PKCS11_PIN`; the provider never prompts.
   */
  readonly pkcs11Module?: string;
  /** Give a PKCS#11 key that wants its PIN at every use (CKA_ALWAYS_AUTHENTICATE) the user PIN. */
  readonly reusePin?: boolean;
  /** Check the endpoint's TLS certificate (default true). */
  readonly verifySsl?: boolean;
  /** Honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY (default false, as AWS's helper without `--with-proxy`). */
  readonly withProxy?: boolean;
  /** Environment for the passphrase and proxy variables (default `process.env`). */
  readonly env?: ProxyEnvironment;
  /** The clock, in ms since the epoch (default `Date.now`): signing time and the refresh decision. */
  readonly now?: () => number;
  /** Reads the material files (default: node:fs with a 1 MiB bound). */
  readonly readFile?: ReadFile;
  /** The transport seam (default: node:http/node:https). */
  readonly httpRequest?: HttpRequest;
  /** Gets `debug` lines (requests, statuses, retries; never secrets) and `warn` for `verifySsl: false`. */
  readonly logger?: Logger;
  /**
   * Share credentials across processes through the per-user on-disk cache (`true`: in
   * `$XDG_CACHE_HOME/anchorage` or `~/.cache/anchorage`; `{ dir }`: there). An entry is reused until
   * 5 minutes before it expires; it is keyed by a SHA-256 of every input (certificate, public key,
   * chain, ARNs, region, endpoint, duration, session name), so it is never shared across
   * certificates or roles. Default: off.
   */
  readonly cache?: boolean | { readonly dir?: string };
}

/** Credentials from {@link fromRolesAnywhere}: always temporary, always with `expiration`. */
export interface RolesAnywhereCredentials extends AwsCredentialIdentity {
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** How messages name `fromRolesAnywhere()`'s options. */
const PROVIDER_FLAG_NAMES: FlagNames = {
  certificate: "certificate",
  privateKey: "privateKey",
  intermediates: "intermediates",
  passphrase: "passphrase",
  passphraseFile: "passphraseFile",
};

/** Steps that fail the same way on every call: stop a credential chain there. */
const LOCAL_STEPS: readonly CreateSessionStep[] = ["configure", "load-material", "sign"];

/** Wraps a failure in the SDK's own error type, saying which source failed and keeping the cause. */
function providerError(error: unknown, logger: Logger | undefined): CredentialsProviderError {
  const cause = isCreateSessionError(error)
    ? error
    : error instanceof MaterialError
      ? new CreateSessionError("load-material", error.message, { cause: error })
      : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  const tryNextLink = !(isCreateSessionError(cause) && LOCAL_STEPS.includes(cause.step));
  const wrapped = new CredentialsProviderError(`fromRolesAnywhere: ${message}`, { tryNextLink, logger });
  Object.defineProperty(wrapped, "cause", {
    value: cause,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return wrapped;
}

function describeCacheEvent(event: CacheEvent): string {
  switch (event.type) {
    case "hit":
      return `cache hit ${event.file} (expires ${event.expiration})`;
    case "miss":
      return `cache miss ${event.file}: ${event.reason}`;
    case "stored":
      return `cache stored ${event.file}`;
    case "not-stored":
      return `cache not stored ${event.file}: ${event.reason}`;
    case "lock-wait":
      return `cache: another process is fetching ${event.file}; waiting`;
    case "lock-timeout":
      return `cache: gave up waiting for ${event.file}; fetching`;
  }
}

/** The cache `init.cache` asks for, or undefined. */
function cacheFor(init: RolesAnywhereInit, now: () => number): CredentialCache | undefined {
  if (init.cache === undefined || init.cache === false) return undefined;
  const dir =
    typeof init.cache === "object" && init.cache.dir !== undefined
      ? init.cache.dir
      : defaultCacheDir(init.env ?? process.env, homedir());
  const { logger } = init;
  return new CredentialCache({
    dir,
    now,
    onEvent:
      logger === undefined ? undefined : (e) => logger.debug(`fromRolesAnywhere: ${describeCacheEvent(e)}`),
  });
}

function describeEvent(event: CreateSessionEvent): string {
  switch (event.type) {
    case "request":
      return `CreateSession attempt ${event.attempt}: POST ${event.url.origin}${event.url.pathname}${event.proxy === undefined ? "" : ` via ${event.proxy}`} (${event.signed.algorithm}, ${event.signed.credentialScope})`;
    case "response":
      return `CreateSession attempt ${event.attempt}: HTTP ${event.status}${event.requestId === undefined ? "" : ` (request id ${event.requestId})`}${event.retryInMs === undefined ? "" : `; retrying in ${event.retryInMs} ms`}`;
    case "network-error":
      return `CreateSession attempt ${event.attempt}: ${event.message}${event.retryInMs === undefined ? "" : `; retrying in ${event.retryInMs} ms`}`;
  }
}

/**
 * An AWS SDK for JavaScript v3 credential provider backed by IAM Roles Anywhere: it signs
 * CreateSession with your X.509 certificate and key (no child process, unlike `credential_process`)
 * and returns temporary credentials with their `expiration`.
 *
 * Creating the provider does no I/O. The first call loads the material (files are re-read on every
 * refresh, so a renewed certificate is picked up) and calls CreateSession; the result is cached and
 * fetched again when fewer than 5 minutes remain. Concurrent callers share one in-flight request.
 * Failures are the SDK's `CredentialsProviderError`, whose message says what failed
 * (`fromRolesAnywhere: CreateSession failed: AccessDeniedException: Untrusted signing certificate
 * (HTTP 403, request id …)`) and whose `cause` is a `CreateSessionError` (with `step`, `status`,
 * `errorType`, `serverMessage`, `requestId`). Configuration, material and signing failures set
 * `tryNextLink: false`, so a chain stops there instead of falling through to another source.
 *
 * @example
 * import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
 * import { fromRolesAnywhere } from "@anchorage/credential-provider";
 *
 * const sts = new STSClient({
 *   region: "us-east-1",
 *   credentials: fromRolesAnywhere({
 *     certificate: "/etc/pki/client.pem",
 *     privateKey: "/etc/pki/client.key",
 *     intermediates: "/etc/pki/chain.pem",
 *     trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
 *     profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
 *     roleArn: "arn:aws:iam::123456789012:role/app",
 *   }),
 * });
 * const { Arn } = await sts.send(new GetCallerIdentityCommand({}));
 */
export const fromRolesAnywhere = (init: RolesAnywhereInit): AwsCredentialIdentityProvider => {
  const now = init.now ?? Date.now;
  const { logger } = init;
  const cache = cacheFor(init, now);

  const fetchOnce = async (): Promise<RolesAnywhereCredentials> => {
    logger?.debug("@anchorage/credential-provider - fromRolesAnywhere: fetching credentials");
    try {
      const config = resolveSessionConfig(init);
      const material = await loadSigningMaterial({
        certificate: init.certificate,
        privateKey: init.privateKey,
        intermediates: init.intermediates,
        passphrase: init.passphrase,
        passphraseFile: init.passphraseFile,
        pkcs11Module: init.pkcs11Module,
        reusePin: init.reusePin,
        readFile: init.readFile,
        env: init.env,
        prompt: false,
        flagNames: PROVIDER_FLAG_NAMES,
      });
      if (init.verifySsl === false) {
        logger?.warn(
          `fromRolesAnywhere: verifySsl is false; the TLS certificate of ${config.endpoint.origin} is not checked`,
        );
      }
      const call = () =>
        createSession({
          material,
          config,
          now: () => new Date(now()),
          verifySsl: init.verifySsl,
          withProxy: init.withProxy,
          env: init.env,
          httpRequest: init.httpRequest,
          onEvent:
            logger === undefined
              ? undefined
              : (event) => logger.debug(`fromRolesAnywhere: ${describeEvent(event)}`),
        });
      const { credentials, assumedRoleArn } =
        cache === undefined
          ? await call().then((r) => ({ credentials: r.credentials, assumedRoleArn: r.assumedRoleUser?.arn }))
          : await cache
              .getOrFetch(cacheKeyFor(material, config), async () => {
                const r = await call();
                return { credentials: r.credentials, assumedRoleArn: r.assumedRoleUser?.arn };
              })
              .then((r) => r.entry);
      const accountId = /^arn:[^:]+:sts::(\d{12}):/.exec(assumedRoleArn ?? "")?.[1];
      return {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
        expiration: new Date(credentials.expiration),
        ...(accountId === undefined ? {} : { accountId }),
      };
    } catch (error) {
      throw providerError(error, logger);
    }
  };

  return memoize(
    fetchOnce,
    (credentials) => credentials.expiration.getTime() - now() < REFRESH_EARLY_MS,
    (credentials) => credentials.expiration !== undefined,
  );
};
