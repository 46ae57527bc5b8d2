import {
  MAX_DURATION_SECONDS,
  MAX_ROLE_SESSION_NAME_LENGTH,
  MIN_DURATION_SECONDS,
  MIN_ROLE_SESSION_NAME_LENGTH,
} from "@anchorage/sigv4-x509";
import { parseArn } from "./arn.js";
import type { Arn } from "./arn.js";
import { DEFAULT_ENDPOINT_TEMPLATE, DNS_SUFFIXES } from "./constants.js";
import { CreateSessionError } from "./create-session-error.js";

/** What a CreateSession call is about, as the caller gives it. */
export interface SessionConfigInput {
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  readonly roleArn: string;
  /** The signing region; default: the trust anchor ARN's region. */
  readonly region?: string | undefined;
  /** Base URL; default `https://rolesanywhere.<region>.amazonaws.com`. A value without `://` gets `https://`. */
  readonly endpoint?: string | URL | undefined;
  /** 900..43200; omitted from the request when undefined (the profile's duration applies). */
  readonly durationSeconds?: number | undefined;
  readonly roleSessionName?: string | undefined;
}

/** A validated {@link SessionConfigInput} with its defaults filled in. */
export interface SessionConfig {
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  readonly roleArn: string;
  readonly region: string;
  readonly endpoint: URL;
  readonly durationSeconds?: number;
  readonly roleSessionName?: string;
}

/** How the caller names each option in messages. */
export interface OptionNames {
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  readonly roleArn: string;
  readonly region: string;
  readonly endpoint: string;
  readonly durationSeconds: string;
  readonly roleSessionName: string;
}

/** `fromRolesAnywhere()`'s option names. */
export const PROVIDER_OPTION_NAMES: OptionNames = {
  trustAnchorArn: "trustAnchorArn",
  profileArn: "profileArn",
  roleArn: "roleArn",
  region: "region",
  endpoint: "endpoint",
  durationSeconds: "durationSeconds",
  roleSessionName: "roleSessionName",
};

/** The CLI's flags (AWS's helper's names). */
export const CLI_OPTION_NAMES: OptionNames = {
  trustAnchorArn: "--trust-anchor-arn",
  profileArn: "--profile-arn",
  roleArn: "--role-arn",
  region: "--region",
  endpoint: "--endpoint",
  durationSeconds: "--session-duration",
  roleSessionName: "--role-session-name",
};

const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ROLE_SESSION_NAME = /^[\w+=,.@-]+$/;

const invalid = (detail: string): CreateSessionError => new CreateSessionError("configure", detail);
const shown = (value: string): string =>
  JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);

function checkArn(
  value: unknown,
  name: string,
  service: "rolesanywhere" | "iam",
  resourceType: "trust-anchor" | "profile" | "role",
): Arn {
  const example =
    service === "iam"
      ? "arn:aws:iam::<account>:role/<name>"
      : `arn:aws:rolesanywhere:<region>:<account>:${resourceType}/<id>`;
  if (typeof value !== "string" || value === "") throw invalid(`${name} is required (${example})`);
  const parsed = parseArn(value);
  if (!parsed.ok) throw invalid(`${name} ${shown(value)} ${parsed.reason}; expected ${example}`);
  const { arn } = parsed;
  const wrong =
    arn.service !== service
      ? `names the ${arn.service} service`
      : !arn.resource.startsWith(`${resourceType}/`) || arn.resource.length === resourceType.length + 1
        ? `is not a ${resourceType} ARN`
        : arn.accountId === ""
          ? "has no account"
          : service === "rolesanywhere" && arn.region === ""
            ? "has no region"
            : undefined;
  if (wrong !== undefined) throw invalid(`${name} ${shown(value)} ${wrong}; expected ${example}`);
  return arn;
}

/**
 * The default endpoint of a region, as AWS's helper resolves it:
 * `https://rolesanywhere.<region>.amazonaws.com` (`.amazonaws.com.cn` in the China regions).
 */
