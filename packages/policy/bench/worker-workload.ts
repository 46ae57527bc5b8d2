// The workload of the decision benchmarks (`bench:policy` evaluates it directly, `bench:authorize`
// through the server's PolicyEngine): a role `app/Worker` whose identity policy has ten statements
// mixing Allow and Deny, action and resource wildcards, StringEquals, StringLike, IpAddress,
// NotIpAddress, DateLessThan, DateGreaterThan and Bool conditions and one policy variable, and the
// questions asked of it. The caller's tag `team` is `blue`; requests come from 203.0.113.7 over TLS
// in eu-west-1.

const doc = (statements: readonly object[]): string =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** The role's name and path. */
export const WORKER_ROLE = { name: "Worker", path: "/app/" } as const;

/** What every question's request carries. */
export const WORKER_REQUEST = {
  sourceIp: "203.0.113.7",
  secureTransport: true,
  requestedRegion: "eu-west-1",
  team: "blue",
} as const;

/** The role's identity policy in `account`, as JSON text. */
export function workerRolePolicy(account: string): string {
  return doc([
    {
      Sid: "ReadOwnPrefix",
      Effect: "Allow",
      Action: ["s3:Get*", "s3:List*"],
      Resource: "arn:aws:s3:::data/${aws:PrincipalTag/team}/*",
    },
    {
      Sid: "WriteFromOffice",
      Effect: "Allow",
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::data/*",
      Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } },
    },
    {
      Sid: "DenyInsecure",
      Effect: "Deny",
      Action: "s3:*",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "DenyAfterExpiry",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { DateGreaterThan: { "aws:CurrentTime": "2099-01-01T00:00:00Z" } },
    },
    {
      Sid: "QueueAccess",
      Effect: "Allow",
      Action: ["sqs:SendMessage", "sqs:ReceiveMessage"],
      Resource: `arn:aws:sqs:*:${account}:app-*`,
      Condition: { StringEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] } },
    },
    {
      Sid: "TablesBeforeDeadline",
      Effect: "Allow",
      Action: "dynamodb:*Item",
      Resource: `arn:aws:dynamodb:*:${account}:table/app-*`,
      Condition: { DateLessThan: { "aws:CurrentTime": "2099-01-01T00:00:00Z" } },
    },
    {
      Sid: "DenyProdDeletes",
      Effect: "Deny",
      Action: ["s3:Delete*", "dynamodb:DeleteItem"],
      Resource: "*",
      Condition: { StringLike: { "aws:ResourceTag/env": "prod*" } },
    },
    {
      Sid: "LogsForTeam",
      Effect: "Allow",
      Action: "logs:*",
      Resource: `arn:aws:logs:*:${account}:log-group:/app/*`,
      Condition: { StringEquals: { "aws:PrincipalTag/team": ["blue", "green"] } },
    },
    {
      Sid: "KmsViaS3",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
    },
    {
      Sid: "DenyOutsideNetwork",
      Effect: "Deny",
      NotAction: ["sts:GetCallerIdentity"],
      Resource: "*",
      Condition: {
        NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24", "2001:db8::/32"] },
      },
    },
  ]);
}

/** One question: an action on a resource, with context keys beyond {@link WORKER_REQUEST}'s. */
export interface WorkerQuestion {
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string>>;
}

/** The questions asked of the role in `account`: allowed, denied by a statement, and not allowed. */
export function workerQuestions(account: string): readonly WorkerQuestion[] {
  return [
    { action: "s3:GetObject", resource: "arn:aws:s3:::data/blue/report.csv" },
    { action: "s3:PutObject", resource: "arn:aws:s3:::data/blue/new.csv" },
    { action: "s3:GetObject", resource: "arn:aws:s3:::data/red/secret.csv" },
    { action: "sqs:SendMessage", resource: `arn:aws:sqs:eu-west-1:${account}:app-jobs` },
    {
      action: "s3:DeleteObject",
      resource: "arn:aws:s3:::data/blue/x",
      context: { "aws:ResourceTag/env": "production" },
    },
    {
      action: "dynamodb:PutItem",
      resource: `arn:aws:dynamodb:eu-west-1:${account}:table/app-orders`,
      context: { "aws:SourceIp": "192.0.2.1" },
    },
    { action: "logs:PutLogEvents", resource: `arn:aws:logs:eu-west-1:${account}:log-group:/app/api` },
    { action: "ec2:RunInstances", resource: "*" },
  ];
}
