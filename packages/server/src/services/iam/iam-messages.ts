// IAM's error messages, worded as AWS words them (iam-sts.md §4.2; the AWS CLI shows them verbatim).
export const IAM_MESSAGES = {
  noSuchRole: (name: string) => `The role with name ${name} cannot be found.`,
  noSuchUser: (name: string) => `The user with name ${name} cannot be found.`,
  noSuchRolePolicy: (role: string, name: string) =>
    `The role policy with name ${name} cannot be found in role ${role}.`,
  noSuchUserPolicy: (user: string, name: string) =>
    `The user policy with name ${name} cannot be found in user ${user}.`,
  noSuchPolicy: (arn: string) => `Policy ${arn} does not exist or is not attachable.`,
  policyNotFound: (arn: string) => `Policy ${arn} was not found.`,
  noSuchPolicyVersion: (arn: string, version: string) =>
    `Policy ${arn} version ${version} does not exist or is not attachable.`,
  noSuchBoundary: (arn: string) => `Scope ARN: ${arn} does not exist or is not attachable.`,
  noSuchAccessKey: (id: string) => `The Access Key with id ${id} cannot be found.`,
  roleExists: (name: string) => `Role with name ${name} already exists.`,
  userExists: (name: string) => `User with name ${name} already exists.`,
  policyExists: (name: string) => `A policy called ${name} already exists. Duplicate names are not allowed.`,
  mustDeletePolicies: "Cannot delete entity, must delete policies first.",
  mustDetachPolicies: "Cannot delete entity, must detach all policies first.",
  mustDeleteAccessKeys: "Cannot delete entity, must delete access keys first.",
  policyAttached: "Cannot delete a policy attached to entities.",
  policyIsBoundary: (arn: string) =>
    `Cannot delete policy ${arn}: it is the permissions boundary of a role or user.`,
  policyHasVersions:
    "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
  defaultVersion: "Cannot delete the default version of a policy.",
  tooManyVersions: (max: number) =>
    `A managed policy can have up to ${max} versions. Before you create a new version, you must delete an existing version.`,
  quota: (name: string, max: number) => `Cannot exceed quota for ${name}: ${max}`,
  awsManagedReadOnly: (arn: string) =>
    `Policy ${arn} is an AWS managed policy; AWS managed policies cannot be changed or deleted.`,
  duplicateTagKeys: "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
  notImplemented: (service: string, operation: string) =>
    `Anchorage does not implement the ${service} operation ${operation}.`,
} as const;
