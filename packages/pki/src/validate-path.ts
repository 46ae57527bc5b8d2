// Certification path building and validation: from the leaf through the supplied intermediates
// (unordered, attacker-controlled) to a certificate of the trust anchor set. The search is a
// depth-first walk over issuer candidates matched by subject name, bounded by depth, by the number
// of candidates and signature checks examined, and by time, with loop detection.
import { performance } from "node:perf_hooks";
import type { ParsedCertificate } from "./certificate.js";
import type { PathErrorCode } from "./errors.js";
import {
  checkCertificate,
  checkPath,
  fail,
  named,
  type CertificateRef,
  type CheckContext,
  type PathFailure,
  type ValidationProfile,
} from "./path-checks.js";
import { sharedPkiCache, type PkiCache } from "./pki-cache.js";
import type { RevocationIndex } from "./revocation-index.js";
import type { TrustAnchorSet } from "./trust-anchors.js";

export type { CertificateRef, ValidationProfile } from "./path-checks.js";

/** Work bounds for one validation (defaults in {@link DEFAULT_PATH_LIMITS}). */
export interface PathLimits {
  /** Intermediates accepted as input (more is refused before any parsing). */
  readonly maxInputIntermediates: number;
  /** Issuer candidates examined across the whole search. */
  readonly maxCandidates: number;
  /** Signature verifications actually computed (cached verdicts are free). */
  readonly maxSignatureChecks: number;
  /** Name/constraint comparisons per candidate path. */
  readonly maxNameComparisons: number;
  /** Wall-clock budget for the search, in milliseconds. */
  readonly maxMillis: number;
}

export const DEFAULT_PATH_LIMITS: PathLimits = {
  maxInputIntermediates: 32,
  maxCandidates: 256,
  maxSignatureChecks: 64,
  maxNameComparisons: 262_144,
  maxMillis: 1_000,
};

/** Default maximum number of intermediates (Roles Anywhere accepts at most 5 in X-Amz-X509-Chain). */
export const DEFAULT_MAX_DEPTH = 5;
/** Absolute cap on intermediates in a path, self-issued ones included; `maxDepth` is clamped to it. */
export const HARD_MAX_INTERMEDIATES = 16;

export interface ValidatePathOptions {
  /** The end-entity certificate, DER. */
  readonly leaf: Uint8Array;
  /** Candidate intermediates, DER, in any order (may contain decoys, duplicates, cycles). */
  readonly intermediates: readonly Uint8Array[];
  readonly anchors: TrustAnchorSet;
  /** Validation time (truncated to whole seconds: notBefore/notAfter are inclusive, RFC 5280 §4.1.2.5). */
  readonly time: Date;
  /** CRLs of the trust anchor; every non-anchor certificate whose issuer has one is checked. */
  readonly revocation?: RevocationIndex;
  /**
   * Maximum intermediates between leaf and anchor, not counting self-issued ones (RFC 5280
   * §4.2.1.9 counting). Default {@link DEFAULT_MAX_DEPTH}; at most {@link HARD_MAX_INTERMEDIATES}.
   */
  readonly maxDepth?: number;
  /**
   * "roles-anywhere" (default): RFC 5280 path rules plus the Roles Anywhere requirements (leaf v3,
   * not a CA, digitalSignature; CAs with keyCertSign; SHA-256+ everywhere including the anchor),
   * without RFC 5280's issuance-only rules. "rfc5280": RFC 5280 including those issuance rules
   * (AKI/SKI presence, criticality flags, SAN syntax, cRLNumber) and no end-entity rules.
   */
  readonly profile?: ValidationProfile;
  readonly cache?: PkiCache;
  readonly limits?: Partial<PathLimits>;
}

export type PathValidationResult =
  | {
      readonly ok: true;
      /** leaf, intermediates…, anchor. */
      readonly path: readonly ParsedCertificate[];
      readonly warnings: readonly string[];
    }
  | {
      readonly ok: false;
      readonly code: PathErrorCode;
      /** Precise reason: which certificate (subject DN + serial), which check, how to fix it. */
      readonly reason: string;
      readonly certificate: CertificateRef | undefined;
      readonly warnings: readonly string[];
    };

class LimitReached extends Error {
  override readonly name = "LimitReached";
}

interface Ranked {
  readonly failure: PathFailure;
  readonly rank: number;
}

/**
 * Validates a client certificate path (RFC 5280 §6, no name checks).
 *
 * @example
 * const anchors = parseTrustAnchorBundle(bundlePem);
 * const r = validatePath({ leaf: leafDer, intermediates: chainDers, anchors, time: new Date(), revocation });
 * if (!r.ok) log.warn({ code: r.code }, r.reason);
 */
