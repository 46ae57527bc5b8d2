// Benchmark (not a test): policy decisions per second on one core for a role with ten statements
// that carry conditions. Run with `npm run bench:policy`. Prints figures; asserts nothing about time.
//
// The role and the questions are worker-workload.ts's (`bench:authorize` asks the same through the
// server); a session policy narrows the role (second gate). Each decision of the first run builds its
// request context from a plain object, as the server does per request; the second prepares it once.
import {
  assumedRolePrincipal,
  createRequestContext,
  evaluate,
  parsePolicy,
  type AuthorizationRequest,
  type ContextMap,
} from "@anchorage/policy";
import { formatRate, measureRate, tallyOutcomes } from "./measure-rate.ts";
import { WORKER_REQUEST, WORKER_ROLE, workerQuestions, workerRolePolicy } from "./worker-workload.ts";

const ACCOUNT = "123456789012";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role${WORKER_ROLE.path}${WORKER_ROLE.name}`;

const role = parsePolicy(workerRolePolicy(ACCOUNT), "identity", { name: "WorkerPolicy" });

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
  "aws:PrincipalTag/team": WORKER_REQUEST.team,
  "aws:SourceIp": WORKER_REQUEST.sourceIp,
  "aws:SecureTransport": String(WORKER_REQUEST.secureTransport),
  "aws:CurrentTime": "2026-06-01T12:00:00Z",
  "aws:RequestedRegion": WORKER_REQUEST.requestedRegion,
};
const requests: AuthorizationRequest[] = workerQuestions(ACCOUNT).map((q) => ({
  principal,
  action: q.action,
  resource: q.resource,
  context: { ...base, ...q.context },
}));

async function run(label: string, reqs: readonly AuthorizationRequest[], seconds: number): Promise<void> {
  const policies = { identity: [role], session: [session] };
  const mix = tallyOutcomes(reqs.map((r) => evaluate(r, policies).decision));
  const batch = 10_000;
  let sink = 0;
  const rate = await measureRate(
    () => {
      for (let i = 0; i < batch; i++) {
        if (evaluate(reqs[i % reqs.length] as AuthorizationRequest, policies).allowed) sink++;
      }
      return batch;
    },
    { seconds, warmupBatches: 5 },
  );
  console.log(
    `${label}: ${formatRate(rate.perSecond)} decisions/s ` +
      `(${rate.count.toLocaleString("en-US")} in ${rate.seconds.toFixed(2)} s; request mix: ${mix}; allowed ${sink})`,
  );
}

const seconds = Number(process.env["BENCH_SECONDS"] ?? "3");
console.log(
  `@anchorage/policy: role with ${role.statements.length} statements and a session policy, node ${process.version}`,
);
await run("context from a plain object per decision", requests, seconds);
await run(
  "context prepared once (createRequestContext)",
  requests.map((r) => ({ ...r, context: createRequestContext(r.context ?? {}) })),
  seconds,
);
