// The revocation index the server keeps per trust anchor: built from the anchor's imported CRLs,
// keyed by issuer name and serial, O(1) per lookup.
import type { ParsedCertificate } from "./certificate.js";
import type { CrlEntry, ParsedCrl } from "./crl.js";

export interface RevocationHit {
  readonly crl: ParsedCrl;
  readonly entry: CrlEntry;
}

interface IndexedCrl {
  readonly crl: ParsedCrl;
  readonly bySerial: ReadonlyMap<string, CrlEntry>;
}

export interface StaleCrl {
  readonly crl: ParsedCrl;
  readonly nextUpdate: Date;
}

/**
 * CRLs indexed by issuer name (RFC 5280 name comparison) and serial number.
 *
 * The index does not know the issuers' keys: the path validator checks each CRL's signature
 * against the issuing certificate of the path it validates before trusting a hit. Stale CRLs
 * (nextUpdate in the past) are still honoured; {@link RevocationIndex.stale} reports them.
 *
 * @example
 * const index = new RevocationIndex([parseCrl(crlPem)]);
 * validatePath({ leaf, intermediates, anchors, time: now, revocation: index });
 */
export class RevocationIndex {
  private readonly byIssuer = new Map<string, IndexedCrl[]>();
  readonly crls: readonly ParsedCrl[];

  constructor(crls: readonly ParsedCrl[]) {
    const unique = new Map<string, ParsedCrl>();
    for (const c of crls) unique.set(c.sha256, c);
    this.crls = [...unique.values()];
    for (const crl of this.crls) {
      const bySerial = new Map<string, CrlEntry>();
      for (const e of crl.entries) if (e.reason !== "removeFromCRL") bySerial.set(e.serialHex, e);
      const list = this.byIssuer.get(crl.issuer.key);
      if (list) list.push({ crl, bySerial });
      else this.byIssuer.set(crl.issuer.key, [{ crl, bySerial }]);
    }
  }

  /** Number of CRLs indexed. */
  get size(): number {
    return this.crls.length;
  }

  /** CRLs issued under this issuer name key (see DistinguishedName.key). */
  crlsFor(issuerKey: string): readonly ParsedCrl[] {
    return (this.byIssuer.get(issuerKey) ?? []).map((x) => x.crl);
  }

  /** The entry listing `serialHex` in `crl`, if any (crl must be one of this index's CRLs). */
  entryIn(crl: ParsedCrl, serialHex: string): CrlEntry | undefined {
    return this.byIssuer
      .get(crl.issuer.key)
      ?.find((x) => x.crl === crl)
      ?.bySerial.get(serialHex);
  }

  /**
   * Every CRL of the certificate's issuer name that lists its serial. This does NOT check the
   * CRLs' signatures; `validatePath` does that against the actual issuing certificate.
   */
  lookup(cert: Pick<ParsedCertificate, "issuer" | "serialHex">): RevocationHit[] {
    const out: RevocationHit[] = [];
    for (const x of this.byIssuer.get(cert.issuer.key) ?? []) {
      const entry = x.bySerial.get(cert.serialHex);
      if (entry) out.push({ crl: x.crl, entry });
    }
    return out;
  }

  /** CRLs whose nextUpdate is before `now` (still honoured; report them so operators refresh). */
  stale(now: Date): StaleCrl[] {
    return this.crls.flatMap((crl) =>
      crl.nextUpdate !== undefined && crl.nextUpdate.getTime() < now.getTime()
        ? [{ crl, nextUpdate: crl.nextUpdate }]
        : [],
    );
  }
}
