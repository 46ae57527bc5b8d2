import {
  cacheKeyFor,
  CredentialCache,
  createSession,
  defaultCacheDir,
  loadSigningMaterial,
  userAgent,
} from "@anchorage/credential-provider";
import type {
  CacheEvent,
  CreateSessionEvent,
  SessionConfig,
  SessionCredentials,
  SigningMaterial,
} from "@anchorage/credential-provider";
import { VERSION } from "../version.js";
import { formatCredentialProcessOutput } from "./credential-process-output.js";
import { failureLine } from "./failure.js";
import { cliClock } from "./fake-now.js";
import { readFileSyncBounded } from "./read-file-sync.js";
import { sessionConfigFromFlags } from "./session-config-flags.js";
import type { CliIo } from "./io.js";

/** The flags of `credential-process`, as commander parses them (AWS's helper v1.4 names). */
export interface CredentialProcessFlags {
  readonly certificate?: string;
  readonly privateKey?: string;
  readonly intermediates?: string;
  readonly trustAnchorArn?: string;
  readonly profileArn?: string;
  readonly roleArn?: string;
  readonly sessionDuration?: string;
  readonly roleSessionName?: string;
  readonly region?: string;
  readonly endpoint?: string;
  /** False with `--no-verify-ssl`. */
  readonly verifySsl?: boolean;
  readonly withProxy?: boolean;
  readonly debug?: boolean;
  readonly pkcs8Password?: string;
  readonly passphraseFile?: string;
  /** `--pkcs11-lib`: the PKCS#11 module for `pkcs11:` URIs. */
  readonly pkcs11Lib?: string;
  /** `--reuse-pin`: the user PIN for keys that want a PIN at every use. */
  readonly reusePin?: boolean;
  /** `--cache`: reuse credentials from the per-user on-disk cache. */
  readonly cache?: boolean;
}

const COMMAND = "credential-process";
const PREFIX = `anchorage ${COMMAND}: `;

/** `--debug`: the effective configuration, secrets masked (passwords are never printed). */
function debugConfiguration(
  flags: CredentialProcessFlags,
  config: SessionConfig,
  material: SigningMaterial,
  proxyNote: string,
): string[] {
  const { source, certificate } = material;
  const masked = (v: string | undefined): string => (v === undefined || v === "" ? "(not set)" : "******");
  return [
    `certificate: ${source.certificate} (${source.certificateFormat}, ${certificate.keyType}${certificate.curve === undefined ? "" : ` ${certificate.curve}`}, serial ${certificate.serialDecimal}, subject ${certificate.x509.subject.replace(/\n/g, ", ")})`,
    `private key: ${source.privateKey} (${source.privateKeyFormat}${source.passphraseFrom === undefined ? "" : `, passphrase from ${source.passphraseFrom}`})`,
    `intermediates: ${source.intermediates === undefined ? "(none)" : `${source.intermediates} (${material.chain.length} certificate${material.chain.length === 1 ? "" : "s"})`}`,
    `--pkcs8-password: ${masked(flags.pkcs8Password)}`,
    `--passphrase-file: ${flags.passphraseFile ?? "(not set)"}`,
    `trust anchor: ${config.trustAnchorArn}`,
    `profile: ${config.profileArn}`,
    `role: ${config.roleArn}`,
    `region: ${config.region}${flags.region === undefined || flags.region === "" ? " (from the trust anchor ARN)" : ""}`,
    `endpoint: ${config.endpoint.href}${flags.endpoint === undefined || flags.endpoint === "" ? " (default for the region)" : ""}`,
    `session duration: ${config.durationSeconds ?? "(profile default)"}${flags.sessionDuration === undefined ? " (default, as AWS's helper sends)" : ""}`,
    `role session name: ${config.roleSessionName ?? "(not set)"}`,
    `verify TLS: ${flags.verifySsl === false ? "no (--no-verify-ssl)" : "yes"}`,
    `proxy: ${proxyNote}`,
  ];
}

/** `--debug` lines of one CreateSession event (also used by `serve` and `update`). */
export function debugEvent(event: CreateSessionEvent): string[] {
  switch (event.type) {
    case "request":
      return [
        `attempt ${event.attempt}: POST ${event.url.href}${event.proxy === undefined ? "" : ` via proxy ${event.proxy}`}`,
        "canonical request:",
        ...event.signed.canonicalRequest.split("\n").map((l) => `  ${l}`),
        "string to sign:",
        ...event.signed.stringToSign.split("\n").map((l) => `  ${l}`),
        `signed headers: ${event.signed.signedHeaders.join(";")}`,
        `request headers: ${event.headers.map(([n]) => n).join(", ")}`,
        `request body: ${event.body.toString("utf8")}`,
      ];
    case "response":
      return [
        `attempt ${event.attempt}: HTTP ${event.status} ${event.statusText}${event.requestId === undefined ? "" : ` (request id ${event.requestId})`}${event.retryInMs === undefined ? "" : `; retrying in ${event.retryInMs} ms`}`,
      ];
    case "network-error":
      return [
        `attempt ${event.attempt}: ${event.message}${event.retryInMs === undefined ? "" : `; retrying in ${event.retryInMs} ms`}`,
      ];
  }
}

