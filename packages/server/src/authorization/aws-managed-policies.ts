// The AWS-managed policies Anchorage serves, read-only, by their AWS ARNs
// (`arn:aws:iam::aws:policy/…`), so recipes written for AWS work as written.
//
// Documents: AmazonS3ReadOnlyAccess (v3), AmazonS3FullAccess (v2), AdministratorAccess (v1) and
// PowerUserAccess (v12) are AWS's own current documents (AWS Managed Policy Reference,
// docs.aws.amazon.com/aws-managed-policy/latest/reference/<Name>.html, as of 2026-02). ReadOnlyAccess
// is a faithful SUBSET of AWS's (which lists several thousand actions): the read verbs (Get*, List*,
// Describe*, and a few others) of the services an Anchorage deployment is typically put in front of.
// AWS forbids wildcards in the service prefix (`*:Get*`), so the subset names each service. Its
// version id is Anchorage's own ("v1"). The policy ids are Anchorage's (deterministic), not AWS's.
import { createHash } from "node:crypto";

/** One AWS-managed policy of the catalogue. */
export interface AwsManagedPolicy {
  readonly name: string;
  readonly arn: string;
  /** `ANPA…`, derived from the name (Anchorage's, not AWS's). */
  readonly id: string;
  readonly path: string;
  readonly description: string;
  readonly defaultVersionId: string;
  readonly createDate: Date;
  readonly updateDate: Date;
  /** The document of the default version (the only version served). */
  readonly document: string;
}

/** The account field of AWS-managed policy ARNs. */
export const AWS_MANAGED_ACCOUNT = "aws";

const doc = (statements: readonly Record<string, unknown>[]): string =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 4);

/** Read verbs of ReadOnlyAccess's subset, per service (documented in the IAM README). */
const READ_ONLY_SERVICES: Readonly<Record<string, readonly string[]>> = {
  acm: ["Describe*", "Get*", "List*"],
  cloudformation: ["Describe*", "Get*", "List*"],
  cloudwatch: ["Describe*", "Get*", "List*"],
  dynamodb: ["BatchGet*", "Describe*", "Get*", "List*", "Query", "Scan"],
  ec2: ["Describe*", "Get*"],
  ecr: ["BatchGet*", "Describe*", "Get*", "List*"],
  ecs: ["Describe*", "List*"],
  eks: ["Describe*", "List*"],
  iam: ["Generate*", "Get*", "List*", "Simulate*"],
  kms: ["Describe*", "Get*", "List*"],
  lambda: ["Get*", "List*"],
  logs: ["Describe*", "FilterLogEvents", "Get*", "List*", "StartQuery", "StopQuery", "TestMetricFilter"],
  rolesanywhere: ["Get*", "List*"],
  route53: ["Get*", "List*"],
  s3: ["Describe*", "Get*", "List*"],
  "s3-object-lambda": ["Get*", "List*"],
  secretsmanager: ["Describe*", "GetResourcePolicy", "List*"],
  sns: ["Get*", "List*"],
  sqs: ["Get*", "List*"],
  ssm: ["Describe*", "Get*", "List*"],
  sts: ["GetAccessKeyInfo", "GetCallerIdentity", "GetSessionToken"],
};

const readOnlyActions = Object.entries(READ_ONLY_SERVICES).flatMap(([service, verbs]) =>
  verbs.map((verb) => `${service}:${verb}`),
);

interface Entry {
  readonly name: string;
  readonly description: string;
  readonly defaultVersionId: string;
  readonly createDate: string;
  readonly updateDate: string;
  readonly document: string;
}

const ENTRIES: readonly Entry[] = [
  {
    name: "AdministratorAccess",
    description: "Provides full access to AWS services and resources.",
    defaultVersionId: "v1",
    createDate: "2015-02-06T18:39:46Z",
    updateDate: "2015-02-06T18:39:46Z",
    document: doc([{ Effect: "Allow", Action: "*", Resource: "*" }]),
  },
  {
    name: "AmazonS3FullAccess",
    description: "Provides full access to all buckets via the AWS Management Console.",
    defaultVersionId: "v2",
    createDate: "2015-02-06T18:40:58Z",
    updateDate: "2021-09-27T20:16:37Z",
    document: doc([{ Effect: "Allow", Action: ["s3:*", "s3-object-lambda:*"], Resource: "*" }]),
  },
  {
    name: "AmazonS3ReadOnlyAccess",
    description: "Provides read only access to all buckets via the AWS Management Console.",
    defaultVersionId: "v3",
    createDate: "2015-02-06T18:40:59Z",
    updateDate: "2023-08-10T21:31:39Z",
    document: doc([
      {
        Effect: "Allow",
        Action: ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"],
        Resource: "*",
      },
    ]),
  },
  {
    name: "PowerUserAccess",
    description:
      "Provides full access to AWS services and resources, but does not allow management of Users and groups.",
    defaultVersionId: "v12",
    createDate: "2015-02-06T18:39:47Z",
    updateDate: "2026-02-12T17:59:00Z",
    document: doc([
      { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
      {
        Effect: "Allow",
        Action: [
          "account:GetAccountInformation",
          "account:GetGovCloudAccountInformation",
          "account:GetPrimaryEmail",
          "account:ListRegions",
          "iam:CreateServiceLinkedRole",
          "iam:DeleteServiceLinkedRole",
          "iam:ListRoles",
          "organizations:DescribeEffectivePolicy",
          "organizations:DescribeOrganization",
        ],
        Resource: "*",
      },
    ]),
  },
  {
    name: "ReadOnlyAccess",
    description:
      "Provides read-only access to AWS services and resources (Anchorage: a subset of AWS's policy, the read actions of common services).",
    defaultVersionId: "v1",
    createDate: "2015-02-06T18:39:48Z",
    updateDate: "2026-01-01T00:00:00Z",
    document: doc([{ Effect: "Allow", Action: readOnlyActions, Resource: "*" }]),
  },
];

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function policyId(name: string): string {
  const digest = createHash("sha256").update(`aws-managed-policy:${name}`).digest();
  let id = "ANPA";
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[(digest[i] ?? 0) & 31];
  return id;
}

/** The catalogue, ordered by name. */
export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = ENTRIES.map((e) => ({
  name: e.name,
  arn: `arn:aws:iam::${AWS_MANAGED_ACCOUNT}:policy/${e.name}`,
  id: policyId(e.name),
  path: "/",
  description: e.description,
  defaultVersionId: e.defaultVersionId,
  createDate: new Date(e.createDate),
  updateDate: new Date(e.updateDate),
  document: e.document,
}));

const BY_ARN = new Map(AWS_MANAGED_POLICIES.map((p) => [p.arn, p]));

/** The AWS-managed policy with this ARN, or undefined. */
export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return BY_ARN.get(arn);
}

/** Whether an ARN names an AWS-managed policy (`arn:<partition>:iam::aws:policy/…`), known or not. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:[a-z-]+:iam::aws:policy\//.test(arn);
}
