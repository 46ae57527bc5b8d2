// The quickstart's role: found by name (GetRole) and reused — its trust policy and its s3:* inline
// policy put back when they differ — or created. Never a second one.
import { AwsApiError } from "../aws/signed-request.js";
import type { IamApi, RoleDetail } from "../doctor/api/iam-api.js";
import { INLINE_POLICY_NAME, QUICKSTART_TAG, S3_ALL_POLICY, samePolicy } from "./documents.js";
import type { EnsuredResource } from "./ensure-trust-anchor.js";

type RoleApi = Pick<
  IamApi,
  "getRole" | "createRole" | "updateAssumeRolePolicy" | "putRolePolicy" | "getRolePolicy"
>;

const notFound = (error: unknown): boolean => error instanceof AwsApiError && error.code === "NoSuchEntity";

export async function ensureRole(
  api: RoleApi,
  name: string,
  trustPolicy: string,
): Promise<EnsuredResource<RoleDetail>> {
  let role: RoleDetail | undefined;
  try {
    role = await api.getRole(name);
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  const changes: string[] = [];
  const create = role === undefined;
  if (role === undefined) {
    role = await api.createRole({
      roleName: name,
      trustPolicy,
      description: "anchorage quickstart: trusts Roles Anywhere for the quickstart client certificate",
      tags: { [QUICKSTART_TAG.key]: QUICKSTART_TAG.value },
    });
  } else if (!samePolicy(role.trustPolicy, trustPolicy)) {
    await api.updateAssumeRolePolicy(name, trustPolicy);
    role = { ...role, trustPolicy };
    changes.push("trust policy put back");
  }
  let inline: string | undefined;
  try {
    inline = await api.getRolePolicy(name, INLINE_POLICY_NAME);
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  if (inline === undefined || !samePolicy(inline, S3_ALL_POLICY)) {
    await api.putRolePolicy(name, INLINE_POLICY_NAME, S3_ALL_POLICY);
    if (!create) changes.push(`inline policy ${INLINE_POLICY_NAME} put back`);
  }
  return { value: role, action: create ? "created" : changes.length === 0 ? "reused" : "updated", changes };
}
