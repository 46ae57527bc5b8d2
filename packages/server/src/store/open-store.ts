import { join } from "node:path";

import { StoreInputError } from "./errors.js";
import type { Store, StoreBackend } from "./store.js";
import type { StoreClock } from "./timestamp.js";

/** Where the store lives, as `parseStoreUrl` understands a `--database` value. */
export type StoreLocation =
  | { readonly backend: Extract<StoreBackend, "sqlite">; readonly path: string }
  | { readonly backend: Extract<StoreBackend, "postgres">; readonly url: string };

/**
 * Reads a database URL: `postgres://…` / `postgresql://…` (PostgreSQL), `sqlite:<path>`,
 * `sqlite://<path>`, `sqlite::memory:`, or a plain file path (SQLite).
 */
export function parseStoreUrl(url: string): StoreLocation {
  if (/^postgres(ql)?:\/\//i.test(url)) return { backend: "postgres", url };
  const sqlite = /^sqlite:(?:\/\/)?(.*)$/i.exec(url);
  const path = sqlite === null ? url : (sqlite[1] ?? "");
  if (path === "") throw new StoreInputError(`no SQLite file in database URL ${JSON.stringify(url)}`);
  if (sqlite === null && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new StoreInputError(
      `unsupported database URL scheme in ${JSON.stringify(url.replace(/\/\/[^@/]*@/, "//***@"))}: use postgres://, postgresql:// or sqlite:`,
    );
  }
  return { backend: "sqlite", path };
}

/** The inverse of `parseStoreUrl` (PostgreSQL URLs are returned as given). */
export function formatStoreUrl(location: StoreLocation): string {
  return location.backend === "postgres" ? location.url : `sqlite:${location.path}`;
}

/** The default database: `<data-dir>/anchorage.db`. */
export const defaultStoreUrl = (dataDir: string): string =>
  formatStoreUrl({ backend: "sqlite", path: join(dataDir, "anchorage.db") });

export interface StoreOptions {
  /** Supplies `createdAt` / `updatedAt` (the store never reads the system clock). */
  readonly clock: StoreClock;
  /** SQLite: how long a write waits for another process's lock (ms). */
  readonly busyTimeoutMs?: number;
  /** PostgreSQL: schema for the tables (also `?schema=` in the URL); default `public`. */
  readonly schema?: string;
  /** PostgreSQL: connections in the pool. */
  readonly poolSize?: number;
  /** PostgreSQL: errors of idle pooled connections (e.g. the server restarted). */
  readonly onIdleError?: (error: Error) => void;
}

/**
 * Opens the store at `url` (see `parseStoreUrl`), applying pending migrations. Each backend's
 * driver is loaded only when it is used.
 *
 * @example
 * const store = await openStore(defaultStoreUrl("./anchorage-data"), { clock: () => new Date() });
 */
export async function openStore(url: string, options: StoreOptions): Promise<Store> {
  const location = parseStoreUrl(url);
  if (location.backend === "postgres") {
    const { openPostgresStore } = await import("./postgres.js");
    return openPostgresStore(location.url, options);
  }
  const { openSqliteStore } = await import("./sqlite.js");
  return openSqliteStore(location.path, options);
}
