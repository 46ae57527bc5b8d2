// The per-replica caches of CreateSession: trust anchors (parsed certificates and the revocation
// index of their enabled CRLs) and profiles, invalidated through the store's generations. Three
// watchers poll `anchor:`, `revocation:` and `profile:` every 500 ms (one indexed query each), so a
// change made on any replica — a CRL imported, an anchor or profile disabled — is honoured by every
// replica within a second; a write through this replica's control plane refreshes at once
// (`refresh()`, called by the plugin after each successful Roles Anywhere write).
import type { PkiCache } from "@anchorage/pki";
import type { Logger } from "pino";
import {
  watchGenerations,
  type GenerationWatcher,
  type WatcherTimers,
} from "../../store/generation-watcher.js";
import type { Store } from "../../store/store.js";
import { GenerationCache } from "../../generation-cache.js";
import { loadProfileState, type ProfileState } from "./profile-state.js";
import { loadTrustAnchorState, type TrustAnchorState } from "./trust-anchor-state.js";

/** Options of {@link SessionCaches}. */
export interface SessionCachesOptions {
  readonly store: Store;
  readonly pki: PkiCache;
  readonly log: Pick<Logger, "warn">;
  /** Poll period; default 500 ms. `false`: no polling (tests call `refresh()`). */
  readonly watchIntervalMs?: number | false;
  /** Most trust anchors and profiles kept each; default 10,000. */
  readonly capacity?: number;
  readonly timers?: WatcherTimers;
}

const PREFIXES = ["anchor:", "revocation:", "profile:"] as const;

export class SessionCaches {
  readonly #options: SessionCachesOptions;
  readonly #anchors: GenerationCache<TrustAnchorState>;
  readonly #profiles: GenerationCache<ProfileState>;
  readonly #watchers: GenerationWatcher[] = [];

  constructor(options: SessionCachesOptions) {
    this.#options = options;
    this.#anchors = new GenerationCache(options.capacity ?? 10_000);
    this.#profiles = new GenerationCache(options.capacity ?? 10_000);
  }

  /** Takes the generations baseline and starts polling (call before serving). */
  async start(): Promise<void> {
    if (this.#watchers.length > 0) return;
    for (const prefix of PREFIXES) {
      this.#watchers.push(
        watchGenerations(this.#options.store.generations, {
          prefix,
          intervalMs: this.#options.watchIntervalMs === false ? 2 ** 31 - 1 : this.#options.watchIntervalMs,
          onChange: (changed) => this.invalidate(changed.map((g) => g.scope)),
          onError: (error) =>
            this.#options.log.warn(
              { err: error },
              `CreateSession caches: polling ${prefix} generations failed`,
            ),
          ...(this.#options.timers === undefined ? {} : { timers: this.#options.timers }),
        }),
      );
    }
    await this.refresh();
  }

  /** Picks up the changes made so far (on any replica). */
  async refresh(): Promise<void> {
    if (this.#watchers.length === 0) {
      this.#anchors.clear();
      this.#profiles.clear();
      return;
    }
    await Promise.all(this.#watchers.map((w) => w.poll()));
  }

  stop(): void {
    for (const watcher of this.#watchers.splice(0)) watcher.stop();
  }

  /** Drops what depends on the scopes (`anchor:<id>`, `revocation:<id>`, `profile:<id>`). */
  invalidate(scopes: readonly string[]): void {
    this.#anchors.invalidate(scopes);
    this.#profiles.invalidate(scopes);
  }

  trustAnchor(id: string): Promise<TrustAnchorState> {
    return this.#anchors.get(id, () => loadTrustAnchorState(this.#options.store, id, this.#options.pki));
  }

  profile(id: string): Promise<ProfileState> {
    return this.#profiles.get(id, () => loadProfileState(this.#options.store, id));
  }
}