export function validatePath(options: ValidatePathOptions): PathValidationResult {
  const cache = options.cache ?? sharedPkiCache();
  const limits: PathLimits = { ...DEFAULT_PATH_LIMITS, ...options.limits };
  const warnings: string[] = [];
  const withWarnings = (f: PathFailure): PathValidationResult => ({ ...f, warnings });

  if (options.intermediates.length > limits.maxInputIntermediates)
    return withWarnings(
      fail(
        "PathBuildingLimit",
        undefined,
        "intermediate",
        `${options.intermediates.length} intermediate certificates were supplied; at most ${limits.maxInputIntermediates} are examined — send only the chain from the leaf to the trust anchor`,
      ),
    );
  let leaf: ParsedCertificate;
  try {
    leaf = cache.certificate(options.leaf);
  } catch (cause) {
    return withWarnings(
      fail("Malformed", undefined, "leaf", `the leaf certificate cannot be parsed: ${message(cause)}`),
    );
  }
  const intermediates: ParsedCertificate[] = [];
  const seen = new Set<string>([leaf.sha256]);
  for (const [i, der] of options.intermediates.entries()) {
    let c: ParsedCertificate;
    try {
      c = cache.certificate(der);
    } catch (cause) {
      return withWarnings(
        fail(
          "Malformed",
          undefined,
          "intermediate",
          `intermediate certificate #${i + 1} cannot be parsed: ${message(cause)}`,
        ),
      );
    }
    if (seen.has(c.sha256) || options.anchors.includes(c)) continue;
    seen.add(c.sha256);
    intermediates.push(c);
  }

  const ctx: CheckContext = {
    profile: options.profile ?? "roles-anywhere",
    timeMs: Math.floor(options.time.getTime() / 1000) * 1000,
    cache,
    revocation: options.revocation,
    maxNameComparisons: limits.maxNameComparisons,
    warnings,
  };
  if (options.anchors.includes(leaf))
    return withWarnings(
      fail(
        "NoPathToAnchor",
        leaf,
        "leaf",
        `${named(leaf, "leaf")} is itself one of the trust anchor's certificates; a trust anchor cannot be the signing certificate — issue a client certificate from it`,
      ),
    );
  const leafProblem = checkCertificate(leaf, "leaf", ctx);
  if (leafProblem) return withWarnings(leafProblem);

  const search = new PathSearch(
    options.anchors,
    intermediates,
    ctx,
    limits,
    Math.min(Math.max(0, options.maxDepth ?? DEFAULT_MAX_DEPTH), HARD_MAX_INTERMEDIATES),
  );
  try {
    const path = search.run(leaf);
    if (path) return { ok: true, path, warnings };
  } catch (cause) {
    if (!(cause instanceof LimitReached)) throw cause;
    return withWarnings(
      fail(
        "PathBuildingLimit",
        leaf,
        "leaf",
        `path building for ${named(leaf, "leaf")} stopped: ${cause.message}`,
      ),
    );
  }
  return withWarnings(search.bestFailure(leaf));
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

class PathSearch {
  private readonly bySubject = new Map<string, ParsedCertificate[]>();
  private candidates = 0;
  private readonly startVerifications: number;
  private readonly deadline: number;
  private best: Ranked | undefined;

  constructor(
    private readonly anchors: TrustAnchorSet,
    private readonly intermediates: readonly ParsedCertificate[],
    private readonly ctx: CheckContext,
    private readonly limits: PathLimits,
    private readonly maxDepth: number,
  ) {
    for (const c of intermediates) {
      const list = this.bySubject.get(c.subject.key);
      if (list) list.push(c);
      else this.bySubject.set(c.subject.key, [c]);
    }
    this.startVerifications = ctx.cache.verifications;
    this.deadline = performance.now() + limits.maxMillis;
  }

  run(leaf: ParsedCertificate): ParsedCertificate[] | undefined {
    return this.extend([leaf], 0);
  }

  private record(failure: PathFailure, depth: number, noPath = false): void {
    const rank = depth * 2 + (noPath ? 0 : 1);
    if (!this.best || rank > this.best.rank) this.best = { failure, rank };
  }

  private tick(): void {
    if (++this.candidates > this.limits.maxCandidates)
      throw new LimitReached(`more than ${this.limits.maxCandidates} issuer candidates examined`);
    if (this.ctx.cache.verifications - this.startVerifications > this.limits.maxSignatureChecks)
      throw new LimitReached(`more than ${this.limits.maxSignatureChecks} signature verifications`);
    if (performance.now() > this.deadline)
      throw new LimitReached(`time budget of ${this.limits.maxMillis} ms exhausted`);
  }

  /** Orders candidates: AKI/SKI match first, then those valid at the validation time. */
  private order(child: ParsedCertificate, list: readonly ParsedCertificate[]): ParsedCertificate[] {
    const aki = child.authorityKeyId?.keyId;
    const score = (c: ParsedCertificate): number => {
      let s = 0;
      if (aki && c.subjectKeyId) s += aki.equals(c.subjectKeyId) ? 0 : 4;
      else s += 2;
      if (this.ctx.timeMs < c.notBefore.getTime() || this.ctx.timeMs > c.notAfter.getTime()) s += 1;
      return s;
    };
    return list.length < 2 ? [...list] : [...list].sort((a, b) => score(a) - score(b));
  }

  private signatureFailure(
    child: ParsedCertificate,
    childRole: "leaf" | "intermediate",
    issuer: ParsedCertificate,
    issuerRole: "intermediate" | "anchor",
  ): PathFailure | undefined {
    if (this.ctx.cache.signedBy(child, issuer)) return undefined;
    return fail(
      "BadSignature",
      child,
      childRole,
      `the signature of ${named(child, childRole)} does not verify with the key of ${named(issuer, issuerRole)}, although the names chain: it was signed by another key under the same CA name (a re-keyed CA, or a forged certificate); ${
        issuerRole === "anchor"
          ? "add the CA certificate that issued it to the trust anchor"
          : "send the issuer certificate that matches its key"
      }`,
    );
  }

  private extend(path: ParsedCertificate[], depth: number): ParsedCertificate[] | undefined {
    const cur = path[path.length - 1]!;
    const curRole = path.length === 1 ? "leaf" : "intermediate";
    const anchors = this.order(cur, this.anchors.withSubject(cur.issuer.key));
    let tried = 0;
    for (const a of anchors) {
      if (path.some((p) => p.sha256 === a.sha256)) continue;
      tried++;
      this.tick();
      const sig = this.signatureFailure(cur, curRole, a, "anchor");
      if (sig) {
        this.record(sig, path.length + 1);
        continue;
      }
      const candidate = [...path, a];
      const failure = checkPath(candidate, this.ctx);
      if (!failure) return candidate;
      this.record(failure, candidate.length);
    }
    const issuers = this.bySubject.get(cur.issuer.key) ?? [];
    for (const c of this.order(cur, issuers)) {
      if (
        path.some(
          (p) =>
            p.sha256 === c.sha256 ||
            (p.subject.key === c.subject.key && p.publicKey.spkiSha256 === c.publicKey.spkiSha256),
        )
      )
        continue; // a loop (RFC 4158 §5.2: same subject and key already in the path)
      tried++;
      this.tick();
      const nextDepth = depth + (c.selfIssued ? 0 : 1);
      if (nextDepth > this.maxDepth || path.length - 1 >= HARD_MAX_INTERMEDIATES) {
        this.record(
          fail(
            "PathLengthExceeded",
            c,
            "intermediate",
            `reaching a trust anchor through ${named(c, "intermediate")} needs more than ${this.maxDepth} intermediate CAs, the maximum allowed; shorten the chain`,
          ),
          path.length + 1,
        );
        continue;
      }
      const own = checkCertificate(c, "intermediate", this.ctx);
      if (own) {
        this.record(own, path.length + 1);
        continue;
      }
      const sig = this.signatureFailure(cur, curRole, c, "intermediate");
      if (sig) {
        this.record(sig, path.length + 1);
        continue;
      }
      const found = this.extend([...path, c], nextDepth);
      if (found) return found;
    }
    if (tried === 0)
      this.record(this.noPath(cur, curRole, anchors.length + issuers.length > 0), path.length, true);
    return undefined;
  }

  private noPath(cur: ParsedCertificate, role: "leaf" | "intermediate", onlyLoops = false): PathFailure {
    const tried = this.anchors.subjects.map((s) => `"${s}"`).join(", ") || "none";
    const who = named(cur, role);
    const selfSigned = cur.selfIssued && role === "intermediate";
    const reason = selfSigned
      ? `no path to the trust anchor: ${who} is a self-issued root that is not one of the trust anchor's certificates (${tried}); add it to the trust anchor or send a chain that ends at one of them`
      : onlyLoops
        ? `no path to the trust anchor: the issuer of ${who} is "${cur.issuer.text}", but every certificate with that subject is already in the path (the intermediates sign each other in a loop) and none of the trust anchor's certificates (${tried}) issued it; send the chain that ends at the trust anchor`
        : `no path to the trust anchor: the issuer of ${who} is "${cur.issuer.text}", but no certificate with that subject is among the ${this.intermediates.length} intermediate certificate(s) supplied or the trust anchor's certificates (${tried}); send the issuing CA certificate in the chain (X-Amz-X509-Chain) or add it to the trust anchor`;
    return fail("NoPathToAnchor", cur, role, reason);
  }

  bestFailure(leaf: ParsedCertificate): PathFailure {
    return this.best?.failure ?? this.noPath(leaf, "leaf");
  }
}
