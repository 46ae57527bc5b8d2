// The Roles Anywhere certificate requirements (spec §1.1 for trust anchors, §5.2 for signing
// certificates) as a lint: every finding says what is wrong and how to fix it.
import { parseCertificate, type ParsedCertificate } from "./certificate.js";
import { certificateAttributes, isSessionTagValue, type Attribute } from "./certificate-attributes.js";
import { keyStrengthProblem, describeKey } from "./public-key.js";
import { subjectCommonName } from "./session-identity.js";

export type LintRole = "anchor" | "leaf";

export interface LintFinding {
  /** Stable identifier of the rule, e.g. `leaf-key-usage`. */
  readonly id: string;
  readonly severity: "error" | "warning";
  /** What is wrong. */
  readonly message: string;
  /** How to fix it: the openssl extension line or the `anchorage` flag. */
  readonly fix: string;
}

export interface LintOptions {
  /** Time for the validity checks. */
  readonly now: Date;
}

const DAY = 86_400_000;
/** Roles Anywhere's default expiry notification threshold (spec §6). */
export const EXPIRY_WARNING_DAYS = 45;
/** Leaf validity beyond which we warn (long-lived credentials are hard to revoke). */
export const LEAF_MAX_DAYS = 825;
/** Trust anchor validity beyond which we warn. */
export const ANCHOR_MAX_DAYS = 30 * 365;

const REISSUE_CA = "anchorage ca init (or openssl with the extensions shown)";
const REISSUE_LEAF = "anchorage cert issue (or openssl with the extensions shown)";

/**
 * Lints a certificate against the Roles Anywhere requirements for a trust anchor (`anchor`) or a
 * signing certificate (`leaf`). Errors are refusals Roles Anywhere (or this server) would make;
 * warnings are legal but likely to cause trouble.
 *
 * @example
 * for (const f of lintCertificate(der, "leaf", { now: new Date() })) console.log(f.severity, f.message, "→", f.fix);
 */
export function lintCertificate(der: Uint8Array, role: LintRole, options: LintOptions): LintFinding[] {
  let c: ParsedCertificate;
  try {
    c = parseCertificate(der);
  } catch (cause) {
    return [
      {
        id: "parse",
        severity: "error",
        message: cause instanceof Error ? cause.message : String(cause),
        fix: "provide a DER or PEM X.509 certificate",
      },
    ];
  }
  const out: LintFinding[] = [];
  const error = (id: string, message: string, fix: string) =>
    out.push({ id, severity: "error", message, fix });
  const warning = (id: string, message: string, fix: string) =>
    out.push({ id, severity: "warning", message, fix });
  const reissue = role === "anchor" ? REISSUE_CA : REISSUE_LEAF;

  if (c.version !== 3)
    error(
      "version",
      `the certificate is X.509 v${c.version}; Roles Anywhere requires v3`,
      `reissue it as v3 with ${reissue}`,
    );

  const alg = c.signatureAlgorithm;
  if (alg.weak)
    error(
      "signature-algorithm",
      `it is signed with ${alg.name}; MD5 and SHA-1 (and SHA-224) are refused`,
      `reissue it signed with SHA-256 or stronger (openssl: -sha256)`,
    );
  else if (alg.problem || alg.kind === "eddsa")
    error(
      "signature-algorithm",
      `its signature algorithm ${alg.name} is not accepted (${alg.problem ?? "Roles Anywhere accepts RSA and ECDSA"})`,
      `reissue it with RSA (PKCS#1 v1.5 or PSS) or ECDSA over SHA-256+`,
    );

  const keyProblem = c.publicKey.problem ?? keyStrengthProblem(c.publicKey);
  if (keyProblem || c.publicKey.type === "ed25519" || c.publicKey.type === "ed448")
    error(
      "public-key",
      `its ${describeKey(c.publicKey)} key is not accepted${keyProblem ? `: ${keyProblem}` : ""}`,
      `use an RSA key of 2048+ bits or an EC P-256/P-384/P-521 key (--key-type rsa2048|rsa3072|rsa4096|p256|p384)`,
    );

  if (c.subject.isEmpty)
    error(
      "subject-empty",
      "the subject DN is empty; Roles Anywhere does not support that even with a critical subjectAltName",
      `give it a subject, e.g. --cn NAME (openssl: -subj "/CN=NAME")`,
    );

  for (const d of c.defects) {
    if (d.code === "UnknownCriticalExtension")
      error("unknown-critical-extension", d.message, "remove the extension or mark it non-critical");
    else if (d.anchorExempt)
      error(
        "serial-invalid",
        d.message,
        "reissue it with a positive serial of at most 20 octets (anchorage uses 16 random bytes)",
      );
    else if (d.pedantic) warning("rfc5280", d.message, `reissue it with ${reissue}`);
    else error("rfc5280", d.message, `reissue it with ${reissue}`);
  }

  lintValidity(c, role, options.now, error, warning);

  if (c.subjectKeyId === undefined)
    warning(
      "ski-missing",
      "no subjectKeyIdentifier extension (path building cannot use key identifiers)",
      "add `subjectKeyIdentifier = hash`",
    );
  if (!c.selfIssued && c.authorityKeyId?.keyId === undefined)
    warning(
      "aki-missing",
      "no authorityKeyIdentifier keyIdentifier (issuers cannot be told apart after a CA key rollover)",
      "add `authorityKeyIdentifier = keyid:always`",
    );

  if (role === "anchor") lintAnchor(c, error, warning);
  else lintLeaf(c, error, warning);
  lintAttributes(c, role, warning);
  return out;
}

type Emit = (id: string, message: string, fix: string) => void;

