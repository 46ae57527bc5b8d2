// Roles Anywhere ARNs as AWS forms them (spec §1): `arn:<partition>:rolesanywhere:<region>:<account>:
// <type>/<uuid>` for trust anchors, profiles, CRLs and subjects; format and parse as a pair.

/** The resource types of Roles Anywhere, as they appear in ARNs. */
export type ResourceType = "trust-anchor" | "profile" | "crl" | "subject";

/** Where a server's resources live: its partition, region and account. */
export interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** The parts of a Roles Anywhere ARN. */
export interface RolesAnywhereArn extends ArnScope {
  readonly resourceType: ResourceType;
  readonly resourceId: string;
}

const ARN = /^arn:([a-z-]+):rolesanywhere:([^:]*):([^:]*):(trust-anchor|profile|crl|subject)\/([^/]+)$/;

/**
 * The ARN of a resource of this server.
 *
 * @example
 * formatArn({ partition: "aws", region: "us-east-1", accountId: "123456789012" }, "profile", id)
 * // "arn:aws:rolesanywhere:us-east-1:123456789012:profile/<id>"
 */
export function formatArn(scope: ArnScope, resourceType: ResourceType, resourceId: string): string {
  return `arn:${scope.partition}:rolesanywhere:${scope.region}:${scope.accountId}:${resourceType}/${resourceId}`;
}

/** The parts of a Roles Anywhere ARN, or `undefined` when `arn` is not one. */
export function parseArn(arn: string): RolesAnywhereArn | undefined {
  const m = ARN.exec(arn);
  if (m === null) return undefined;
  const [, partition = "", region = "", accountId = "", resourceType = "", resourceId = ""] = m;
  return { partition, region, accountId, resourceType: resourceType as ResourceType, resourceId };
}

/** Whether a parsed ARN names something in this server's partition, region and account. */
export const isLocal = (arn: RolesAnywhereArn, scope: ArnScope): boolean =>
  arn.partition === scope.partition && arn.region === scope.region && arn.accountId === scope.accountId;
