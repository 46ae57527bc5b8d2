// Every sentence the Roles Anywhere service says to a caller beyond the model's own validation
// messages (protocol/messages.ts), in one table: what was wrong and what to do.
import type { ResourceType } from "./arns.js";
import { QUOTAS } from "./quotas.js";

const NAMES: Record<ResourceType, string> = {
  "trust-anchor": "trust anchor",
  profile: "profile",
  crl: "CRL",
  subject: "subject",
};

/** `Value '<v>' at '<field>' …` in AWS's wording, for rules the model cannot express. */
const at = (field: string, value: string): string =>
  `1 validation error detected: ${value} at '${field}' failed to satisfy constraint: `;

export const MESSAGES = {
  notFound: (type: ResourceType, id: string): string =>
    `Resource not found: there is no ${NAMES[type]} with id ${id} in this account and region.`,
  arnNotFound: (arn: string): string =>
    `Resource not found: ${arn} does not name a trust anchor, profile or CRL of this account and region.`,
  notATaggableArn: (field: string, arn: string): string =>
    `${at(field, `Value '${arn}'`)}expected the ARN of a trust anchor, profile or CRL, ` +
    `arn:aws:rolesanywhere:<region>:<account>:(trust-anchor|profile|crl)/<id>.`,
  notATrustAnchorArn: (field: string, arn: string): string =>
    `${at(field, `Value '${arn}'`)}expected a trust anchor ARN, ` +
    `arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>.`,
  trustAnchorMissing: (field: string, arn: string): string =>
    `${at(field, `Value '${arn}'`)}no such trust anchor in this account and region; ` +
    `create it first (CreateTrustAnchor) or correct the ARN.`,

  trustAnchorQuota: (): string =>
    `Quota exceeded: an account can have at most ${QUOTAS.trustAnchors} trust anchors in this region; ` +
    `delete one you no longer use first.`,
  profileQuota: (): string =>
    `Quota exceeded: an account can have at most ${QUOTAS.profiles} profiles in this region; ` +
    `delete one you no longer use first.`,
  crlQuota: (trustAnchorArn: string): string =>
    `Quota exceeded: a trust anchor can have at most ${QUOTAS.crlsPerTrustAnchor} CRLs, and ` +
    `${trustAnchorArn} has that many; update one of them (UpdateCrl) or delete one first.`,
  certificateQuota: (field: string, count: number): string =>
    `${at(field, "Value")}the bundle holds ${count} distinct certificates; a trust anchor can hold at most ` +
    `${QUOTAS.certificatesPerTrustAnchor} (Roles Anywhere quota). Split them across trust anchors.`,
  tagQuota: (arn: string, resulting: number): string =>
    `Quota exceeded: a resource can have at most ${QUOTAS.tagsPerResource} tags; ${arn} would have ` +
    `${resulting}. Remove tags (UntagResource) first.`,
  tagQuotaOnCreate: (count: number): string =>
    `${at("tags", "Value")}${count} tags given; a resource can have at most ${QUOTAS.tagsPerResource}.`,
  reservedTagKey: (field: string): string =>
    `${at(field, "Value")}tag keys starting with "aws:" are reserved for AWS; choose another key.`,
  duplicateTagKey: (field: string, first: string): string =>
    `${at(field, "Value")}the same tag key is given twice (first at '${first}'); give each key once.`,

  sourceMissing: (field: string): string =>
    `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
  sourceMismatch: (sourceType: string, expected: string): string =>
    `${at("source.sourceData", "Value")}a ${sourceType} trust anchor needs source.sourceData.${expected}.`,
  sourceUnsupported: (sourceType: string): string =>
    `${at("source.sourceType", `Value '${sourceType}'`)}a self-hosted Anchorage server cannot use ` +
    `${sourceType} trust anchors (it cannot reach AWS Private CA or AWS's certificate repository); ` +
    `use CERTIFICATE_BUNDLE with the CA certificate(s) in PEM.`,
  invalidBundle: (reason: string): string =>
    `${at("source.sourceData.x509CertificateData", "Value")}${reason}`,

  notACrl: (field: string, reason: string): string => `${at(field, "Value")}${reason}`,
  severalCrls: (field: string, count: number): string =>
    `${at(field, "Value")}the data holds ${count} CRLs; import each one separately (ImportCrl takes one CRL).`,
  crlNotSignedByAnchor: (field: string, trustAnchorArn: string, reasons: readonly string[]): string =>
    `${at(field, "Value")}the CRL is not signed by a certificate of trust anchor ${trustAnchorArn} ` +
    `(${reasons.join("; ")}); import the CRL its CA issued, or bind it to the trust anchor holding that CA.`,

  sessionPolicyInvalid: (reason: string): string => `${at("sessionPolicy", "Value")}${reason}`,

  notificationThresholdMissing: (field: string): string =>
    `${at(field, "Value null")}a threshold (days, 1..360) is required when the setting is enabled.`,
  duplicateNotificationSetting: (field: string, event: string, channel: string): string =>
    `${at(field, "Value")}the setting for event ${event} and channel ${channel} is given twice; give it once.`,

  specifierNotMapped: (field: string, specifier: string, certificateField: string): string =>
    `${at(field, `Value '${specifier}'`)}the profile has no ${certificateField} mapping rule with this ` +
    `specifier; GetProfile shows the current attributeMappings.`,

  pageSizeTooSmall: (pageSize: number): string =>
    `1 validation error detected: Value '${pageSize}' at 'pageSize' failed to satisfy constraint: ` +
    `Member must have value greater than or equal to 1`,
  badNextToken: (operation: string): string =>
    `1 validation error detected: Value at 'nextToken' failed to satisfy constraint: not a token this ` +
    `server issued for ${operation} (changed, truncated or from another list); repeat the request without ` +
    `nextToken to start from the first page.`,
} as const;
