// A store with caches on it, for the resolve-* tests (no HTTP server).
import type { TestContext } from "node:test";
import { PkiCache } from "@anchorage/pki";
import { PolicyEngine } from "../../authorization/policy-engine.js";
import { openStore } from "../../store/open-store.js";
import type { Store } from "../../store/store.js";
import { temporarySqliteDatabase } from "../../store/test-databases.js";
import { SessionCaches } from "./session-caches.js";
import { ISSUED } from "./sessions.fixture.js";

export interface Resolving {
  readonly store: Store;
  readonly caches: SessionCaches;
  readonly engine: PolicyEngine;
  /** Makes the store's writes visible (as the watchers would within a poll). */
  refresh(): Promise<void>;
}

export async function resolving(t: Pick<TestContext, "after">): Promise<Resolving> {
  const db = await temporarySqliteDatabase();
  const store = await openStore(db.url, { clock: () => ISSUED });
  const caches = new SessionCaches({
    store,
    pki: new PkiCache(),
    log: { warn: () => undefined },
    watchIntervalMs: false,
  });
  const engine = new PolicyEngine({ store, clock: () => ISSUED, cache: { watchIntervalMs: false } });
  await caches.start();
  t.after(async () => {
    caches.stop();
    await store.close();
    await db.dispose();
  });
  return {
    store,
    caches,
    engine,
    refresh: async () => {
      await caches.refresh();
      await engine.cache.refresh();
    },
  };
}
