// Stored records → the model's Detail shapes (what every operation returns). Only model members are
// sent; timestamps travel as ISO-8601 (the encoder formats the Dates).
import type {
  CrlDetail,
  ProfileDetail,
  SubjectDetail,
  SubjectSummary,
  TrustAnchorDetail,
} from "../../generated/rolesanywhere.js";
import type {
  CrlRecord,
  ProfileRecord,
  SubjectDetailRecord,
  SubjectRecord,
  Timestamp,
  TrustAnchorRecord,
} from "../../store/store.js";
import { parseTimestamp } from "../../store/timestamp.js";

/** A store timestamp as a Date (millisecond precision, as the server's clock). */
export const toDate = (timestamp: Timestamp): Date => new Date(Number(parseTimestamp(timestamp) / 1000n));

export function toTrustAnchorDetail(anchor: TrustAnchorRecord): TrustAnchorDetail {
  return {
    trustAnchorId: anchor.id,
    trustAnchorArn: anchor.arn,
    name: anchor.name,
    source: { sourceType: anchor.source.sourceType, sourceData: { ...anchor.source.sourceData } },
    enabled: anchor.enabled,
    createdAt: toDate(anchor.createdAt),
    updatedAt: toDate(anchor.updatedAt),
    notificationSettings: anchor.notificationSettings.map((s) => ({ ...s })),
  };
}

export function toProfileDetail(profile: ProfileRecord): ProfileDetail {
  return {
    profileId: profile.id,
    profileArn: profile.arn,
    name: profile.name,
    requireInstanceProperties: profile.requireInstanceProperties,
    enabled: profile.enabled,
    createdBy: profile.createdBy,
    sessionPolicy: profile.sessionPolicy,
    roleArns: [...profile.roleArns],
    managedPolicyArns: [...profile.managedPolicyArns],
    createdAt: toDate(profile.createdAt),
    updatedAt: toDate(profile.updatedAt),
    durationSeconds: profile.durationSeconds,
    acceptRoleSessionName: profile.acceptRoleSessionName,
    attributeMappings: profile.attributeMappings.map((m) => ({
      certificateField: m.certificateField,
      mappingRules: m.mappingRules.map((r) => ({ specifier: r.specifier })),
    })),
  };
}

export function toCrlDetail(crl: CrlRecord): CrlDetail {
  return {
    crlId: crl.id,
    crlArn: crl.arn,
    name: crl.name,
    enabled: crl.enabled,
    crlData: crl.crlData,
    trustAnchorArn: crl.trustAnchorArn,
    createdAt: toDate(crl.createdAt),
    updatedAt: toDate(crl.updatedAt),
  };
}

export function toSubjectSummary(subject: SubjectRecord): SubjectSummary {
  return {
    subjectArn: subject.arn,
    subjectId: subject.id,
    enabled: subject.enabled,
    x509Subject: subject.x509Subject,
    lastSeenAt: toDate(subject.lastSeenAt),
    createdAt: toDate(subject.createdAt),
    updatedAt: toDate(subject.updatedAt),
  };
}

export function toSubjectDetail(subject: SubjectDetailRecord): SubjectDetail {
  return {
    ...toSubjectSummary(subject),
    credentials: subject.credentials.map((c) => ({
      seenAt: toDate(c.seenAt),
      serialNumber: c.serialNumber,
      issuer: c.issuer,
      enabled: c.enabled,
      x509CertificateData: c.x509CertificateData,
      failed: c.failed,
    })),
    instanceProperties: subject.instanceProperties.map((p) => ({
      seenAt: toDate(p.seenAt),
      properties: { ...p.properties },
      failed: p.failed,
    })),
  };
}
