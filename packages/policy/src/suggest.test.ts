import assert from "node:assert/strict";
import { test } from "node:test";
import { didYouMean, editDistance, suggest } from "./suggest.js";

test("edit distance", () => {
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("", "abc"), 3);
  assert.equal(editDistance("same", "same"), 0);
});

test("suggestions prefer a case-insensitive match, then the nearest within reach", () => {
  assert.equal(suggest("effect", ["Sid", "Effect"]), "Effect");
  assert.equal(suggest("Efect", ["Sid", "Effect", "Action"]), "Effect");
  assert.equal(suggest("Banana", ["Sid", "Effect", "Action"]), undefined);
  assert.equal(didYouMean("Actoin", ["Action", "NotAction"]), '; did you mean "Action"?');
  assert.equal(didYouMean("zzz", ["Action"]), "");
});

test("very long inputs get no suggestion (bounded work)", () => {
  assert.equal(suggest("Effect" + "x".repeat(100), ["Effect"]), undefined);
});
