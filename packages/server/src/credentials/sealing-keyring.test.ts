import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import { temporarySqliteDatabase, type TestDatabase } from "../store/test-databases.js";
import { sealSession, unsealSession } from "./seal.js";
import type { SessionClaims } from "./session-claims.js";
import { SealingKeyring } from "./sealing-keyring.js";
import { parseSessionToken } from "./session-token.js";

let db: TestDatabase;
let store: Store;
let now = new Date("2026-01-01T00:00:00Z");
const clock = () => now;
const CLAIMS: SessionClaims = { kind: "root", accountId: "123456789012", issuedAt: 1, expiresAt: 2 };

before(async () => {
  db = await temporarySqliteDatabase();
  store = await openStore(db.url, { clock });
});
after(async () => {
  await store.close();
  await db.dispose();
});

test("the first key is created on first use, once, and two keyrings of one store agree", async () => {
  const a = new SealingKeyring(store, { random: randomBytes, clock });
  const b = new SealingKeyring(store, { random: randomBytes, clock });
  const [ka, kb] = await Promise.all([a.activeKey(), b.activeKey()]);
  assert.equal(ka.id, kb.id);
  assert.equal((await store.sealingKeys.list()).filter((k) => k.active).length, 1);
  assert.match(ka.id, /^sk[0-9a-f]{16}$/);
});

test("rotation: new tokens use the new key, old tokens still open, retired keys no longer do", async () => {
  const keyring = new SealingKeyring(store, { random: randomBytes, clock });
  const other = new SealingKeyring(store, {
    random: randomBytes,
    clock,
    refreshMs: 0,
  });
  const old = await keyring.activeKey();
  const oldToken = sealSession(CLAIMS, {
    key: old,
    accessKeyId: "ASIAAAAAAAAAAAAAAAAA",
    nonce: randomBytes(12),
  });
  const rotated = await keyring.rotate();
  const fresh = await keyring.activeKey();
  assert.equal(fresh.id, rotated.id);
  assert.notEqual(fresh.id, old.id);
  // Another replica learns the new key when a token names it.
  const newToken = sealSession(CLAIMS, {
    key: fresh,
    accessKeyId: "ASIAAAAAAAAAAAAAAAAB",
    nonce: randomBytes(12),
  });
  const found = await other.keyById(parseSessionToken(newToken.sessionToken).keyId);
  assert.ok(found !== undefined);
  assert.deepEqual(
    unsealSession(parseSessionToken(newToken.sessionToken), found, "ASIAAAAAAAAAAAAAAAAB").claims,
    CLAIMS,
  );
  const oldKey = await other.keyById(old.id);
  assert.ok(oldKey !== undefined, "the previous key still opens its tokens");
  assert.deepEqual(
    unsealSession(parseSessionToken(oldToken.sessionToken), oldKey, "ASIAAAAAAAAAAAAAAAAA").claims,
    CLAIMS,
  );
  await keyring.retire(old.id);
  now = new Date(now.getTime() + 10_000);
  await other.activeKey(); // stale: starts a background reload
  // It serves the stale keys until that reload lands (how long that takes depends on the machine).
  const deadline = Date.now() + 10_000;
  while ((await other.keyById(old.id)) !== undefined && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(await other.keyById(old.id), undefined, "the background reload dropped the retired key");
  assert.deepEqual(
    (await keyring.describe()).map((k) => [k.id, k.active]),
    (await store.sealingKeys.list()).map((k) => [k.id, k.active]),
  );
});

test("an unknown key id reloads only when the store's keys changed (bogus ids cost one indexed read)", async () => {
  let lists = 0;
  const counting = {
    generations: store.generations,
    sealingKeys: {
      ...store.sealingKeys,
      list: () => {
        lists++;
        return store.sealingKeys.list();
      },
    },
  };
  const keyring = new SealingKeyring(counting as Pick<Store, "sealingKeys" | "generations">, {
    random: randomBytes,
    clock,
  });
  await keyring.activeKey();
  assert.equal(lists, 1);
  assert.equal(await keyring.keyById("sk-unknown"), undefined);
  assert.equal(await keyring.keyById("sk-unknown"), undefined);
  assert.equal(lists, 1, "nothing changed: no reload");
  const other = new SealingKeyring(store, { random: randomBytes, clock });
  const added = await other.rotate();
  assert.equal((await keyring.keyById(added.id))?.id, added.id, "a key added elsewhere is found at once");
  assert.equal(lists, 2);
});
