// Step `trust-anchor`: through the API (GetTrustAnchor), the trust anchor named by
// --trust-anchor-arn exists, is enabled, and its source is a certificate bundle that can anchor a
// path (every certificate a usable CA, as the server checks with parseTrustAnchorBundle).
import { parseTrustAnchorBundle, PkiError } from "@anchorage/pki";
import type { DoctorContext } from "../context.js";
import { resourceId } from "../doctor-config.js";
import { fail, pass, type DoctorStep, type StepOutcome } from "../step.js";
import { lookupProblem } from "./api-outcome.js";

export const trustAnchorStep: DoctorStep<DoctorContext> = {
  id: "trust-anchor",
  title: "trust anchor",
  async run(context): Promise<StepOutcome> {
    const arn = context.config.session.trustAnchorArn;
    const id = resourceId(arn);
    const found = await context.lookups.trustAnchor(id);
    if (!found.ok)
      return (
        lookupProblem(found, "the trust anchor", "rolesanywhere:GetTrustAnchor") ??
        fail(
          `there is no trust anchor ${id} in account ${context.config.accountId} (${context.config.session.region}) at ${context.config.session.endpoint.origin}`,
          `check --trust-anchor-arn (${context.aws("rolesanywhere", "list-trust-anchors")}) and --endpoint`,
        )
      );
    const anchor = found.value;
    if (anchor.trustAnchorArn !== arn)
      return fail(
        `the trust anchor with id ${id} is ${anchor.trustAnchorArn}, not ${arn}: the ARN names another account or region than the admin credentials see`,
        "use the ARN the API shows, or admin credentials of the ARN's account",
      );
    if (!anchor.enabled)
      return fail(
        `trust anchor "${anchor.name}" is disabled: CreateSession refuses every certificate under it`,
        `enable it: ${context.aws("rolesanywhere", `enable-trust-anchor --trust-anchor-id ${id}`)}`,
      );
    const pem = anchor.source.sourceData?.x509CertificateData;
    if (anchor.source.sourceType !== "CERTIFICATE_BUNDLE" || pem === undefined)
      return pass(
        `trust anchor "${anchor.name}" is enabled; its source is ${anchor.source.sourceType}, whose certificate doctor cannot read (the path is not checked here)`,
      );
    try {
      const anchors = parseTrustAnchorBundle(pem);
      context.facts.anchors = anchors;
      const names = anchors.certificates.map((c) => `"${c.subject.text}"`).join(", ");
      return pass(`trust anchor "${anchor.name}" is enabled; its bundle holds ${names}`);
    } catch (error) {
      if (!(error instanceof PkiError)) throw error;
      return fail(
        `trust anchor "${anchor.name}": its bundle cannot anchor a path: ${error.message}`,
        `replace the bundle with the CA certificate (${context.aws("rolesanywhere", `update-trust-anchor --trust-anchor-id ${id} --source …`)})`,
      );
    }
  },
};
