// Store records in IAM's output shapes (generated types from the botocore model). Policy documents
// are returned as stored: the Query encoder URL-encodes them as botocore expects.
import type { AwsManagedPolicy } from "../../authorization/aws-managed-policies.js";
import type { AccessKeyMetadata, Policy, PolicyVersion, Role, Tag, User } from "../../generated/iam.js";
import type {
  AccessKeyRecord,
  ManagedPolicyRecord,
  PolicyVersionRecord,
  RoleRecord,
  TagRecord,
  UserRecord,
} from "../../store/store.js";

export const toDate = (timestamp: string): Date => new Date(timestamp);

export const tagsToWire = (tags: readonly TagRecord[]): Tag[] =>
  tags.map((t) => ({ Key: t.key, Value: t.value }));

export const tagsFromWire = (tags: readonly Tag[] | undefined): TagRecord[] =>
  (tags ?? []).map((t) => ({ key: t.Key, value: t.Value }));

/** A role; `detail` adds what GetRole returns and ListRoles omits (tags, boundary, last use). */
export function roleToWire(role: RoleRecord, detail?: { readonly tags: readonly TagRecord[] }): Role {
  const out: Role = {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: toDate(role.createdAt),
    AssumeRolePolicyDocument: role.assumeRolePolicyDocument,
    MaxSessionDuration: role.maxSessionDuration,
    ...(role.description === undefined ? {} : { Description: role.description }),
  };
  if (detail === undefined) return out;
  return {
    ...out,
    ...(role.permissionsBoundary === undefined
      ? {}
      : {
          PermissionsBoundary: {
            PermissionsBoundaryType: "PermissionsBoundaryPolicy",
            PermissionsBoundaryArn: role.permissionsBoundary,
          },
        }),
    ...(detail.tags.length === 0 ? {} : { Tags: tagsToWire(detail.tags) }),
    RoleLastUsed:
      role.roleLastUsed === undefined
        ? {}
        : { LastUsedDate: toDate(role.roleLastUsed.lastUsedDate), Region: role.roleLastUsed.region },
  };
}

export function userToWire(user: UserRecord, detail?: { readonly tags: readonly TagRecord[] }): User {
  return {
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: user.arn,
    CreateDate: toDate(user.createdAt),
    ...(detail === undefined || user.permissionsBoundary === undefined
      ? {}
      : {
          PermissionsBoundary: {
            PermissionsBoundaryType: "PermissionsBoundaryPolicy",
            PermissionsBoundaryArn: user.permissionsBoundary,
          },
        }),
    ...(detail === undefined || detail.tags.length === 0 ? {} : { Tags: tagsToWire(detail.tags) }),
  };
}

export function policyToWire(
  policy: ManagedPolicyRecord,
  options: { readonly description?: boolean; readonly tags?: readonly TagRecord[] } = {},
): Policy {
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: policy.attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    ...(options.description === true && policy.description !== undefined
      ? { Description: policy.description }
      : {}),
    CreateDate: toDate(policy.createdAt),
    UpdateDate: toDate(policy.updatedAt),
    ...(options.tags === undefined || options.tags.length === 0 ? {} : { Tags: tagsToWire(options.tags) }),
  };
}

export function awsPolicyToWire(
  policy: AwsManagedPolicy,
  attachmentCount: number,
  description = false,
): Policy {
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    ...(description ? { Description: policy.description } : {}),
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
  };
}

export function versionToWire(version: PolicyVersionRecord, withDocument: boolean): PolicyVersion {
  return {
    ...(withDocument ? { Document: version.document } : {}),
    VersionId: version.versionId,
    IsDefaultVersion: version.isDefaultVersion,
    CreateDate: toDate(version.createdAt),
  };
}

export function awsVersionToWire(policy: AwsManagedPolicy, withDocument: boolean): PolicyVersion {
  return {
    ...(withDocument ? { Document: policy.document } : {}),
    VersionId: policy.defaultVersionId,
    IsDefaultVersion: true,
    CreateDate: policy.updateDate,
  };
}

export function accessKeyToWire(key: AccessKeyRecord, userName: string): AccessKeyMetadata {
  return { UserName: userName, AccessKeyId: key.id, Status: key.status, CreateDate: toDate(key.createdAt) };
}
