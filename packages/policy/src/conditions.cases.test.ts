import assert from "node:assert/strict";
import { test } from "node:test";
import { CONDITION_CASES, type ConditionCase } from "./conditions.cases.js";
import { evaluate } from "./evaluate.js";
import { parsePolicy } from "./parse-policy.js";
import { assumedRolePrincipal } from "./principal.js";

const principal = assumedRolePrincipal("arn:aws:iam::111122223333:role/App", "s1");
const ALLOW_ALL = parsePolicy(
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
  "identity",
  { name: "AllowAll" },
);

function policyWith(c: ConditionCase, effect: "Allow" | "Deny"): string {
  const version = c.version === undefined ? "2012-10-17" : c.version;
  return JSON.stringify({
    ...(version === null ? {} : { Version: version }),
    Statement: [
      { Sid: "Cond", Effect: effect, Action: "s3:GetObject", Resource: "*", Condition: c.condition },
    ],
  });
}

test("the condition table has 185 rows, each traced to a rule", () => {
  assert.equal(CONDITION_CASES.length, 185);
  for (const c of CONDITION_CASES) assert.match(c.rule, /iam-sts\.md §|IUG /, c.rule);
});

for (const [i, c] of CONDITION_CASES.entries()) {
  test(`condition #${i}: ${c.rule}`, () => {
    const request = { principal, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: c.context };
    const allow = parsePolicy(policyWith(c, "Allow"), "identity", { name: "AllowCond" });
    assert.equal(
      evaluate(request, { identity: [allow] }).decision,
      c.expect ? "Allow" : "ImplicitDeny",
      "as Allow",
    );
    const deny = parsePolicy(policyWith(c, "Deny"), "identity", { name: "DenyCond" });
    assert.equal(
      evaluate(request, { identity: [ALLOW_ALL, deny] }).decision,
      c.expect ? "ExplicitDeny" : "Allow",
      "as Deny next to Allow *",
    );
  });
}
