// Step `certificate-path`: RFC 5280 path validation with @anchorage/pki, Roles Anywhere profile,
// from the leaf through the X-Amz-X509-Chain intermediates (any order, decoys ignored, bounded) to a
// certificate of THE trust anchor named in the request, at the request time: signatures and
// algorithms, validity of every certificate, basic constraints and path length, key usage, name and
// policy constraints, and revocation by the anchor's enabled CRLs (every non-anchor certificate
// whose issuer has one). Parsed certificates and signature verdicts are cached by @anchorage/pki,
// so a returning client costs no parsing and no public-key operation here.
import { validatePath, type ParsedCertificate, type PkiCache } from "@anchorage/pki";
import { pathRefusalCode } from "./refusals.js";
import { CreateSessionRefusal } from "./refusal.js";
import type { UsableTrustAnchor } from "./resolve-trust-anchor.js";

/** A validated path, leaf first, and what the log should know (stale or unusable CRLs). */
export interface ValidatedPath {
  readonly path: readonly ParsedCertificate[];
  readonly warnings: readonly string[];
}

/** Validates the leaf's path to the anchor; a refusal names the certificate and the check. */
export function validateChain(
  leaf: Uint8Array,
  intermediates: readonly Uint8Array[],
  anchor: UsableTrustAnchor,
  time: Date,
  pki: PkiCache,
): ValidatedPath {
  const result = validatePath({
    leaf,
    intermediates,
    anchors: anchor.anchors,
    time,
    revocation: anchor.revocation,
    cache: pki,
  });
  const warnings = [...anchor.crlProblems, ...result.warnings];
  if (result.ok) return { path: result.path, warnings };
  throw new CreateSessionRefusal(pathRefusalCode(result.code), result.reason, {
    ...(result.certificate === undefined
      ? {}
      : {
          certificate: {
            role: result.certificate.role,
            subject: result.certificate.subject,
            serialHex: result.certificate.serialHex,
          },
        }),
    detail: {
      trustAnchorArn: anchor.record.arn,
      intermediates: intermediates.length,
      ...(warnings.length === 0 ? {} : { warnings }),
    },
  });
}
