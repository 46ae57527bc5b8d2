import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate, evaluateTrust } from "./evaluate.js";
import { PolicyKindError } from "./findings.js";
import { parsePolicy } from "./parse-policy.js";
import { assumedRolePrincipal, servicePrincipal } from "./principal.js";
import { createRequestContext, InvalidContextError } from "./request-context.js";

const V = "2012-10-17";
const identity = parsePolicy(
  JSON.stringify({ Version: V, Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }),
  "identity",
  { name: "I" },
);
const trust = parsePolicy(
  JSON.stringify({
    Version: V,
    Statement: [
      { Effect: "Allow", Principal: { Service: "rolesanywhere.amazonaws.com" }, Action: "sts:AssumeRole" },
    ],
  }),
  "trust",
  { name: "T" },
);
const principal = assumedRolePrincipal("arn:aws:iam::111122223333:role/App", "s1");

test("policies in the wrong slot are a programming error (PolicyKindError)", () => {
  assert.throws(
    () => evaluate({ principal, action: "s3:GetObject", resource: "*" }, { identity: [trust] }),
    PolicyKindError,
  );
  assert.throws(
    () => evaluate({ principal, action: "s3:GetObject", resource: "*" }, { resource: identity }),
    {
      name: "PolicyKindError",
      message: /policy "I" is an identity policy and cannot be used as a resource policy/,
    },
  );
  assert.throws(
    () =>
      evaluateTrust(
        { principal, roleArn: "arn:aws:iam::111122223333:role/R", actions: ["sts:AssumeRole"] },
        identity,
      ),
    PolicyKindError,
  );
  assert.throws(
    () => evaluate({ principal, action: "s3:GetObject", resource: "*" }, { identity: [{ ...identity }] }),
    {
      name: "TypeError",
      message: /was not produced by parsePolicy/,
    },
  );
});

test("evaluateTrust needs at least one action", () => {
  assert.throws(
    () =>
      evaluateTrust(
        {
          principal: servicePrincipal("rolesanywhere.amazonaws.com"),
          roleArn: "arn:aws:iam::1:role/R",
          actions: [],
        },
        trust,
      ),
    { name: "TypeError", message: /at least one action/ },
  );
});

test("a prepared RequestContext gives the same decisions as a plain map", () => {
  const conditional = parsePolicy(
    JSON.stringify({
      Version: V,
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:*",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalTag/team": "blue" } },
        },
      ],
    }),
    "identity",
  );
  const map = { "AWS:PrincipalTag/Team": "blue" };
  const plain = evaluate(
    { principal, action: "s3:GetObject", resource: "*", context: map },
    { identity: [conditional] },
  );
  const prepared = evaluate(
    { principal, action: "s3:GetObject", resource: "*", context: createRequestContext(map) },
    { identity: [conditional] },
  );
  assert.deepEqual(prepared, plain);
  assert.equal(plain.decision, "Allow");
});

test("a malformed context is rejected", () => {
  assert.throws(
    () =>
      evaluate(
        { principal, action: "s3:GetObject", resource: "*", context: { "aws:a": "1", "AWS:A": "2" } },
        { identity: [identity] },
      ),
    InvalidContextError,
  );
});

test("gate outcomes are reported for every gate", () => {
  const boundary = parsePolicy(
    JSON.stringify({
      Version: V,
      Statement: [
        { Effect: "Deny", Action: "s3:Delete*", Resource: "*" },
        { Effect: "Allow", Action: "*", Resource: "*" },
      ],
    }),
    "boundary",
  );
  const d = evaluate(
    { principal, action: "s3:DeleteObject", resource: "*" },
    { identity: [identity], boundary, session: [] },
  );
  assert.deepEqual(d.gates, {
    identity: "Allowed",
    resource: "Absent",
    boundary: "Denied",
    session: "Absent",
  });
  assert.equal(d.decision, "ExplicitDeny");
});

test("decisions are plain data: a JSON round trip keeps every field (undefined Sids aside)", () => {
  const d = evaluate({ principal, action: "s3:GetObject", resource: "*" }, { identity: [identity] });
  const back = JSON.parse(JSON.stringify(d)) as typeof d;
  assert.deepEqual(Object.keys(back), ["decision", "allowed", "matchedStatements", "gates", "reason"]);
  assert.deepEqual(back.matchedStatements, [
    {
      policy: "I",
      gate: "identity",
      index: 0,
      effect: "Allow",
      start: { line: 1, column: 38 },
      end: { line: 1, column: 87 },
    },
  ]);
  assert.equal(back.reason, d.reason);
});
