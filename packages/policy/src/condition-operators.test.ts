import assert from "node:assert/strict";
import { test } from "node:test";
import { BASE_OPERATORS, operatorNames, parseOperatorName } from "./condition-operators.js";

test("27 base operators; every non-Null one has IfExists and set-qualified forms", () => {
  assert.equal(BASE_OPERATORS.size, 27);
  assert.equal(operatorNames().length, 26 * 6 + 1);
  for (const name of operatorNames()) assert.equal(typeof parseOperatorName(name), "object", name);
});

test("modifiers are parsed", () => {
  const op = parseOperatorName("ForAnyValue:StringNotLikeIfExists");
  assert.ok(typeof op === "object");
  assert.equal(op.base.name, "StringNotLike");
  assert.equal(op.set, "ForAnyValue");
  assert.equal(op.ifExists, true);
  assert.equal(op.base.negated, true);
});

test("unknown operators get a suggestion; Null takes no modifiers", () => {
  assert.match(String(parseOperatorName("StringEqual")), /did you mean "StringEquals"\?/);
  assert.match(String(parseOperatorName("stringequals")), /did you mean "StringEquals"\?/);
  assert.match(
    String(parseOperatorName("ForAllValue:StringLike")),
    /did you mean "ForAllValues:StringLike"\?/,
  );
  assert.match(String(parseOperatorName("NullIfExists")), /IfExists cannot be used with Null/);
  assert.match(String(parseOperatorName("ForAnyValue:Null")), /cannot be used with Null/);
});
