import assert from "node:assert/strict";
import { test } from "node:test";
import type { CompiledPolicy } from "./compiled-policy.js";
import { evaluate } from "./evaluate.js";
import { EVALUATION_CASES, SESSION, type PolicyDoc } from "./evaluation.cases.js";
import type { PolicyKind } from "./limits.js";
import { parsePolicy } from "./parse-policy.js";

const compile = (doc: PolicyDoc, kind: PolicyKind, name: string): CompiledPolicy =>
  parsePolicy(typeof doc === "string" ? doc : JSON.stringify(doc), kind, { name });

test("the evaluation table has 97 rows, each traced to a rule", () => {
  assert.equal(EVALUATION_CASES.length, 97);
  for (const c of EVALUATION_CASES) assert.match(c.rule, /iam-sts\.md §|IUG /, c.rule);
});

for (const [i, c] of EVALUATION_CASES.entries()) {
  test(`evaluation #${i}: ${c.rule}`, () => {
    const p = c.policies;
    const decision = evaluate(
      { principal: SESSION, ...c.request },
      {
        ...(p.identity
          ? { identity: p.identity.map((d, j) => compile(d, "identity", `identity-${j}`)) }
          : {}),
        ...(p.resource ? { resource: compile(p.resource, "resource", "resource") } : {}),
        ...(p.boundary ? { boundary: compile(p.boundary, "boundary", "boundary") } : {}),
        ...(p.session ? { session: p.session.map((d, j) => compile(d, "session", `session-${j}`)) } : {}),
      },
    );
    assert.equal(decision.decision, c.expect, decision.reason);
    assert.equal(decision.allowed, c.expect === "Allow");
    if (c.expect === "ExplicitDeny") {
      assert.ok(
        decision.matchedStatements.length > 0 && decision.matchedStatements.every((m) => m.effect === "Deny"),
      );
    }
    if (c.expect === "Allow") {
      assert.ok(
        decision.matchedStatements.length > 0 &&
          decision.matchedStatements.every((m) => m.effect === "Allow"),
      );
    }
  });
}
