import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateTrust } from "./evaluate.js";
import type { PolicyDoc } from "./evaluation.cases.js";
import type { PolicyKind } from "./limits.js";
import { parsePolicy } from "./parse-policy.js";
import { RA_ACTIONS, TRUST_CASES, TRUST_ROLE_ARN } from "./trust.cases.js";

const compile = (doc: PolicyDoc, kind: PolicyKind, name: string) =>
  parsePolicy(typeof doc === "string" ? doc : JSON.stringify(doc), kind, { name });

test("the trust table has 32 rows, each traced to a rule", () => {
  assert.equal(TRUST_CASES.length, 32);
  for (const c of TRUST_CASES) assert.match(c.rule, /iam-sts\.md §|rolesanywhere\.md §/, c.rule);
});

for (const [i, c] of TRUST_CASES.entries()) {
  test(`trust #${i}: ${c.rule}`, () => {
    const actions = c.actions ?? RA_ACTIONS;
    const result = evaluateTrust(
      { principal: c.principal, roleArn: c.roleArn ?? TRUST_ROLE_ARN, actions, context: c.context },
      compile(c.trust, "trust", "RoleTrust"),
      {
        ...(c.caller?.identity
          ? { identity: c.caller.identity.map((d, j) => compile(d, "identity", `caller-${j}`)) }
          : {}),
        ...(c.caller?.session
          ? { session: c.caller.session.map((d, j) => compile(d, "session", `session-${j}`)) }
          : {}),
      },
    );
    assert.equal(result.decision, c.expect, result.reason);
    assert.equal(result.actions.length, actions.length);
    const expected = c.perAction ?? Object.fromEntries(actions.map((a) => [a, c.expect]));
    assert.deepEqual(
      Object.fromEntries(result.actions.map((a) => [a.action, a.decision.decision])),
      expected,
    );
  });
}
