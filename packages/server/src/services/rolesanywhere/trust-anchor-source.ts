// The `source` of a trust anchor, checked at CreateTrustAnchor and UpdateTrustAnchor (spec §1.1):
// a CERTIFICATE_BUNDLE whose PEM holds 1 or 2 distinct CA certificates that can anchor a path
// (parseTrustAnchorBundle names every problem). AWS_ACM_PCA and SELF_SIGNED_REPOSITORY need AWS's
// own services, so a self-hosted server refuses them with a ValidationException saying so.
import { parseCertificatePems, parseTrustAnchorBundle, PkiError } from "@anchorage/pki";
import type { Source } from "../../generated/rolesanywhere.js";
import { AnchorageError } from "../../http/errors.js";
import type { TrustAnchorRecord, TrustAnchorSource } from "../../store/store.js";
import { MESSAGES } from "./messages.js";
import { QUOTAS } from "./quotas.js";

const BUNDLE_FIELD = "source.sourceData.x509CertificateData";

/** The source to store for a request's `source`, or a ValidationException saying what is wrong. */
export function checkTrustAnchorSource(source: Source): TrustAnchorSource {
  const { sourceType, sourceData } = source;
  if (sourceType === undefined)
    throw new AnchorageError("Validation", MESSAGES.sourceMissing("source.sourceType"));
  if (sourceType !== "CERTIFICATE_BUNDLE") {
    throw new AnchorageError("Validation", MESSAGES.sourceUnsupported(sourceType));
  }
  if (sourceData === undefined)
    throw new AnchorageError("Validation", MESSAGES.sourceMissing("source.sourceData"));
  const pem = sourceData.x509CertificateData;
  if (pem === undefined) {
    throw new AnchorageError("Validation", MESSAGES.sourceMismatch(sourceType, "x509CertificateData"));
  }
  let anchors;
  try {
    anchors = parseTrustAnchorBundle(pem);
  } catch (error) {
    if (!(error instanceof PkiError)) throw error;
    throw new AnchorageError("Validation", MESSAGES.invalidBundle(error.message), { cause: error });
  }
  if (anchors.size > QUOTAS.certificatesPerTrustAnchor) {
    throw new AnchorageError("Validation", MESSAGES.certificateQuota(BUNDLE_FIELD, anchors.size));
  }
  return { sourceType, sourceData: { x509CertificateData: pem } };
}

/** The DER certificates of a stored trust anchor (empty for a source without a bundle). */
export function trustAnchorCertificates(anchor: TrustAnchorRecord): Buffer[] {
  const data = anchor.source.sourceData;
  return "x509CertificateData" in data
    ? parseCertificatePems(data.x509CertificateData, "trust anchor bundle")
    : [];
}