function debugCacheEvent(event: CacheEvent): string[] {
  switch (event.type) {
    case "hit":
      return [`cache: using ${event.file} (expires ${event.expiration}); no CreateSession call`];
    case "miss":
      return [`cache: ${event.file} not used: ${event.reason}`];
    case "stored":
      return [`cache: stored ${event.file}`];
    case "not-stored":
      return [`cache: not stored ${event.file}: ${event.reason}`];
    case "lock-wait":
      return [`cache: another process is fetching ${event.file}; waiting for it`];
    case "lock-timeout":
      return [`cache: gave up waiting for ${event.file}; fetching`];
  }
}

/**
 * `anchorage credential-process`: loads the certificate and key, calls CreateSession and prints the
 * credentials as AWS's helper v1.4 does (see `formatCredentialProcessOutput`). This is the CLI's
 * composition root for the command: the clock (real, or `ANCHORAGE_FAKE_NOW` in tests), the
 * environment and the output streams come in here. Resolves to the exit code: 0, or 1 after ONE
 * stderr line naming the failed step. `--session-duration` defaults to 3600 as the helper's does, so
 * the request bytes are the helper's (the library's `fromRolesAnywhere()` omits it instead).
 */
export async function runCredentialProcess(flags: CredentialProcessFlags, io: CliIo): Promise<number> {
  const debug = (lines: readonly string[]): void => {
    if (flags.debug === true) io.stderr.write(lines.map((l) => `${PREFIX}debug: ${l}\n`).join(""));
  };
  try {
    const now = cliClock(io.env);
    const config = sessionConfigFromFlags(flags);
    if (flags.verifySsl === false) {
      io.stderr.write(
        `${PREFIX}warning: --no-verify-ssl: the TLS certificate of ${config.endpoint.origin} is not checked\n`,
      );
    }
    const material = await loadSigningMaterial({
      certificate: flags.certificate as string, // undefined: loadSigningMaterial says "pass --certificate"
      privateKey: flags.privateKey,
      intermediates: flags.intermediates,
      passphrase: flags.pkcs8Password,
      passphraseFile: flags.passphraseFile,
      pkcs11Module: flags.pkcs11Lib,
      reusePin: flags.reusePin,
      env: io.env,
      readFile: readFileSyncBounded(),
      // A prompt needs someone to answer it: the AWS CLI and SDKs pipe stderr, so only prompt when
      // both stdin and stderr are terminals (checked only when an encrypted key needs it).
      stdinIsTTY: () => process.stdin.isTTY === true && process.stderr.isTTY === true,
    });
    if (flags.debug === true) {
      const proxyVar = config.endpoint.protocol === "https:" ? "HTTPS_PROXY" : "HTTP_PROXY";
      debug(
        debugConfiguration(
          flags,
          config,
          material,
          flags.withProxy === true ? `from ${proxyVar} / NO_PROXY (--with-proxy)` : "none (no --with-proxy)",
        ),
      );
    }
    const fetch = async (): Promise<{ credentials: SessionCredentials }> =>
      createSession({
        material,
        config,
        now,
        userAgent: userAgent("anchorage", VERSION),
        verifySsl: flags.verifySsl !== false,
        withProxy: flags.withProxy === true,
        env: io.env,
        onEvent: flags.debug === true ? (event) => debug(debugEvent(event)) : undefined,
      });
    let credentials: SessionCredentials;
    if (flags.cache === true) {
      // process.getBuiltinModule: no ES module facade for node:os on the hot path.
      const home = io.env.HOME ?? process.getBuiltinModule("node:os").homedir();
      const cache = new CredentialCache({
        dir: defaultCacheDir(io.env, home),
        now: () => now().getTime(),
        onEvent: flags.debug === true ? (event) => debug(debugCacheEvent(event)) : undefined,
      });
      ({ credentials } = (await cache.getOrFetch(cacheKeyFor(material, config), fetch)).entry);
    } else {
      ({ credentials } = await fetch());
    }
    io.stdout.write(formatCredentialProcessOutput(credentials));
    return 0;
  } catch (error) {
    io.stderr.write(failureLine(COMMAND, error));
    return 1;
  }
}
