import type { Kysely } from "kysely";

import type { SqlCodec } from "./codec.js";
import type { Database } from "./schema.js";
import type { Timestamp } from "./timestamp.js";

/** How a backend's driver errors are recognised (by code, never by message). */
export interface DriverErrorClassifier {
  /** A unique or primary-key constraint was violated. */
  isUniqueViolation(error: unknown): boolean;
  /** A foreign-key constraint was violated. */
  isForeignKeyViolation(error: unknown): boolean;
  /** A concurrent transaction won (deadlock, serialization failure, busy database). */
  isContention(error: unknown): boolean;
  /** A short, SQL-free description of the driver error (its code), for messages. */
  describe(error: unknown): string;
}

/** What every repository is built on: the database (or the current transaction) and its backend's rules. */
export interface StoreContext {
  /** The database, or the transaction when the repositories are a transaction's view. */
  readonly db: Kysely<Database>;
  readonly codec: SqlCodec;
  readonly errors: DriverErrorClassifier;
  /** The current time from the store's clock. */
  now(): Timestamp;
  /**
   * Runs `fn` in a write transaction, or directly in the current transaction when there is one;
   * a multi-statement write is therefore always atomic.
   */
  write<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
}
