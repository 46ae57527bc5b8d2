import assert from "node:assert/strict";
import { test } from "node:test";
import type { Decision, GateOutcome, MatchedStatement } from "@anchorage/policy";
import { denialReason } from "./denial-reason.js";

const at = { line: 1, column: 1 };
const deny = (gate: MatchedStatement["gate"]): MatchedStatement => ({
  policy: "p",
  gate,
  sid: undefined,
  index: 0,
  effect: "Deny",
  start: at,
  end: at,
});
const decision = (
  type: Decision["decision"],
  gates: Partial<Record<MatchedStatement["gate"], GateOutcome>>,
  matched: MatchedStatement[] = [],
): Decision => ({
  decision: type,
  allowed: type === "Allow",
  matchedStatements: matched,
  gates: { identity: "Absent", resource: "Absent", boundary: "Absent", session: "Absent", ...gates },
  reason: "",
});

const CASES: { name: string; decision: Decision; expected: string }[] = [
  {
    name: "no policies",
    decision: decision("ImplicitDeny", {}),
    expected: "because no identity-based policy allows the iam:CreateRole action",
  },
  {
    name: "identity policies allow nothing",
    decision: decision("ImplicitDeny", { identity: "NotAllowed" }),
    expected: "because no identity-based policy allows the iam:CreateRole action",
  },
  {
    name: "the boundary allows nothing",
    decision: decision("ImplicitDeny", { identity: "Allowed", boundary: "NotAllowed" }),
    expected: "because no permissions boundary allows the iam:CreateRole action",
  },
  {
    name: "the session policies allow nothing",
    decision: decision("ImplicitDeny", { identity: "Allowed", boundary: "Allowed", session: "NotAllowed" }),
    expected: "because no session policy allows the iam:CreateRole action",
  },
  {
    name: "explicit deny in an identity policy",
    decision: decision("ExplicitDeny", { identity: "Denied" }, [deny("identity")]),
    expected: "with an explicit deny in an identity-based policy",
  },
  {
    name: "explicit deny in a boundary",
    decision: decision("ExplicitDeny", { boundary: "Denied" }, [deny("boundary")]),
    expected: "with an explicit deny in a permissions boundary",
  },
  {
    name: "explicit deny in a session policy",
    decision: decision("ExplicitDeny", { session: "Denied" }, [deny("session")]),
    expected: "with an explicit deny in a session policy",
  },
  {
    name: "explicit deny in a resource policy",
    decision: decision("ExplicitDeny", { resource: "Denied" }, [deny("resource")]),
    expected: "with an explicit deny in a resource-based policy",
  },
];

test("AccessDenied clauses in AWS's wording, by gate", () => {
  assert.equal(CASES.length, 8);
  for (const c of CASES) assert.equal(denialReason("iam:CreateRole", c.decision), c.expected, c.name);
});
