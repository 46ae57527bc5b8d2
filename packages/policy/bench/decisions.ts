// Benchmark (not a test): policy decisions per second on one core for a role with ten statements
// that carry conditions. Run with `npm run bench:policy`. Prints figures; asserts nothing about time.
//
// The role mixes Allow and Deny, action and resource wildcards, StringEquals, StringLike, IpAddress,
// DateLessThan and Bool conditions and one policy variable; a session policy narrows it (second gate).
// Each decision builds its request context from a plain object, as the server does per request.
import {
  assumedRolePrincipal,
  createRequestContext,
  evaluate,
  parsePolicy,
  type AuthorizationRequest,
  type ContextMap,
} from "@anchorage/policy";

const ACCOUNT = "123456789012";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app/Worker`;

const role = parsePolicy(
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
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
        Condition: { DateGreaterThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } },
      },
      {
        Sid: "QueueAccess",
        Effect: "Allow",
        Action: ["sqs:SendMessage", "sqs:ReceiveMessage"],
        Resource: "arn:aws:sqs:*:123456789012:app-*",
        Condition: { StringEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] } },
      },
      {
        Sid: "TablesBeforeDeadline",
        Effect: "Allow",
        Action: "dynamodb:*Item",
        Resource: "arn:aws:dynamodb:*:123456789012:table/app-*",
        Condition: { DateLessThan: { "aws:CurrentTime": "2031-01-01T00:00:00Z" } },
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
        Resource: "arn:aws:logs:*:123456789012:log-group:/app/*",
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
    ],
  }),
  "identity",
  { name: "WorkerPolicy" },
);

const session = parsePolicy(
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["s3:*", "sqs:*", "dynamodb:*", "logs:*", "kms:*"], Resource: "*" },
    ],
  }),
  "session",
  { name: "SessionPolicy" },
);

const principal = assumedRolePrincipal(ROLE_ARN, "host-1");
const base: ContextMap = {
  "aws:PrincipalArn": ROLE_ARN,
  "aws:PrincipalAccount": ACCOUNT,
  "aws:PrincipalTag/team": "blue",
  "aws:SourceIp": "203.0.113.7",
  "aws:SecureTransport": "true",
  "aws:CurrentTime": "2026-06-01T12:00:00Z",
  "aws:RequestedRegion": "eu-west-1",
};
const requests: AuthorizationRequest[] = [
  { principal, action: "s3:GetObject", resource: "arn:aws:s3:::data/blue/report.csv", context: base },
  { principal, action: "s3:PutObject", resource: "arn:aws:s3:::data/blue/new.csv", context: base },
  { principal, action: "s3:GetObject", resource: "arn:aws:s3:::data/red/secret.csv", context: base },
  {
    principal,
    action: "sqs:SendMessage",
    resource: "arn:aws:sqs:eu-west-1:123456789012:app-jobs",
    context: base,
  },
  {
    principal,
    action: "s3:DeleteObject",
    resource: "arn:aws:s3:::data/blue/x",
    context: { ...base, "aws:ResourceTag/env": "production" },
  },
  {
    principal,
    action: "dynamodb:PutItem",
    resource: "arn:aws:dynamodb:eu-west-1:123456789012:table/app-orders",
    context: { ...base, "aws:SourceIp": "192.0.2.1" },
  },
  {
    principal,
    action: "logs:PutLogEvents",
    resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/app/api",
    context: base,
  },
  { principal, action: "ec2:RunInstances", resource: "*", context: base },
];

function run(label: string, reqs: readonly AuthorizationRequest[], seconds: number): void {
  const policies = { identity: [role], session: [session] };
  const outcomes = new Map<string, number>();
  for (const r of reqs) {
    const d = evaluate(r, policies).decision;
    outcomes.set(d, (outcomes.get(d) ?? 0) + 1);
  }
  // Warm up, then measure in batches until the time is up.
  for (let i = 0; i < 50_000; i++) evaluate(reqs[i % reqs.length] as AuthorizationRequest, policies);
  const batch = 10_000;
  let decisions = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  let sink = 0;
  while (elapsed < limit) {
    for (let i = 0; i < batch; i++) {
      if (evaluate(reqs[i % reqs.length] as AuthorizationRequest, policies).allowed) sink++;
    }
    decisions += batch;
    elapsed = process.hrtime.bigint() - start;
  }
  const perSecond = decisions / (Number(elapsed) / 1e9);
  const mix = [...outcomes].map(([k, v]) => `${k} ${v}`).join(", ");
  console.log(
    `${label}: ${Math.round(perSecond).toLocaleString("en-US")} decisions/s ` +
      `(${decisions.toLocaleString("en-US")} in ${(Number(elapsed) / 1e9).toFixed(2)} s; request mix: ${mix}; allowed ${sink})`,
  );
}

const seconds = Number(process.env["BENCH_SECONDS"] ?? "3");
console.log(
  `@anchorage/policy: role with ${role.statements.length} statements and a session policy, node ${process.version}`,
);
run("context from a plain object per decision", requests, seconds);
run(
  "context prepared once (createRequestContext)",
  requests.map((r) => ({ ...r, context: createRequestContext(r.context ?? {}) })),
  seconds,
);
