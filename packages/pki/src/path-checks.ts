// The checks RFC 5280 §6.1 (and the Roles Anywhere end-entity rules) run on a complete candidate
// path [leaf, intermediates…, anchor]. Signatures and name chaining were verified by the builder.
import { describeCertificate, type ParsedCertificate } from "./certificate.js";
import type { PathErrorCode } from "./errors.js";
import { NameConstraintBudgetExceeded, NameConstraintState, constrainedNames } from "./name-constraints.js";
import type { PkiCache } from "./pki-cache.js";
import { PolicyState } from "./policy-processing.js";
import { keyStrengthProblem } from "./public-key.js";
import type { RevocationIndex } from "./revocation-index.js";

export type ValidationProfile = "rfc5280" | "roles-anywhere";
export type CertificateRole = "leaf" | "intermediate" | "anchor";

/** Which certificate a failure is about. */
export interface CertificateRef {
  readonly role: CertificateRole;
  /** RFC 4514 subject. */
  readonly subject: string;
  readonly serialHex: string;
  readonly sha256: string;
}

export interface PathFailure {
  readonly ok: false;
  readonly code: PathErrorCode;
  /** What failed, on which certificate, and how to fix it. */
  readonly reason: string;
  readonly certificate: CertificateRef | undefined;
}

export interface CheckContext {
  readonly profile: ValidationProfile;
  /** Validation time truncated to whole seconds (certificate times have second precision). */
  readonly timeMs: number;
  readonly cache: PkiCache;
  readonly revocation: RevocationIndex | undefined;
  readonly maxNameComparisons: number;
  /** Non-fatal findings (stale CRLs, CRLs that did not verify) are appended here. */
  readonly warnings: string[];
}

export const refOf = (c: ParsedCertificate, role: CertificateRole): CertificateRef => ({
  role,
  subject: c.subject.text,
  serialHex: c.serialHex,
  sha256: c.sha256,
});

const ROLE_NAME: Readonly<Record<CertificateRole, string>> = {
  leaf: "leaf",
  intermediate: "intermediate",
  anchor: "trust anchor",
};

export const named = (c: ParsedCertificate, role: CertificateRole): string =>
  `${ROLE_NAME[role]} ${describeCertificate(c)}`;

export const fail = (
  code: PathErrorCode,
  c: ParsedCertificate | undefined,
  role: CertificateRole,
  reason: string,
): PathFailure => ({ ok: false, code, reason, certificate: c ? refOf(c, role) : undefined });

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Checks that depend on one certificate, its role and the time: defects, validity, algorithms,
 * key strength, CA-ness and key usage of issuers, the Roles Anywhere end-entity rules.
 */
export function checkCertificate(
  c: ParsedCertificate,
  role: CertificateRole,
  ctx: Pick<CheckContext, "profile" | "timeMs">,
): PathFailure | undefined {
  const who = named(c, role);
  const strict = ctx.profile === "rfc5280";
  const ra = ctx.profile === "roles-anywhere";
  for (const d of c.defects) {
    if (d.pedantic && !strict) continue;
    if (d.anchorExempt && role === "anchor") continue;
    return fail(d.code, c, role, `${who}: ${d.message}; reissue the certificate`);
  }
  if (ctx.timeMs < c.notBefore.getTime())
    return fail(
      "NotYetValid",
      c,
      role,
      `${who} is not valid before ${c.notBefore.toISOString()} (validation time ${iso(ctx.timeMs)}); check the clocks or wait until it becomes valid`,
    );
  if (ctx.timeMs > c.notAfter.getTime())
    return fail(
      "Expired",
      c,
      role,
      `${who} expired at ${c.notAfter.toISOString()} (validation time ${iso(ctx.timeMs)}); renew it and use the new certificate`,
    );
  // A trust anchor's own signature is not part of path validation (RFC 5280 §6.1.1 (d)); Roles
  // Anywhere still refuses anchors signed with MD5/SHA-1 (spec §1.1, §5.2).
  if (role !== "anchor" || ra) {
    const alg = c.signatureAlgorithm;
    if (alg.weak)
      return fail(
        "WeakSignatureAlgorithm",
        c,
        role,
        `${who} is signed with ${alg.name}; MD5, SHA-1 and SHA-224 are refused, reissue it with SHA-256 or stronger`,
      );
    if (alg.problem)
      return fail(
        "UnsupportedAlgorithm",
        c,
        role,
        `${who} uses signature algorithm ${alg.name}: ${alg.problem}`,
      );
    if (ra && alg.kind === "eddsa")
      return fail(
        "UnsupportedAlgorithm",
        c,
        role,
        `${who} is signed with ${alg.name}; Roles Anywhere accepts RSA and ECDSA`,
      );
  }
  const pk = c.publicKey;
  if (pk.problem) return fail(pk.problemCode ?? "UnsupportedAlgorithm", c, role, `${who}: ${pk.problem}`);
  const weak = keyStrengthProblem(pk);
  if (weak) return fail("WeakKey", c, role, `${who} has an ${weak}; reissue it with a stronger key`);
  if (ra && (pk.type === "ed25519" || pk.type === "ed448"))
    return fail(
      "UnsupportedAlgorithm",
      c,
      role,
      `${who} has an ${pk.type} key; Roles Anywhere accepts RSA and EC keys`,
    );
  // AKI exists "to facilitate certification path construction" (RFC 5280 §4.2.1.1); nothing is
  // built above a trust anchor, so the anchor is exempt (see CONFORMANCE.md).
  if (strict && role !== "anchor" && !c.selfIssued && c.authorityKeyId?.keyId === undefined)
    return fail(
      "InvalidCertificate",
      c,
      role,
      `${who} has no authorityKeyIdentifier keyIdentifier (RFC 5280 §4.2.1.1); reissue it with \`authorityKeyIdentifier = keyid:always\``,
    );
  return role === "leaf" ? checkLeaf(c, who, ctx.profile) : checkIssuer(c, role, who, ctx.profile);
}

