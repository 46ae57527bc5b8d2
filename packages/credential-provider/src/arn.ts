/** The six fields of an ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  /** Empty for global services (IAM). */
  readonly region: string;
  readonly accountId: string;
  /** Everything after the fifth `:` (may itself contain `:` or `/`). */
  readonly resource: string;
}

const PARTITION = /^aws(-[a-z0-9-]+)?$/;
const SERVICE = /^[a-z0-9-]+$/;
const REGION = /^([a-z0-9]+(-[a-z0-9]+)*)?$/;
const ACCOUNT = /^(\d{12})?$/;

/**
 * Splits an ARN into its fields, checking each one's shape. Returns a reason instead of throwing, so
 * callers word the message with their own option names.
 *
 * @example
 * parseArn("arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR")
 * // { ok: true, arn: { partition: "aws", service: "rolesanywhere", region: "us-east-1", accountId: "123456789012", resource: "profile/PR" } }
 */
export function parseArn(value: string): { ok: true; arn: Arn } | { ok: false; reason: string } {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") {
    return { ok: false, reason: "is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)" };
  }
  const [, partition = "", service = "", region = "", accountId = ""] = parts;
  const resource = parts.slice(5).join(":");
  if (!PARTITION.test(partition)) return { ok: false, reason: `has an unknown partition "${partition}"` };
  if (!SERVICE.test(service)) return { ok: false, reason: `has an invalid service "${service}"` };
  if (!REGION.test(region)) return { ok: false, reason: `has an invalid region "${region}"` };
  if (!ACCOUNT.test(accountId))
    return { ok: false, reason: `has an invalid account "${accountId}" (12 digits)` };
  if (resource === "") return { ok: false, reason: "has no resource" };
  return { ok: true, arn: { partition, service, region, accountId, resource } };
}

/** Joins the fields back: `formatArn(parseArn(s).arn) === s` for every ARN `parseArn` accepts. */
export const formatArn = (arn: Arn): string =>
  `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}:${arn.resource}`;
