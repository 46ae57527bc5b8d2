import assert from "node:assert/strict";
import { test } from "node:test";
import { CRL_REASONS } from "@anchorage/pki";
import { KEY_TYPES } from "@anchorage/pki/issue";
import { KEY_TYPE_CHOICES, REASON_CHOICES } from "./choices.js";

test("the key types offered are exactly the ones issuance supports", () => {
  assert.deepEqual([...KEY_TYPE_CHOICES], [...KEY_TYPES]);
});

test("the revocation reasons offered are CRLReason minus removeFromCRL and the unused value 7", () => {
  const all = CRL_REASONS.filter((r) => r !== undefined);
  assert.equal(all.length, 10);
  assert.deepEqual(
    [...REASON_CHOICES],
    all.filter((r) => r !== "removeFromCRL"),
  );
});