function checkIssuer(
  c: ParsedCertificate,
  role: CertificateRole,
  who: string,
  profile: ValidationProfile,
): PathFailure | undefined {
  const bc = c.basicConstraints;
  if (!bc?.ca)
    return fail(
      "NotACa",
      c,
      role,
      `${who} issues certificates in this path but ${bc ? "its basicConstraints cA is FALSE" : "it has no basicConstraints"}; reissue it with \`basicConstraints = critical, CA:TRUE\`${role === "intermediate" ? " or remove it from the chain" : ""}`,
    );
  if (profile === "rfc5280" && !bc.critical)
    return fail(
      "InvalidCertificate",
      c,
      role,
      `${who}: basicConstraints must be critical in a CA certificate (RFC 5280 §4.2.1.9)`,
    );
  if (c.keyUsage ? !c.keyUsage.has("keyCertSign") : profile === "roles-anywhere")
    return fail(
      "KeyUsageMissing",
      c,
      role,
      `${who} issues certificates but its keyUsage ${c.keyUsage ? "lacks keyCertSign" : "extension is missing (Roles Anywhere requires keyCertSign)"}; reissue it with \`keyUsage = critical, keyCertSign, cRLSign\``,
    );
  if (c.subject.isEmpty)
    return fail(
      "InvalidCertificate",
      c,
      role,
      `${who}: a CA certificate must have a non-empty subject (RFC 5280 §4.1.2.6)`,
    );
  if (profile === "rfc5280" && c.subjectKeyId === undefined)
    return fail(
      "InvalidCertificate",
      c,
      role,
      `${who}: a CA certificate must carry subjectKeyIdentifier (RFC 5280 §4.2.1.2); reissue it with \`subjectKeyIdentifier = hash\``,
    );
  return undefined;
}

function checkLeaf(c: ParsedCertificate, who: string, profile: ValidationProfile): PathFailure | undefined {
  if (profile !== "roles-anywhere") return undefined;
  if (c.version !== 3)
    return fail(
      "InvalidCertificate",
      c,
      "leaf",
      `${who} is an X.509 v${c.version} certificate; Roles Anywhere requires v3`,
    );
  if (c.basicConstraints?.ca)
    return fail(
      "LeafIsCa",
      c,
      "leaf",
      `${who} is a CA certificate (basicConstraints cA=TRUE) used as the signing certificate; issue an end-entity certificate with \`basicConstraints = critical, CA:FALSE\``,
    );
  if (!c.keyUsage?.has("digitalSignature"))
    return fail(
      "KeyUsageMissing",
      c,
      "leaf",
      `${who} ${c.keyUsage ? "has keyUsage without digitalSignature" : "has no keyUsage extension"}; Roles Anywhere requires digitalSignature, reissue it with \`keyUsage = critical, digitalSignature\``,
    );
  if (c.subject.isEmpty)
    return fail(
      "InvalidCertificate",
      c,
      "leaf",
      `${who} has an empty subject, which Roles Anywhere does not support`,
    );
  return undefined;
}

/**
 * Runs §6.1.3–6.1.5 over `path` = [leaf, …, anchor]: per-certificate checks, pathLenConstraint,
 * name constraints, policy constraints and revocation.
 */
