import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_LIMITS, firstForbiddenCharacter, IAM_QUOTAS, policySize } from "./limits.js";

test("policy size does not count whitespace (IUG reference_iam-quotas.html)", () => {
  assert.equal(policySize('{ "a" :\n\t"b c" }'), 10);
});

test("the document charset is tab, LF, CR and U+0020–U+00FF", () => {
  assert.equal(firstForbiddenCharacter("abc\t\n\r é"), -1);
  assert.equal(firstForbiddenCharacter("ab\u2019c"), 2);
  assert.equal(firstForbiddenCharacter("a\u0000"), 1);
});

test("default limits per kind follow the IAM quotas", () => {
  assert.equal(DEFAULT_LIMITS.identity.maxSize, IAM_QUOTAS.managedPolicy);
  assert.equal(DEFAULT_LIMITS.trust.maxSize, 2048);
  assert.equal(DEFAULT_LIMITS.session.maxSize, 2048);
  assert.equal(DEFAULT_LIMITS.resource.sidPattern, undefined);
});
