import type { X509Certificate } from "node:crypto";

/** A certificate header value already decoded and parsed: its DER and node's parsed certificate. */
export interface CachedCertificate {
  readonly der: Buffer;
  readonly certificate: X509Certificate;
}

/**
 * Where {@link parseX509Request} keeps the certificates it parsed, keyed by the exact header text
 * (`X-Amz-X509`, or the whole `X-Amz-X509-Chain`). Parsing a certificate with node's
 * `X509Certificate` costs about 230 µs (OpenSSL decodes its public key); a returning client sends
 * the same text every time, so a server keeps one of these across requests.
 */
export interface CertificateCache {
  get(headerText: string): readonly CachedCertificate[] | undefined;
  set(headerText: string, certificates: readonly CachedCertificate[]): void;
}

/** Options of {@link X509CertificateCache}. */
export interface X509CertificateCacheOptions {
  /** Most header texts kept; default 4096. */
  readonly maxEntries?: number;
  /** Most DER bytes kept in all; default 32 MiB. */
  readonly maxBytes?: number;
}

interface Entry {
  readonly certificates: readonly CachedCertificate[];
  readonly bytes: number;
}

/**
 * A bounded least-recently-used {@link CertificateCache} (by entries and by DER bytes).
 *
 * @example
 * const certificates = new X509CertificateCache();
 * const parsed = parseX509Request(received, { certificates }); // later requests reuse the parse
 */
export class X509CertificateCache implements CertificateCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(options: X509CertificateCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 4096;
    this.#maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    if (!(this.#maxEntries >= 1) || !(this.#maxBytes >= 1))
      throw new RangeError("X509CertificateCache needs maxEntries and maxBytes of at least 1");
  }

  /** Header texts kept. */
  get size(): number {
    return this.#entries.size;
  }

  /** DER bytes kept. */
  get bytes(): number {
    return this.#bytes;
  }

  get(headerText: string): readonly CachedCertificate[] | undefined {
    const entry = this.#entries.get(headerText);
    if (entry === undefined) return undefined;
    this.#entries.delete(headerText); // most recently used last
    this.#entries.set(headerText, entry);
    return entry.certificates;
  }

  set(headerText: string, certificates: readonly CachedCertificate[]): void {
    const bytes = certificates.reduce((n, c) => n + c.der.length, 0);
    if (bytes > this.#maxBytes) return;
    const previous = this.#entries.get(headerText);
    if (previous !== undefined) {
      this.#entries.delete(headerText);
      this.#bytes -= previous.bytes;
    }
    this.#entries.set(headerText, { certificates, bytes });
    this.#bytes += bytes;
    while (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes) {
      const [oldest, entry] = this.#entries.entries().next().value as [string, Entry];
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}
