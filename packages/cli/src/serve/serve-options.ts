import { isIP } from "node:net";
import { CREDENTIAL_PROCESS_OPTIONS } from "../client/credential-process-options.js";
import type { CredentialProcessOption } from "../client/credential-process-options.js";
import { CliInputError } from "../client/cli-input-error.js";

/** AWS's helper's defaults. */
export const DEFAULT_PORT = 9911;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_HOP_LIMIT = 64;

/** The flags `serve` and `update` take from `credential-process` (all but `--cache`). */
export const CREDENTIAL_OPTIONS: readonly CredentialProcessOption[] = CREDENTIAL_PROCESS_OPTIONS.filter(
  (o) => o.name !== "cache",
);

/** `serve`'s own flags, after the credential ones. */
export const SERVE_OPTIONS: readonly CredentialProcessOption[] = [
  {
    name: "port",
    value: "port",
    description: `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)`,
  },
  {
    name: "host",
    value: "address",
    description: `IPv4 or IPv6 address to listen on (default ${DEFAULT_HOST}; SDKs accept only loopback addresses over http for --ecs)`,
  },
  { name: "bind", value: "address", description: "the same as --host" },
  {
    name: "hop-limit",
    value: "n",
    description: `IP TTL / hop limit of responses, 1-255 (default ${DEFAULT_HOP_LIMIT}; see the README: node cannot set it, X-Forwarded-For is refused instead)`,
  },
  {
    name: "ecs",
    description:
      "also serve the ECS container-credentials endpoint; prints AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN on stdout",
  },
];

/** `serve`'s own flag values, as commander hands them over. */
export interface ServeOwnFlags {
  readonly port?: string;
  readonly host?: string;
  readonly bind?: string;
  readonly hopLimit?: string;
  readonly ecs?: boolean;
}

export interface ServeSettings {
  readonly port: number;
  readonly host: string;
  readonly hopLimit: number;
  readonly ecs: boolean;
}

function integer(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,6}$/.test(value.trim()) || Number(value) < min || Number(value) > max)
    throw new CliInputError(
      `${flag} ${JSON.stringify(value.slice(0, 40))} must be a whole number from ${min} to ${max}`,
    );
  return Number(value);
}

/**
 * Validates `serve`'s own flags: `--port` 0..65535, `--host`/`--bind` an IPv4 or IPv6 address (an
 * IPv6 one may be bracketed), `--hop-limit` 1..255.
 *
 * @throws CliInputError naming the flag.
 */
export function resolveServeSettings(flags: ServeOwnFlags): ServeSettings {
  if (flags.host !== undefined && flags.bind !== undefined && flags.host !== flags.bind)
    throw new CliInputError("--host and --bind name the same setting; give one of them");
  const raw = (flags.host ?? flags.bind ?? DEFAULT_HOST).trim();
  const host = raw.startsWith("[") && raw.endsWith("]") ? raw.slice(1, -1) : raw;
  if (isIP(host) === 0)
    throw new CliInputError(
      `--host ${JSON.stringify(raw.slice(0, 60))} is not an IPv4 or IPv6 address (such as 127.0.0.1 or ::1)`,
    );
  return {
    port: integer(flags.port, "--port", 0, 65535, DEFAULT_PORT),
    host,
    hopLimit: integer(flags.hopLimit, "--hop-limit", 1, 255, DEFAULT_HOP_LIMIT),
    ecs: flags.ecs === true,
  };
}

/** `http://<host>:<port>/` with an IPv6 host in brackets; the unspecified address becomes loopback. */
export function baseUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${isIP(reachable) === 6 ? `[${reachable}]` : reachable}:${port}/`;
}

/** True for 127.0.0.0/8 and ::1 (and the unspecified addresses, which include them). */
export function isLoopback(host: string): boolean {
  return (
    host.startsWith("127.") ||
    host === "::1" ||
    host === "0.0.0.0" ||
    host === "::" ||
    host === "::ffff:127.0.0.1"
  );
}
