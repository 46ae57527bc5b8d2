import type { CredentialProcessFlags } from "./credential-process.js";

/** One flag of `credential-process`: its long name, its value placeholder (none for a switch), its help. */
export interface CredentialProcessOption {
  /** The long name without dashes, e.g. `trust-anchor-arn`; `no-verify-ssl` negates `verifySsl`. */
  readonly name: string;
  /** Placeholder of the value (`path`, `arn`…); absent for a switch. */
  readonly value?: string;
  readonly description: string;
}

/**
 * The flags of `credential-process`, AWS's helper v1.4's names plus `--pkcs8-password`,
 * `--passphrase-file`, `--pkcs11-lib` and `--reuse-pin` (the helper's later PKCS#11 flags) and
 * `--cache`. The ONE list both parsers read: commander (help, and the slow path) and the
 * `util.parseArgs` fast path that runs the command without loading commander.
 */
export const CREDENTIAL_PROCESS_OPTIONS: readonly CredentialProcessOption[] = [
  {
    name: "certificate",
    value: "path",
    description: "leaf certificate (PEM or DER), or a PKCS#12 bundle with key and chain",
  },
  {
    name: "private-key",
    value: "path",
    description: "private key of the certificate (PKCS#8, PKCS#1 or SEC1; PEM or DER)",
  },
  {
    name: "intermediates",
    value: "path",
    description: "intermediate CA certificates, sent as X-Amz-X509-Chain in file order",
  },
  { name: "trust-anchor-arn", value: "arn", description: "ARN of the trust anchor" },
  { name: "profile-arn", value: "arn", description: "ARN of the profile" },
  { name: "role-arn", value: "arn", description: "ARN of the role to assume" },
  {
    name: "session-duration",
    value: "seconds",
    description:
      "requested session duration, 900 to 43200 seconds (default 3600, as AWS's helper sends; the profile may allow more)",
  },
  { name: "role-session-name", value: "name", description: "role session name (the profile must accept it)" },
  { name: "region", value: "region", description: "signing region (default: the trust anchor ARN's region)" },
  {
    name: "endpoint",
    value: "url",
    description: "Roles Anywhere endpoint (default https://rolesanywhere.<region>.amazonaws.com)",
  },
  { name: "no-verify-ssl", description: "do not check the endpoint's TLS certificate (testing only)" },
  { name: "with-proxy", description: "send through HTTPS_PROXY / HTTP_PROXY, honouring NO_PROXY" },
  {
    name: "debug",
    description:
      "print the configuration (secrets masked), canonical request, string to sign and response status to stderr",
  },
  {
    name: "pkcs8-password",
    value: "password",
    description: "passphrase of an encrypted PKCS#8 key or PKCS#12 bundle",
  },
  { name: "passphrase-file", value: "path", description: "file whose first line is the key's passphrase" },
  {
    name: "pkcs11-lib",
    value: "path",
    description:
      "PKCS#11 module for pkcs11: URIs in --certificate / --private-key (default: the URI's module-path, else p11-kit-proxy.so); PIN from the URI, ANCHORAGE_PKCS11_PIN or a prompt",
  },
  {
    name: "reuse-pin",
    description:
      "give a PKCS#11 key that asks for its PIN at every use (CKA_ALWAYS_AUTHENTICATE) the token's user PIN",
  },
  {
    name: "cache",
    description:
      "reuse credentials until 5 minutes before they expire, from the per-user cache ($XDG_CACHE_HOME/anchorage or ~/.cache/anchorage)",
  },
];

/** `trust-anchor-arn` → `trustAnchorArn`, as commander names option values. */
export const camelCase = (name: string): string =>
  name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Flags from `util.parseArgs` values (keyed by long name) in commander's shape: camel-case keys,
 * `no-verify-ssl` as `verifySsl: false`.
 */
export function flagsFromValues(
  values: Readonly<Record<string, string | boolean | undefined>>,
): CredentialProcessFlags {
  const flags: Record<string, string | boolean> = {};
  for (const option of CREDENTIAL_PROCESS_OPTIONS) {
    const value = values[option.name];
    if (value === undefined) continue;
    if (option.name.startsWith("no-")) flags[camelCase(option.name.slice(3))] = value !== true;
    else flags[camelCase(option.name)] = value;
  }
  return flags as CredentialProcessFlags;
}