export function checkPath(path: readonly ParsedCertificate[], ctx: CheckContext): PathFailure | undefined {
  const n = path.length - 1; // certificates below the anchor
  const anchor = path[n]!;
  const anchorCheck = checkCertificate(anchor, "anchor", ctx);
  if (anchorCheck) return anchorCheck;
  let maxPathLen = anchor.basicConstraints?.pathLen ?? Infinity;
  let pathLenSetBy = anchor;
  const nc = new NameConstraintState(ctx.maxNameComparisons);
  if (anchor.nameConstraints) nc.add(anchor.nameConstraints);
  const policy = new PolicyState(n);
  policy.applyAnchor(anchor);

  for (let j = n - 1; j >= 0; j--) {
    const c = path[j]!;
    const issuer = path[j + 1]!;
    const role: CertificateRole = j === 0 ? "leaf" : "intermediate";
    const who = named(c, role);
    const own = checkCertificate(c, role, ctx);
    if (own) return own;

    const revoked = checkRevocation(c, role, issuer, ctx);
    if (revoked) return revoked;

    if (role === "leaf" || !c.selfIssued) {
      let violation: string | undefined;
      try {
        violation = nc.check(constrainedNames(c.subject, c.subjectAltName));
      } catch (cause) {
        if (!(cause instanceof NameConstraintBudgetExceeded)) throw cause;
        return fail(
          "PathBuildingLimit",
          c,
          role,
          `name constraints too complex to evaluate for ${who}: ${cause.message}; refused to bound the work`,
        );
      }
      if (violation) return fail("NameConstraintViolation", c, role, `${who}: ${violation}`);
    }

    const policyViolation = policy.process(c, n - j);
    if (policyViolation) return fail("PolicyViolation", c, role, `${who}: ${policyViolation}`);

    if (role === "intermediate") {
      if (!c.selfIssued) {
        if (maxPathLen <= 0)
          return fail(
            "PathLengthExceeded",
            c,
            role,
            `${who} is one CA too many: ${describeCertificate(pathLenSetBy)} allows no further intermediate CAs below it (pathLenConstraint); shorten the chain or reissue that CA with a larger pathlen`,
          );
        maxPathLen--;
      }
      const pl = c.basicConstraints?.pathLen;
      if (pl !== undefined && pl < maxPathLen) {
        maxPathLen = pl;
        pathLenSetBy = c;
      }
      if (c.nameConstraints) nc.add(c.nameConstraints);
    }
  }
  return undefined;
}

function checkRevocation(
  c: ParsedCertificate,
  role: CertificateRole,
  issuer: ParsedCertificate,
  ctx: CheckContext,
): PathFailure | undefined {
  const index = ctx.revocation;
  if (!index) return undefined;
  const who = named(c, role);
  for (const crl of index.crlsFor(c.issuer.key)) {
    if (
      (crl.scope === "user-certs" && c.basicConstraints?.ca) ||
      (crl.scope === "ca-certs" && !c.basicConstraints?.ca)
    )
      continue;
    const from = `the CRL of "${crl.issuer.text}" (thisUpdate ${crl.thisUpdate.toISOString()})`;
    const alg = crl.signatureAlgorithm;
    if (alg.weak || alg.problem)
      return fail(
        "RevocationCheckFailed",
        c,
        role,
        `cannot check whether ${who} is revoked: ${from} is signed with ${alg.name}, which is refused; re-issue the CRL with SHA-256+`,
      );
    if (!ctx.cache.signedBy(crl, issuer)) {
      ctx.warnings.push(
        `${from} was ignored for ${who}: its signature does not verify with the issuer's key`,
      );
      continue;
    }
    if (issuer.keyUsage && !issuer.keyUsage.has("cRLSign"))
      return fail(
        "RevocationCheckFailed",
        c,
        role,
        `cannot check whether ${who} is revoked: ${from} cannot be used because the issuing CA ${describeCertificate(issuer)} lacks keyUsage cRLSign; reissue the CA with cRLSign or remove the CRL`,
      );
    if (crl.number === undefined) {
      if (ctx.profile === "rfc5280")
        return fail(
          "RevocationCheckFailed",
          c,
          role,
          `cannot check whether ${who} is revoked: ${from} has no cRLNumber extension (RFC 5280 §5.2.3); re-issue the CRL`,
        );
      ctx.warnings.push(`${from} has no cRLNumber extension`);
    }
    if (crl.nextUpdate !== undefined && crl.nextUpdate.getTime() < ctx.timeMs)
      ctx.warnings.push(
        `${from} is stale: its nextUpdate ${crl.nextUpdate.toISOString()} has passed; import a fresh CRL`,
      );
    const entry = index.entryIn(crl, c.serialHex);
    if (entry)
      return fail(
        "Revoked",
        c,
        role,
        `${who} is revoked by ${from}: revoked at ${entry.revocationDate.toISOString()}${entry.reason ? `, reason ${entry.reason}` : ""}`,
      );
  }
  return undefined;
}
