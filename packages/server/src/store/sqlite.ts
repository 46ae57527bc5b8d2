// The SQLite backend: better-sqlite3 (WAL, busy_timeout, foreign keys) through kysely.
import { mkdirSync, realpathSync } from "node:fs";
import { dirname } from "node:path";

import Database from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
} from "kysely";

import type { SqlCodec } from "./codec.js";
import type { DriverErrorClassifier } from "./context.js";
import { StoreUnavailableError } from "./errors.js";
import { createKyselyStore, translateError } from "./kysely-store.js";
import { migrateToLatest } from "./migrate.js";
import { SQLITE_FLAVOR } from "./migrations/flavor.js";
import { schemaMigrations } from "./migrations/index.js";
import { AsyncMutex } from "./mutex.js";
import type { Database as Schema, SqlBool } from "./schema.js";
import type { Store } from "./store.js";
import type { StoreClock } from "./timestamp.js";

/** The file name of the default database inside the data directory. */
export const DEFAULT_SQLITE_FILE = "anchorage.db";
/** How long a write waits for another process's write lock before failing. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
export const SQLITE_MEMORY = ":memory:";

export interface SqliteStoreOptions {
  readonly clock: StoreClock;
  readonly busyTimeoutMs?: number;
}

/** The one place SQLite's values become record values: 0/1 flags, JSON text, integers. */
export const SQLITE_CODEC: SqlCodec = {
  bool: (value) => (value ? 1 : 0),
  readBool(value: SqlBool): boolean {
    if (value === 1) return true;
    if (value === 0) return false;
    throw new TypeError(`stored SQLite flag is ${String(value)}, not 0 or 1`);
  },
  readTime(value) {
    if (typeof value !== "string") throw new TypeError("stored SQLite timestamp is not text");
    return value;
  },
  readJson: (value) => {
    if (typeof value !== "string") throw new TypeError("stored SQLite JSON is not text");
    return JSON.parse(value) as unknown;
  },
  readInt(value) {
    if (typeof value === "number" && Number.isSafeInteger(value)) return value;
    if (typeof value === "bigint" && value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
    throw new TypeError(`stored SQLite integer is ${typeof value}`);
  },
  readBytes(value) {
    if (Buffer.isBuffer(value)) return value;
    if (value instanceof Uint8Array) return Buffer.from(value);
    throw new TypeError("stored SQLite blob is not bytes");
  },
};

const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : undefined;

export const SQLITE_ERRORS: DriverErrorClassifier = {
  isUniqueViolation: (e) =>
    codeOf(e) === "SQLITE_CONSTRAINT_UNIQUE" || codeOf(e) === "SQLITE_CONSTRAINT_PRIMARYKEY",
  isForeignKeyViolation: (e) => codeOf(e) === "SQLITE_CONSTRAINT_FOREIGNKEY",
  isContention: (e) => /^SQLITE_(BUSY|LOCKED)/.test(codeOf(e) ?? ""),
  describe: (e) => codeOf(e) ?? (e instanceof Error ? e.name : typeof e),
};

/**
 * Write transactions start with `BEGIN IMMEDIATE`: the write lock is taken up front, so a writer
 * in another process waits (busy_timeout) instead of failing when it upgrades a read lock.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/**
 * SQLite has transactional DDL, but kysely's adapter says otherwise, so its Migrator would run
 * migrations outside a transaction: half-applied on failure, and twice when two processes start
 * at once. Saying yes makes each migration run inside one `BEGIN IMMEDIATE` transaction.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: Database.Database) {
    super({ database });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

// better-sqlite3 is synchronous: a second connection of this process that waits for the write
// lock (busy_timeout) would block the event loop, and with it the transaction holding the lock.
// So the stores of one process serialise their writes to one file here, without blocking; other
// processes are kept out by SQLite's own lock.
const fileLocks = new Map<string, { mutex: AsyncMutex; users: number }>();

function acquireFileLock(key: string): { mutex: AsyncMutex; release(): void } {
  let entry = fileLocks.get(key);
  if (entry === undefined) {
    entry = { mutex: new AsyncMutex(), users: 0 };
    fileLocks.set(key, entry);
  }
  entry.users += 1;
  const held = entry;
  return {
    mutex: held.mutex,
    release() {
      held.users -= 1;
      if (held.users === 0 && fileLocks.get(key) === held) fileLocks.delete(key);
    },
  };
}

/**
 * A kysely instance on the SQLite file at `path` (created if needed) with the store's pragmas
 * (WAL, synchronous NORMAL, foreign keys, busy timeout) and `BEGIN IMMEDIATE` transactions.
 */
export function connectSqlite(path: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): Kysely<Schema> {
  let sqlite: Database.Database;
  try {
    if (path !== SQLITE_MEMORY) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    sqlite = new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw translateOpenError(path, error);
  }
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
  } catch (error) {
    sqlite.close();
    throw translateOpenError(path, error);
  }
  return new Kysely<Schema>({ dialect: new ImmediateSqliteDialect(sqlite) });
}

/** Opens (creating if needed) the SQLite database at `path` and applies pending migrations. */
export async function openSqliteStore(path: string, options: SqliteStoreOptions): Promise<Store> {
  const db = connectSqlite(path, options.busyTimeoutMs);
  const lock =
    path === SQLITE_MEMORY
      ? { mutex: new AsyncMutex(), release: () => undefined }
      : acquireFileLock(realpathSync(path));
  try {
    await lock.mutex.run(() => migrateToLatest(db, schemaMigrations(SQLITE_FLAVOR)));
  } catch (error) {
    lock.release();
    await db.destroy();
    throw translateError(SQLITE_ERRORS, error);
  }
  return createKyselyStore(
    {
      name: "sqlite",
      db,
      codec: SQLITE_CODEC,
      errors: SQLITE_ERRORS,
      transaction: (fn) => lock.mutex.run(() => db.transaction().execute(fn)),
      async destroy() {
        lock.release();
        await db.destroy();
      },
    },
    options.clock,
  );
}

/** Opening errors (file system, not a database, pragma refused) carry no SQL: say what they are. */
function translateOpenError(path: string, error: unknown): StoreUnavailableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`cannot open SQLite database ${path}: ${reason}`, { cause: error });
}