export function defaultEndpoint(region: string): URL {
  const suffix = DNS_SUFFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? "amazonaws.com";
  return new URL(DEFAULT_ENDPOINT_TEMPLATE.replace("{region}", region).replace("{dnsSuffix}", suffix));
}

function parseEndpoint(value: string | URL, name: string): URL {
  const text = value instanceof URL ? value.href : value.trim();
  if (text === "") throw invalid(`${name} is empty; give a URL such as https://rolesanywhere.example.com`);
  let url: URL;
  try {
    url = new URL(text.includes("://") ? text : `https://${text}`);
  } catch (cause) {
    throw new CreateSessionError("configure", `${name} ${shown(text)} is not a URL`, { cause });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw invalid(
      `${name} ${shown(text)} uses ${url.protocol}; use https:// (or http:// for a local test server)`,
    );
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw invalid(`${name} ${shown(text)} must be a base URL without credentials, query or fragment`);
  }
  return url;
}

/**
 * Validates a CreateSession configuration and fills in the defaults, before any I/O, the way AWS's
 * helper fails locally: malformed ARNs, a trust anchor and a profile in different regions, a duration
 * outside 900..43200. The region defaults to the trust anchor ARN's. `names` words the messages with
 * the caller's option names (`--trust-anchor-arn` for the CLI).
 *
 * @example
 * const config = resolveSessionConfig({ trustAnchorArn, profileArn, roleArn });
 * config.endpoint.href; // "https://rolesanywhere.us-east-1.amazonaws.com/"
 *
 * @throws CreateSessionError with step `configure`.
 */
export function resolveSessionConfig(
  input: SessionConfigInput,
  names: OptionNames = PROVIDER_OPTION_NAMES,
): SessionConfig {
  const anchor = checkArn(input.trustAnchorArn, names.trustAnchorArn, "rolesanywhere", "trust-anchor");
  const profile = checkArn(input.profileArn, names.profileArn, "rolesanywhere", "profile");
  checkArn(input.roleArn, names.roleArn, "iam", "role");
  if (anchor.region !== profile.region) {
    throw invalid(
      `the regions of ${names.trustAnchorArn} (${anchor.region}) and ${names.profileArn} (${profile.region}) differ; a trust anchor and a profile are used together in one region`,
    );
  }
  const region = input.region === undefined || input.region === "" ? anchor.region : input.region;
  if (!REGION.test(region)) {
    throw invalid(`${names.region} ${shown(region)} is not a region name such as us-east-1`);
  }
  const endpoint =
    input.endpoint === undefined || input.endpoint === ""
      ? defaultEndpoint(region)
      : parseEndpoint(input.endpoint, names.endpoint);
  const config: { -readonly [K in keyof SessionConfig]: SessionConfig[K] } = {
    trustAnchorArn: input.trustAnchorArn,
    profileArn: input.profileArn,
    roleArn: input.roleArn,
    region,
    endpoint,
  };
  const duration = input.durationSeconds;
  if (duration !== undefined) {
    if (!Number.isInteger(duration) || duration < MIN_DURATION_SECONDS || duration > MAX_DURATION_SECONDS) {
      throw invalid(
        `${names.durationSeconds} ${String(duration)} is out of range; give whole seconds from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS}`,
      );
    }
    config.durationSeconds = duration;
  }
  const name = input.roleSessionName;
  if (name !== undefined) {
    if (
      name.length < MIN_ROLE_SESSION_NAME_LENGTH ||
      name.length > MAX_ROLE_SESSION_NAME_LENGTH ||
      !ROLE_SESSION_NAME.test(name)
    ) {
      throw invalid(
        `${names.roleSessionName} ${shown(name)} must be ${MIN_ROLE_SESSION_NAME_LENGTH} to ${MAX_ROLE_SESSION_NAME_LENGTH} characters of letters, digits and _+=,.@-`,
      );
    }
    config.roleSessionName = name;
  }
  return config;
}
