// A cache of values loaded from the store, each tagged with the generation scopes it depends on
// (store/README.md "Generations"); `invalidate(scopes)` drops what depends on a changed scope.
// Concurrent gets of one key share one load; a load that overlaps an invalidation answers its
// caller but is not kept (it may have read the store before the change). Unknown keys are cached
// too ("absent" is a value), so a flood of requests naming random ids costs one read per id and the
// creation of the resource (which bumps its scope) makes it visible, unless the load says
// `keep: false`. The session caches (trust anchors, profiles) and the policy cache (roles, users,
// managed policies, access keys) both keep their values here.

/** What a load returns: the value and the scopes it was read under. */
export interface Loaded<V> {
  readonly value: V;
  readonly scopes: readonly string[];
  /** `false`: answer the callers of this load but do not cache the value; default true. */
  readonly keep?: boolean;
}

interface Entry<V> {
  readonly value: V;
  readonly scopes: readonly string[];
}

export class GenerationCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #pending = new Map<string, Promise<V>>();
  readonly #capacity: number;
  #epoch = 0;

  /** `capacity`: most keys kept (least recently used out first). */
  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new RangeError("a GenerationCache needs a capacity of at least 1");
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Moves whenever a cached value may have changed: memos of derived values compare it. */
  get epoch(): number {
    return this.#epoch;
  }

  /** The cached value of `key`, or the result of `load` (kept unless an invalidation overlapped it). */
  get(key: string, load: () => Promise<Loaded<V>>): Promise<V> {
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return Promise.resolve(entry.value);
    }
    const pending = this.#pending.get(key);
    if (pending !== undefined) return pending;
    const epoch = this.#epoch;
    const promise = load()
      .then(({ value, scopes, keep }) => {
        if (this.#epoch === epoch && keep !== false) {
          this.#entries.set(key, { value, scopes });
          if (this.#entries.size > this.#capacity)
            this.#entries.delete(this.#entries.keys().next().value as string);
        }
        return value;
      })
      .finally(() => {
        if (this.#pending.get(key) === promise) this.#pending.delete(key);
      });
    this.#pending.set(key, promise);
    return promise;
  }

  /** Drops every value that depends on one of `scopes`. */
  invalidate(scopes: readonly string[]): void {
    if (scopes.length === 0) return;
    this.#epoch++;
    const changed = new Set(scopes);
    for (const [key, entry] of this.#entries) {
      if (entry.scopes.some((s) => changed.has(s))) this.#entries.delete(key);
    }
    this.#pending.clear();
  }

  clear(): void {
    this.#epoch++;
    this.#entries.clear();
    this.#pending.clear();
  }
}
