// The IAM calls doctor and quickstart make (Query protocol, XML answers).
import type { ApiClient } from "./api-client.js";
import { queryCall } from "./query-call.js";
import { xmlInner, xmlText } from "./query-xml.js";

const VERSION = "2010-05-08";

/** What the CLI reads of a role. */
export interface RoleDetail {
  readonly roleName: string;
  readonly arn: string;
  readonly path: string;
  readonly maxSessionDuration: number;
  /** The trust policy, URL-decoded (IAM sends it percent-encoded). */
  readonly trustPolicy: string;
}

/** Reads the `<Role>` element of a GetRole / CreateRole answer. */
export function parseRole(xml: string): RoleDetail {
  const role = xmlInner(xml, "Role");
  if (role === undefined) throw new Error("the IAM answer holds no Role element");
  const text = (name: string): string => {
    const value = xmlText(role, name);
    if (value === undefined) throw new Error(`the IAM answer's Role has no ${name}`);
    return value;
  };
  const max = Number(xmlText(role, "MaxSessionDuration") ?? "3600");
  return {
    roleName: text("RoleName"),
    arn: text("Arn"),
    path: xmlText(role, "Path") ?? "/",
    maxSessionDuration: Number.isInteger(max) ? max : 3600,
    trustPolicy: decodePolicy(text("AssumeRolePolicyDocument")),
  };
}

/** IAM returns policy documents percent-encoded (RFC 3986); some tools return them raw. */
export const decodePolicy = (text: string): string => {
  if (text.trimStart().startsWith("{")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // not percent-encoded after all: leave it to the policy parser to judge
  }
};

export class IamApi {
  constructor(private readonly client: ApiClient) {}

  async getRole(roleName: string): Promise<RoleDetail> {
    return parseRole(await queryCall(this.client, "iam", "GetRole", VERSION, { RoleName: roleName }));
  }

  async createRole(input: {
    roleName: string;
    trustPolicy: string;
    description?: string;
    tags?: Readonly<Record<string, string>>;
  }): Promise<RoleDetail> {
    const params: Record<string, string> = {
      RoleName: input.roleName,
      AssumeRolePolicyDocument: input.trustPolicy,
    };
    if (input.description !== undefined) params.Description = input.description;
    Object.entries(input.tags ?? {}).forEach(([key, value], i) => {
      params[`Tags.member.${i + 1}.Key`] = key;
      params[`Tags.member.${i + 1}.Value`] = value;
    });
    return parseRole(await queryCall(this.client, "iam", "CreateRole", VERSION, params));
  }

  async updateAssumeRolePolicy(roleName: string, trustPolicy: string): Promise<void> {
    await queryCall(this.client, "iam", "UpdateAssumeRolePolicy", VERSION, {
      RoleName: roleName,
      PolicyDocument: trustPolicy,
    });
  }

  async putRolePolicy(roleName: string, policyName: string, document: string): Promise<void> {
    await queryCall(this.client, "iam", "PutRolePolicy", VERSION, {
      RoleName: roleName,
      PolicyName: policyName,
      PolicyDocument: document,
    });
  }

  /** The inline policy's document (decoded). */
  async getRolePolicy(roleName: string, policyName: string): Promise<string> {
    const xml = await queryCall(this.client, "iam", "GetRolePolicy", VERSION, {
      RoleName: roleName,
      PolicyName: policyName,
    });
    const document = xmlText(xml, "PolicyDocument");
    if (document === undefined) throw new Error("the IAM answer holds no PolicyDocument");
    return decodePolicy(document);
  }
}
