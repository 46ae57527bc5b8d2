import assert from "node:assert/strict";
import { test } from "node:test";
import { MalformedPolicyError } from "./findings.js";
import { MALFORMED_CASES } from "./malformed.cases.js";
import { parsePolicy, validatePolicy } from "./parse-policy.js";

test("the malformed-policy table has 86 rows, each traced to a rule", () => {
  assert.equal(MALFORMED_CASES.length, 86);
  for (const c of MALFORMED_CASES) assert.match(c.rule, /iam-sts\.md §|IUG /, c.rule);
});

for (const [i, c] of MALFORMED_CASES.entries()) {
  test(`malformed #${i}: ${c.rule}`, () => {
    const text = typeof c.policy === "string" ? c.policy : JSON.stringify(c.policy);
    const options = c.limits ? { limits: c.limits } : {};
    assert.throws(
      () => parsePolicy(text, c.kind, options),
      (e: unknown) => {
        assert.ok(e instanceof MalformedPolicyError, `not a MalformedPolicyError: ${String(e)}`);
        assert.equal(e.code, c.code, e.message);
        assert.match(e.message, c.message);
        return true;
      },
    );
    const v = validatePolicy(text, c.kind, options);
    assert.equal(v.valid, false);
    assert.equal(v.policy, undefined);
    assert.ok(v.errors.some((f) => f.code === c.code));
  });
}