function lintValidity(c: ParsedCertificate, role: LintRole, now: Date, error: Emit, warning: Emit): void {
  const t = now.getTime();
  const renew =
    role === "anchor"
      ? "create a new CA certificate and add it to the trust anchor before this one expires"
      : "issue a new certificate (anchorage cert issue)";
  if (t > c.notAfter.getTime()) error("validity-expired", `it expired at ${c.notAfter.toISOString()}`, renew);
  else if (t < c.notBefore.getTime())
    error(
      "validity-not-yet-valid",
      `it is not valid before ${c.notBefore.toISOString()}`,
      "check the issuing machine's clock, or wait",
    );
  else if (c.notAfter.getTime() - t < EXPIRY_WARNING_DAYS * DAY)
    warning(
      "validity-expiring",
      `it expires at ${c.notAfter.toISOString()}, within ${EXPIRY_WARNING_DAYS} days`,
      renew,
    );
  const days = Math.floor((c.notAfter.getTime() - c.notBefore.getTime()) / DAY);
  const max = role === "anchor" ? ANCHOR_MAX_DAYS : LEAF_MAX_DAYS;
  if (days > max)
    warning(
      "validity-long",
      `it is valid for ${days} days (more than ${max}); a stolen key stays useful that long unless revoked`,
      `issue it with a shorter validity (--validity-days ${role === "anchor" ? 3650 : 365})`,
    );
}

function lintAnchor(c: ParsedCertificate, error: Emit, warning: Emit): void {
  const bc = c.basicConstraints;
  if (!bc?.ca)
    error(
      "ca-basic-constraints",
      bc
        ? "basicConstraints cA is FALSE: it cannot issue certificates"
        : "no basicConstraints extension: it is not a CA",
      "reissue it with `basicConstraints = critical, CA:TRUE` (anchorage ca init)",
    );
  else if (!bc.critical)
    warning(
      "ca-basic-constraints",
      "basicConstraints is not critical (RFC 5280 requires it in CA certificates)",
      "use `basicConstraints = critical, CA:TRUE`",
    );
  const ku = c.keyUsage;
  if (!ku?.has("keyCertSign"))
    error(
      "ca-key-usage",
      ku ? "keyUsage lacks keyCertSign" : "no keyUsage extension (Roles Anywhere requires keyCertSign)",
      "reissue it with `keyUsage = critical, keyCertSign, cRLSign`",
    );
  else if (!ku.has("cRLSign"))
    warning(
      "ca-key-usage",
      "keyUsage lacks cRLSign: CRLs signed by this CA will be refused",
      "reissue it with `keyUsage = critical, keyCertSign, cRLSign`",
    );
}

function lintLeaf(c: ParsedCertificate, error: Emit, warning: Emit): void {
  if (c.basicConstraints?.ca)
    error(
      "leaf-is-ca",
      "it is a CA certificate (basicConstraints cA=TRUE); the signing certificate must not be a CA",
      "issue an end-entity certificate with `basicConstraints = critical, CA:FALSE` (anchorage cert issue)",
    );
  const ku = c.keyUsage;
  if (!ku)
    error(
      "leaf-key-usage",
      "no keyUsage extension; Roles Anywhere requires digitalSignature",
      "add `keyUsage = critical, digitalSignature`",
    );
  else if (!ku.has("digitalSignature"))
    error(
      "leaf-key-usage",
      "keyUsage lacks digitalSignature, which signing requests need",
      "add `keyUsage = critical, digitalSignature`",
    );
  const serialBytes = c.serialHex.replace(/^-/, "").length / 2;
  if (serialBytes < 8)
    warning(
      "serial-short",
      `the serial number has ${serialBytes} byte(s); with fewer than 64 random bits, serials may repeat and a CRL entry could revoke the wrong certificate`,
      "let the CA pick random 16-byte serials (anchorage does; openssl: -set_serial 0x$(openssl rand -hex 16))",
    );
  const cn = subjectCommonName(c);
  if (cn !== undefined && cn.length > 64)
    warning(
      "cn-too-long",
      `the CN has ${cn.length} characters (more than 64): the session's source identity falls back to ID=<serial>`,
      "use a CN of at most 64 characters (61 keeps the CN= prefix)",
    );
  else if (cn !== undefined && !/^[\w+=,.@-]*$/.test(cn))
    warning(
      "cn-source-identity",
      `the CN "${cn}" has characters STS does not allow in a source identity: it falls back to ID=<serial>`,
      "use only letters, digits and _+=,.@- in the CN",
    );
}

function lintAttributes(c: ParsedCertificate, role: LintRole, warning: Emit): void {
  const a = certificateAttributes(c);
  const check = (prefix: string, attrs: readonly Attribute[]) => {
    for (const [name, value] of attrs)
      if (!isSessionTagValue(value))
        warning(
          "tag-value-dropped",
          `${prefix}/${name} "${value.length > 40 ? `${value.slice(0, 40)}…` : value}" ${value.length > 256 ? "is longer than 256 characters" : "has characters outside [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]"}: Roles Anywhere drops it, so trust policies cannot condition on aws:PrincipalTag/${prefix}/${name}`,
          "use only letters, digits, spaces and _.:/=+-@ (at most 256 characters) in that attribute",
        );
  };
  if (role === "anchor") {
    check("x509Issuer", a.subject);
    return;
  }
  check("x509Subject", a.subject);
  check("x509Issuer", a.issuer);
  if (a.san.dns !== undefined) check("x509SAN", [["DNS", a.san.dns]]);
  if (a.san.uri !== undefined) check("x509SAN", [["URI", a.san.uri]]);
  if (a.san.name) check("x509SAN/Name", a.san.name);
}
