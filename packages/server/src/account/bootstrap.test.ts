import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { openStore } from "../store/open-store.js";
import { AccountMismatchError, bootstrapAccount } from "./bootstrap.js";

const clock = () => new Date("2026-01-15T12:00:00Z");

test("the first start chooses the account and creates one root key; later starts keep both", async () => {
  const store = await openStore("sqlite::memory:", { clock });
  try {
    const first = await bootstrapAccount(store, { random: randomBytes });
    assert.match(first.accountId, /^[1-9]\d{11}$/);
    assert.match(first.createdRootKey?.accessKeyId ?? "", /^AKIA[A-Z2-7]{16}$/);
    const again = await bootstrapAccount(store, { random: randomBytes });
    assert.deepEqual(again, { accountId: first.accountId });
    const keys = await store.accessKeys.listByUser(undefined);
    assert.deepEqual(
      keys.map((k) => [k.id, k.secretAccessKey, k.status]),
      [[first.createdRootKey?.accessKeyId, first.createdRootKey?.secretAccessKey, "Active"]],
    );
  } finally {
    await store.close();
  }
});

test("--account-id is kept, and a different one later is refused with the fix", async () => {
  const store = await openStore("sqlite::memory:", { clock });
  try {
    assert.equal(
      (await bootstrapAccount(store, { random: randomBytes, requestedAccountId: "123456789012" })).accountId,
      "123456789012",
    );
    await assert.rejects(
      bootstrapAccount(store, { random: randomBytes, requestedAccountId: "210987654321" }),
      {
        name: AccountMismatchError.name,
        message: /already belongs to account 123456789012, not 210987654321; drop --account-id/,
      },
    );
  } finally {
    await store.close();
  }
});
