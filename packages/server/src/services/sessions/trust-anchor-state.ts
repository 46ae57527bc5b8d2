// What CreateSession needs of a trust anchor, loaded once and kept until its generations move
// (`anchor:<id>` for the anchor, `revocation:<id>` for its CRLs): the record, its certificates as a
// parsed TrustAnchorSet, and a RevocationIndex of its ENABLED CRLs (disabled ones revoke nothing).
import {
  parseCrlBundle,
  parseTrustAnchorBundle,
  PkiError,
  RevocationIndex,
  type PkiCache,
  type ParsedCrl,
  type TrustAnchorSet,
} from "@anchorage/pki";
import { generationScopes, type Store, type TrustAnchorRecord } from "../../store/store.js";
import type { Loaded } from "../../generation-cache.js";

/** A trust anchor as CreateSession sees it. */
export type TrustAnchorState =
  | { readonly found: false }
  | {
      readonly found: true;
      readonly record: TrustAnchorRecord;
      /** Undefined when the stored bundle cannot anchor a path (see `problem`). */
      readonly anchors: TrustAnchorSet | undefined;
      readonly problem: string | undefined;
      /** The anchor's enabled CRLs. */
      readonly revocation: RevocationIndex;
      /** CRLs that could not be used (named, with the reason), for the log. */
      readonly crlProblems: readonly string[];
    };

/** Reads trust anchor `id` and its CRLs from the store and parses them. */
export async function loadTrustAnchorState(
  store: Store,
  id: string,
  pki: PkiCache,
): Promise<Loaded<TrustAnchorState>> {
  const scopes = [generationScopes.anchor(id), generationScopes.revocation(id)];
  const record = await store.trustAnchors.get(id);
  if (record === undefined) return { value: { found: false }, scopes };
  let anchors: TrustAnchorSet | undefined;
  let problem: string | undefined;
  const data = record.source.sourceData;
  if (!("x509CertificateData" in data)) {
    problem = `its source is ${record.source.sourceType}, which this server cannot use (only CERTIFICATE_BUNDLE)`;
  } else {
    try {
      anchors = parseTrustAnchorBundle(data.x509CertificateData, { cache: pki });
    } catch (error) {
      if (!(error instanceof PkiError)) throw error;
      problem = `its certificate bundle cannot anchor a path: ${error.message}`;
    }
  }
  const crls: ParsedCrl[] = [];
  const crlProblems: string[] = [];
  for (const crl of await store.crls.listByTrustAnchor(record.arn)) {
    if (!crl.enabled) continue;
    try {
      crls.push(...parseCrlBundle(crl.crlData));
    } catch (error) {
      if (!(error instanceof PkiError)) throw error;
      crlProblems.push(`CRL ${crl.name} (${crl.arn}) is not used: ${error.message}`);
    }
  }
  return {
    value: { found: true, record, anchors, problem, revocation: new RevocationIndex(crls), crlProblems },
    scopes,
  };
}
