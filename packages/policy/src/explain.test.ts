import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate, evaluateTrust } from "./evaluate.js";
import { parsePolicy } from "./parse-policy.js";
import { assumedRolePrincipal, servicePrincipal } from "./principal.js";

// The reasons are part of the API: the decision API and `anchorage authorize` print them.
const V = "2012-10-17";
const p = (
  kind: "identity" | "session" | "boundary" | "resource" | "trust",
  name: string,
  Statement: object[],
) => parsePolicy(JSON.stringify({ Version: V, Statement }), kind, { name });
const principal = assumedRolePrincipal("arn:aws:iam::111122223333:role/App", "s1");
const req = (action: string, resource = "arn:aws:s3:::b/k") => ({ principal, action, resource });
const role = p("identity", "S3Full", [{ Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "*" }]);
const readOnly = p("session", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", [
  { Effect: "Allow", Action: ["s3:Get*", "s3:List*"], Resource: "*" },
]);

test("explicit deny names the statement, its Sid, the gate and the policy", () => {
  const denyWrites = p("identity", "X", [
    { Effect: "Allow", Action: "*", Resource: "*" },
    { Effect: "Allow", Action: "sqs:*", Resource: "*" },
    { Sid: "DenyWrites", Effect: "Deny", Action: "s3:Put*", Resource: "*" },
  ]);
  const d = evaluate(req("s3:PutObject"), { identity: [denyWrites] });
  assert.equal(d.reason, 'explicitly denied by Statement[2] (Sid "DenyWrites") of identity policy "X"');
  assert.deepEqual(
    d.matchedStatements.map((m) => [m.policy, m.gate, m.index, m.sid, m.effect]),
    [["X", "identity", 2, "DenyWrites", "Deny"]],
  );
});

test("explicit deny counts further Deny statements", () => {
  const twoDenies = p("session", "S", [
    { Effect: "Allow", Action: "*", Resource: "*" },
    { Effect: "Deny", Action: "s3:*", Resource: "*" },
    { Effect: "Deny", Action: "s3:PutObject", Resource: "*" },
  ]);
  const d = evaluate(req("s3:PutObject"), { identity: [role], session: [twoDenies] });
  assert.equal(
    d.reason,
    'explicitly denied by Statement[1] of session policy "S" (and 1 more Deny statement)',
  );
  assert.equal(d.matchedStatements.length, 2);
});

test("implicit deny by the session gate (the seeds' scenario: write denied)", () => {
  const d = evaluate(req("s3:PutObject"), { identity: [role], session: [readOnly] });
  assert.equal(
    d.reason,
    "implicitly denied: no statement in the session policies allows s3:PutObject on arn:aws:s3:::b/k",
  );
  assert.deepEqual(d.gates, {
    identity: "Allowed",
    resource: "Absent",
    boundary: "Absent",
    session: "NotAllowed",
  });
});

test("allow names the granting statement and the gates it passed (the seeds' scenario: read allowed)", () => {
  const d = evaluate(req("s3:GetObject"), { identity: [role], session: [readOnly] });
  assert.equal(
    d.reason,
    'allowed by Statement[0] (Sid "All") of identity policy "S3Full"; within Statement[0] of session policy "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"',
  );
  assert.deepEqual(
    d.matchedStatements.map((m) => `${m.gate}:${m.policy}#${m.index}`),
    ["identity:S3Full#0", "session:arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess#0"],
  );
  assert.deepEqual(d.matchedStatements[0]?.start, { line: 1, column: 38 });
});

test("implicit deny by the identity gate, with and without a resource policy", () => {
  const sqs = p("identity", "Q", [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }]);
  assert.equal(
    evaluate(req("s3:GetObject"), { identity: [sqs] }).reason,
    "implicitly denied: no statement in the identity policies allows s3:GetObject on arn:aws:s3:::b/k",
  );
  const other = p("resource", "BucketPolicy", [
    {
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/Other" },
      Action: "s3:*",
      Resource: "*",
    },
  ]);
  assert.equal(
    evaluate(req("s3:GetObject"), { identity: [sqs], resource: other }).reason,
    "implicitly denied: no statement in the identity policies or the resource policy allows s3:GetObject on arn:aws:s3:::b/k",
  );
  assert.equal(
    evaluate(req("s3:GetObject"), {}).reason,
    "implicitly denied: no policy allows s3:GetObject on arn:aws:s3:::b/k",
  );
});

test("implicit deny by the boundary names it; account-only resource grants say so", () => {
  const boundary = p("boundary", "DevBoundary", [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }]);
  assert.equal(
    evaluate(req("s3:GetObject"), { identity: [role], boundary }).reason,
    'implicitly denied: the permissions boundary "DevBoundary" does not allow s3:GetObject on arn:aws:s3:::b/k',
  );
  const accountGrant = p("resource", "BucketPolicy", [
    { Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "s3:*", Resource: "*" },
  ]);
  assert.equal(
    evaluate(req("s3:GetObject"), { resource: accountGrant }).reason,
    'implicitly denied: resource policy "BucketPolicy" allows the principal\'s account, but no statement in the identity policies allows s3:GetObject on arn:aws:s3:::b/k',
  );
});

test("a resource policy naming the session says that boundary and session policies do not limit it", () => {
  const bucket = p("resource", "BucketPolicy", [
    {
      Sid: "Direct",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:sts::111122223333:assumed-role/App/s1" },
      Action: "s3:*",
      Resource: "*",
    },
  ]);
  assert.equal(
    evaluate(req("s3:PutObject"), { resource: bucket, session: [readOnly] }).reason,
    'allowed by Statement[0] (Sid "Direct") of resource policy "BucketPolicy", which names the principal itself (permissions boundary and session policies do not limit it)',
  );
});

test("cross-account denials explain the missing resource grant", () => {
  const d = evaluate({ ...req("s3:GetObject"), resourceAccount: "999988887777" }, { identity: [role] });
  assert.equal(
    d.reason,
    "implicitly denied: the principal is in another account, so the resource policy must also allow s3:GetObject on arn:aws:s3:::b/k, and none of its statements does",
  );
});

test("trust decisions name the failing action and the trust policy", () => {
  const trust = p("trust", "RoleTrust", [
    {
      Effect: "Allow",
      Principal: { Service: "rolesanywhere.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
    },
  ]);
  const request = {
    principal: servicePrincipal("rolesanywhere.amazonaws.com"),
    roleArn: "arn:aws:iam::111122223333:role/R",
    actions: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
  };
  const t = evaluateTrust(request, trust);
  assert.equal(
    t.reason,
    'sts:TagSession: implicitly denied: the trust policy "RoleTrust" does not allow rolesanywhere.amazonaws.com to perform sts:TagSession',
  );
  const ok = evaluateTrust({ ...request, actions: ["sts:AssumeRole", "sts:SetSourceIdentity"] }, trust);
  assert.equal(
    ok.reason,
    'trust policy "RoleTrust" allows rolesanywhere.amazonaws.com to perform sts:AssumeRole, sts:SetSourceIdentity on arn:aws:iam::111122223333:role/R',
  );
});
