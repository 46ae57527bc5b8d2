// The Roles Anywhere quotas this server enforces, in one place (spec §3, UG "Quotas"). A count
// quota that would be exceeded is a ValidationException naming the quota: the model lists only
// ValidationException for the Create operations (spec §3 recommendation). Tags over the cap are
// TooManyTagsException on TagResource (the only operation that models it) and ValidationException
// on the Create operations.

export const QUOTAS = {
  /** Trust anchors per account and region (adjustable on AWS). */
  trustAnchors: 50,
  /** Profiles per account and region (adjustable on AWS). */
  profiles: 250,
  /** CRLs per trust anchor (not adjustable). */
  crlsPerTrustAnchor: 2,
  /** Distinct certificates in one trust anchor's bundle (not adjustable). */
  certificatesPerTrustAnchor: 2,
  /**
   * Roles per profile (not adjustable). The model's `RoleArnList` (max 250) already enforces it
   * when the request is decoded; it is here so the number is written once for documentation.
   */
  rolesPerProfile: 250,
  /** Tags per resource (spec §1.5: AWS-wide convention, UNCONFIRMED for this service). */
  tagsPerResource: 50,
} as const;
