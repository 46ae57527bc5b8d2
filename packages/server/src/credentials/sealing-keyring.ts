// The sealing keys of session tokens, kept in the store so every replica opens every token.
// The first key is created on first use; `rotate()` adds a new active key (old ones still open
// their tokens until `retire()` removes them). Each replica reloads the keys in the background
// when they are older than `refreshMs` (so a key activated or retired elsewhere is picked up within
// seconds), and at once when a token names a key it does not know AND the store's `sealing-keys`
// generation moved since the last load (one indexed read; bogus key ids cause no reload).
import type { RandomBytes } from "../http/request-id.js";
import { generationScopes, SEALING_KEY_BYTES, type SealingKeyRecord, type Store } from "../store/store.js";
import { deriveSealingKey, type SealingKey } from "./seal.js";

/** Options of {@link SealingKeyring}. */
export interface SealingKeyringOptions {
  readonly random: RandomBytes;
  readonly clock: () => Date;
  /** Reload the keys in the background when the last load is older than this; default 5 s. */
  readonly refreshMs?: number;
}

/** The parts of the store the keyring uses. */
export type KeyringStore = Pick<Store, "sealingKeys" | "generations">;

interface Loaded {
  readonly at: number;
  /** The `sealing-keys` generation read before the keys. */
  readonly generation: number;
  readonly active: SealingKey | undefined;
  readonly byId: ReadonlyMap<string, SealingKey>;
}

/** The sealing keys of one store. Share one per store (see {@link sealingKeyringFor}). */
export class SealingKeyring {
  readonly #store: KeyringStore;
  readonly #options: SealingKeyringOptions;
  #loaded: Loaded | undefined;
  #loading: Promise<Loaded> | undefined;

  constructor(store: KeyringStore, options: SealingKeyringOptions) {
    this.#store = store;
    this.#options = options;
  }

  /** The key new tokens are sealed with; creates the first key of the store if there is none. */
  async activeKey(): Promise<SealingKey> {
    let loaded = await this.#current();
    if (loaded.active === undefined) {
      try {
        await this.#store.sealingKeys.add({
          id: newKeyId(this.#options.random),
          material: newMaterial(this.#options.random),
        });
      } finally {
        // Whether ours or a concurrent replica's key won, the store now has an active key.
        loaded = await this.#reload();
      }
    }
    if (loaded.active === undefined) throw new Error("the store has sealing keys but none is active");
    return loaded.active;
  }

  /** The key with this id; when it is not known here, reloads if the store's keys changed since the last load. */
  async keyById(id: string): Promise<SealingKey | undefined> {
    let loaded = await this.#current();
    const found = loaded.byId.get(id);
    if (found !== undefined) return found;
    const generation = await this.#store.generations.get(generationScopes.sealingKeys());
    if (generation === loaded.generation) return undefined;
    loaded = await this.#reload();
    return loaded.byId.get(id);
  }

  /**
   * Adds a new key and makes it the active one: new tokens are sealed with it, tokens sealed with
   * the previous keys still open until those are retired.
   */
  async rotate(): Promise<SealingKeyRecord> {
    const record = await this.#store.sealingKeys.add({
      id: newKeyId(this.#options.random),
      material: newMaterial(this.#options.random),
      active: true,
    });
    await this.#reload();
    return record;
  }

  /** Removes an inactive key: tokens sealed with it no longer open (on every replica after its next reload). */
  async retire(id: string): Promise<void> {
    await this.#store.sealingKeys.remove(id);
    await this.#reload();
  }

  /** The keys as stored (ids, creation times, which is active), without their material. */
  async describe(): Promise<{ id: string; createdAt: string; active: boolean }[]> {
    return (await this.#store.sealingKeys.list()).map((k) => ({
      id: k.id,
      createdAt: k.createdAt,
      active: k.active,
    }));
  }

  #now(): number {
    return this.#options.clock().getTime();
  }

  async #current(): Promise<Loaded> {
    const loaded = this.#loaded;
    if (loaded === undefined) return this.#reload();
    if (this.#now() - loaded.at >= (this.#options.refreshMs ?? 5000) && this.#loading === undefined) {
      // Stale: serve what we have, refresh in the background (a failure keeps the old keys).
      this.#reload().catch(() => undefined);
    }
    return loaded;
  }

  #reload(): Promise<Loaded> {
    this.#loading ??= (async () => {
      try {
        const generation = await this.#store.generations.get(generationScopes.sealingKeys());
        const records = await this.#store.sealingKeys.list();
        const byId = new Map(records.map((r) => [r.id, deriveSealingKey(r)] as const));
        const activeRecord = records.find((r) => r.active);
        const loaded: Loaded = {
          at: this.#now(),
          generation,
          active: activeRecord === undefined ? undefined : byId.get(activeRecord.id),
          byId,
        };
        this.#loaded = loaded;
        return loaded;
      } finally {
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }
}

const KEYRINGS = new WeakMap<object, SealingKeyring>();

/**
 * The keyring shared by everything that uses this store in this process (the STS service, the
 * Roles Anywhere CreateSession, the session resolver). The first caller's options win.
 */
export function sealingKeyringFor(store: KeyringStore, options: SealingKeyringOptions): SealingKeyring {
  let keyring = KEYRINGS.get(store);
  if (keyring === undefined) KEYRINGS.set(store, (keyring = new SealingKeyring(store, options)));
  return keyring;
}

/** A new key id: `sk` and 16 hex digits (public: it travels in the clear in every token). */
function newKeyId(random: RandomBytes): string {
  return `sk${random(8).toString("hex")}`;
}

function newMaterial(random: RandomBytes): Buffer {
  return Buffer.from(random(SEALING_KEY_BYTES));
}
