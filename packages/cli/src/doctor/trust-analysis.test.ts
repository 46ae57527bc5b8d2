import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeTrust, describeFailedCondition } from "./trust-analysis.js";
import { trustContext } from "./trust-context.js";

const ROLE = "arn:aws:iam::123456789012:role/app";
const ANCHOR =
  "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/4f1b6f2e-0000-4000-8000-000000000001";
const OTHER_ANCHOR =
  "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/4f1b6f2e-0000-4000-8000-000000000002";
const ACTIONS = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"];

const context = (cn: string | undefined, anchor = ANCHOR) =>
  trustContext({
    trustAnchorArn: anchor,
    accountId: "123456789012",
    tags: cn === undefined ? [] : [{ key: "x509Subject/CN", value: cn }],
    sourceIdentity: cn === undefined ? "ID=1002" : `CN=${cn}`,
    sessionName: "1002",
    now: new Date("2026-01-15T12:00:00Z"),
    secureTransport: false,
  });

const policy = (statements: Record<string, unknown>[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (condition?: Record<string, unknown>, actions: string[] = ACTIONS, sid?: string) => ({
  ...(sid === undefined ? {} : { Sid: sid }),
  Effect: "Allow",
  Principal: { Service: "rolesanywhere.amazonaws.com" },
  Action: actions,
  ...(condition === undefined ? {} : { Condition: condition }),
});
const GUARDED = {
  StringEquals: { "aws:PrincipalTag/x509Subject/CN": "app" },
  ArnEquals: { "aws:SourceArn": ANCHOR },
};

test("a policy that allows the certificate, with both guards", () => {
  const a = analyzeTrust(policy([allow(GUARDED)]), ROLE, context("app"));
  assert.deepEqual(a, { kind: "allowed", withoutSourceArn: [], withoutSubject: [], unknownKeys: [] });
});

test("no condition at all: allowed, but both P10 guards are missing", () => {
  const a = analyzeTrust(policy([allow()]), ROLE, context("app"));
  assert.deepEqual(a, {
    kind: "allowed",
    withoutSourceArn: ["Statement[0]"],
    withoutSubject: ["Statement[0]"],
    unknownKeys: [],
  });
});

test("a CN mismatch names the statement, the condition and what the certificate gives", () => {
  const a = analyzeTrust(policy([allow(GUARDED, ACTIONS, "RA")]), ROLE, context("intruder"));
  assert.equal(a.kind, "condition-failed");
  if (a.kind !== "condition-failed") return;
  assert.equal(a.action, "sts:AssumeRole");
  assert.deepEqual(a.failed.map(describeFailedCondition), [
    'Statement[0] (Sid "RA"): StringEquals aws:PrincipalTag/x509Subject/CN ["app"] is false (the request has "intruder")',
  ]);
});

test("another trust anchor fails the aws:SourceArn condition only", () => {
  const a = analyzeTrust(policy([allow(GUARDED)]), ROLE, context("app", OTHER_ANCHOR));
  assert.equal(a.kind, "condition-failed");
  if (a.kind !== "condition-failed") return;
  assert.deepEqual(
    a.failed.map((f) => [f.key, f.actual]),
    [["aws:SourceArn", OTHER_ANCHOR]],
  );
});

test("a tag the certificate does not give is reported as absent", () => {
  const a = analyzeTrust(policy([allow(GUARDED)]), ROLE, context(undefined));
  assert.equal(a.kind, "condition-failed");
  if (a.kind !== "condition-failed") return;
  assert.match(describeFailedCondition(a.failed[0]!), /the request has no such key/);
});

test("a missing action is not a condition problem: sts:TagSession not granted", () => {
  const a = analyzeTrust(
    policy([allow(undefined, ["sts:AssumeRole", "sts:SetSourceIdentity"])]),
    ROLE,
    context("app"),
  );
  assert.deepEqual([a.kind, a.kind === "not-granted" ? a.action : ""], ["not-granted", "sts:TagSession"]);
});

test("an explicit Deny is named", () => {
  const deny = {
    Sid: "NoIntruder",
    Effect: "Deny",
    Principal: "*",
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:PrincipalTag/x509Subject/CN": "intruder" } },
  };
  const a = analyzeTrust(policy([allow(), deny]), ROLE, context("intruder"));
  assert.equal(a.kind, "explicit-deny");
  if (a.kind !== "explicit-deny") return;
  assert.deepEqual(a.statements, ['Statement[1] (Sid "NoIntruder")']);
});

test("split statements (the user guide's shape) are each checked for their own action", () => {
  const a = analyzeTrust(
    policy([
      allow({ StringEquals: { "sts:SourceIdentity": "CN=app" } }, [
        "sts:AssumeRole",
        "sts:SetSourceIdentity",
      ]),
      allow({ StringEquals: { "aws:PrincipalTag/x509Subject/CN": "app" } }, ["sts:TagSession"]),
    ]),
    ROLE,
    context("app"),
  );
  assert.deepEqual(a, {
    kind: "allowed",
    withoutSourceArn: ["Statement[0]"],
    withoutSubject: [],
    unknownKeys: [],
  });
});

test("a malformed document is reported, not thrown", () => {
  assert.equal(analyzeTrust("{", ROLE, context("app")).kind, "malformed");
});

test("keys only the server knows are listed", () => {
  const a = analyzeTrust(
    policy([allow({ ...GUARDED, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })]),
    ROLE,
    context("app"),
  );
  assert.equal(a.kind, "condition-failed");
  if (a.kind !== "condition-failed") return;
  assert.deepEqual([a.unknownKeys, a.failed.map((f) => f.key)], [["aws:SourceIp"], ["aws:SourceIp"]]);
});
