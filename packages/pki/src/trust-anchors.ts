// Trust anchor sets: built once per anchor (bundle), indexed by subject name for path building.
import { describeCertificate, type ParsedCertificate } from "./certificate.js";
import { PkiError } from "./errors.js";
import { parseCertificatePems } from "./pem.js";
import { sharedPkiCache, type PkiCache } from "./pki-cache.js";
import { keyStrengthProblem } from "./public-key.js";

/** The certificates a path may end at (roots or intermediate CAs), indexed by subject. */
export class TrustAnchorSet {
  private readonly bySubjectKey = new Map<string, ParsedCertificate[]>();
  private readonly hashes = new Set<string>();
  /** Distinct certificates, in bundle order (duplicates removed). */
  readonly certificates: readonly ParsedCertificate[];

  constructor(certificates: readonly ParsedCertificate[]) {
    const list: ParsedCertificate[] = [];
    for (const c of certificates) {
      if (this.hashes.has(c.sha256)) continue;
      this.hashes.add(c.sha256);
      list.push(c);
      const k = c.subject.key;
      const bucket = this.bySubjectKey.get(k);
      if (bucket) bucket.push(c);
      else this.bySubjectKey.set(k, [c]);
    }
    this.certificates = list;
  }

  /** Number of distinct certificates (Roles Anywhere allows 2 per trust anchor; the server enforces it). */
  get size(): number {
    return this.certificates.length;
  }

  /** Anchors whose subject matches a name key (see DistinguishedName.key). */
  withSubject(nameKey: string): readonly ParsedCertificate[] {
    return this.bySubjectKey.get(nameKey) ?? [];
  }

  /** Whether this exact certificate (by DER hash) is an anchor. */
  includes(cert: ParsedCertificate): boolean {
    return this.hashes.has(cert.sha256);
  }

  /** RFC 4514 subjects, for messages. */
  get subjects(): string[] {
    return this.certificates.map((c) => c.subject.text);
  }
}

export interface TrustAnchorOptions {
  readonly cache?: PkiCache;
}

/**
 * A set from certificates as given, without the Roles Anywhere CA checks (the path validator
 * still checks the anchor it ends at). Use {@link parseTrustAnchorBundle} for operator input.
 */
export function createTrustAnchorSet(
  certificates: readonly (Uint8Array | ParsedCertificate)[],
  options: TrustAnchorOptions = {},
): TrustAnchorSet {
  const cache = options.cache ?? sharedPkiCache();
  return new TrustAnchorSet(certificates.map((c) => (c instanceof Uint8Array ? cache.certificate(c) : c)));
}

/** Why a certificate cannot be a Roles Anywhere trust anchor, with the fix; empty when it can. */
export function trustAnchorProblems(c: ParsedCertificate): string[] {
  const out: string[] = [];
  if (c.version !== 3) out.push(`it is a version ${c.version} certificate; reissue it as X.509 v3`);
  if (!c.basicConstraints?.ca)
    out.push("basicConstraints cA is not TRUE; reissue it with `basicConstraints = critical, CA:TRUE`");
  if (!c.keyUsage?.has("keyCertSign"))
    out.push(
      "keyUsage does not include keyCertSign; reissue it with `keyUsage = critical, keyCertSign, cRLSign`",
    );
  const alg = c.signatureAlgorithm;
  if (alg.weak) out.push(`it is signed with ${alg.name}; reissue it with SHA-256 or stronger`);
  else if (alg.problem) out.push(`its signature algorithm ${alg.name} is not supported (${alg.problem})`);
  const key = keyStrengthProblem(c.publicKey) ?? c.publicKey.problem;
  if (key) out.push(`${key}; use RSA 2048+ or EC P-256/P-384/P-521`);
  for (const d of c.defects) if (!d.pedantic) out.push(d.message);
  return out;
}

/**
 * Parses an operator-supplied trust anchor bundle (one or more PEM CERTIFICATE blocks) and checks
 * each certificate is a usable CA (v3, CA:TRUE, keyCertSign, SHA-256+ signature, RSA ≥ 2048 or
 * EC P-256/384/521, well-formed). Throws `PkiError("InvalidTrustAnchor")` naming every problem.
 *
 * @example
 * const anchors = parseTrustAnchorBundle(readFileSync("ca.pem", "utf8"));
 * if (anchors.size > 2) throw new Error("Roles Anywhere allows 2 certificates per trust anchor");
 */
export function parseTrustAnchorBundle(pem: string, options: TrustAnchorOptions = {}): TrustAnchorSet {
  const cache = options.cache ?? sharedPkiCache();
  let ders: Buffer[];
  try {
    ders = parseCertificatePems(pem, "trust anchor bundle");
  } catch (cause) {
    throw new PkiError("InvalidTrustAnchor", cause instanceof Error ? cause.message : String(cause), {
      cause,
    });
  }
  if (ders.length === 0)
    throw new PkiError(
      "InvalidTrustAnchor",
      "trust anchor bundle: no -----BEGIN CERTIFICATE----- block found",
    );
  const problems: string[] = [];
  const certs: ParsedCertificate[] = [];
  ders.forEach((der, i) => {
    let c: ParsedCertificate;
    try {
      c = cache.certificate(der);
    } catch (cause) {
      problems.push(`certificate ${i + 1}: ${cause instanceof Error ? cause.message : String(cause)}`);
      return;
    }
    const p = trustAnchorProblems(c);
    if (p.length > 0) problems.push(`certificate ${i + 1} ${describeCertificate(c)}: ${p.join("; ")}`);
    certs.push(c);
  });
  if (problems.length > 0)
    throw new PkiError("InvalidTrustAnchor", `trust anchor bundle is not usable: ${problems.join(" | ")}`);
  return new TrustAnchorSet(certs);
}
