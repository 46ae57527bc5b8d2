// Caches that make the CreateSession hot path cheap after the first request with a given
// certificate: parsed certificates by DER hash, and verified signature edges (issuer → child,
// issuer → CRL). Everything cached is immutable and keyed by content hashes, so sharing one cache
// between trust anchors and requests is safe.
import { hash } from "node:crypto";
import { parseCertificate, type ParsedCertificate } from "./certificate.js";
import { PkiError } from "./errors.js";
import { LruCache } from "./lru-cache.js";
import { verifySignature } from "./signature-algorithm.js";

export interface PkiCacheOptions {
  /** Parsed certificates kept (default 4096). */
  readonly certificates?: number;
  /** Signature verdicts kept (default 16384). */
  readonly signatures?: number;
}

/** Something signed: a certificate or a CRL (its TBS bytes, signature and algorithm). */
export interface Signed {
  readonly sha256: string;
  readonly tbs: Buffer;
  readonly signature: Buffer;
  readonly signatureAlgorithm: ParsedCertificate["signatureAlgorithm"];
}

export class PkiCache {
  private readonly certs: LruCache<string, ParsedCertificate | PkiError>;
  private readonly sigs: LruCache<string, boolean>;
  /** Signature verifications actually computed (not served from the cache); for tests and benchmarks. */
  verifications = 0;

  constructor(options: PkiCacheOptions = {}) {
    this.certs = new LruCache(options.certificates ?? 4096);
    this.sigs = new LruCache(options.signatures ?? 16384);
  }

  /** Parses (or returns the cached parse of) a DER certificate; throws the cached PkiError for bad input. */
  certificate(der: Uint8Array): ParsedCertificate {
    const digest = hash("sha256", der, "hex");
    let hit = this.certs.get(digest);
    if (hit === undefined) {
      try {
        hit = parseCertificate(der, digest);
      } catch (cause) {
        if (!(cause instanceof PkiError)) throw cause;
        hit = cause;
      }
      this.certs.set(digest, hit);
    }
    if (hit instanceof PkiError) throw hit;
    return hit;
  }

  /** Whether `signed` carries a valid signature by `issuer`'s key (verdicts are cached both ways). */
  signedBy(signed: Signed, issuer: ParsedCertificate): boolean {
    const key = `${signed.sha256}<${issuer.publicKey.spkiSha256}`;
    let ok = this.sigs.get(key);
    if (ok === undefined) {
      const pk = issuer.publicKey.key;
      this.verifications++;
      ok = pk !== undefined && verifySignature(signed.signatureAlgorithm, signed.tbs, signed.signature, pk);
      this.sigs.set(key, ok);
    }
    return ok;
  }

  clear(): void {
    this.certs.clear();
    this.sigs.clear();
  }
}

let shared: PkiCache | undefined;

/** The process-wide cache used when callers do not pass their own. */
export function sharedPkiCache(): PkiCache {
  shared ??= new PkiCache();
  return shared;
}
