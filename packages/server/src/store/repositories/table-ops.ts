// The steps every table repository repeats: counting rows, requiring a row, turning a taken unique
// key into a StoreConflictError. What a table stores and how it is keyed stays in its repository.
import type { Kysely, SelectQueryBuilder, Simplify } from "kysely";

import type { SqlCodec } from "../codec.js";
import type { DriverErrorClassifier } from "../context.js";
import { StoreConflictError, StoreNotFoundError, type StoreEntity } from "../errors.js";
import type { Database } from "../schema.js";

/** How many rows `query` (a `selectFrom`, with any `where`) matches. */
export async function countRows<TB extends keyof Database, O>(
  codec: SqlCodec,
  query: SelectQueryBuilder<Database, TB, O>,
): Promise<number> {
  const row = await query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return codec.readInt(row.n);
}

/**
 * The first row `query` returns, mapped by `record`, or `undefined` when there is none (the same
 * statement and result as kysely's `executeTakeFirst`).
 */
export async function findRecord<TB extends keyof Database, O, R>(
  query: SelectQueryBuilder<Database, TB, O>,
  record: (row: Simplify<O>) => R,
): Promise<R | undefined> {
  const [row] = await query.execute();
  return row === undefined ? undefined : record(row);
}

/** `row`, or `StoreNotFoundError(entity, key)` when the query found none. */
export function mustExist<T>(row: T | undefined, entity: StoreEntity, key: string): T {
  if (row === undefined) throw new StoreNotFoundError(entity, key);
  return row;
}

/** The conflict to report when a write hits a unique constraint. */
export interface Duplicate {
  readonly entity: StoreEntity;
  readonly key: string;
  readonly message: string;
}

/**
 * Runs `write`; a unique violation it raises becomes `StoreConflictError` (`exists`) with the
 * driver's error as `cause`. Any other error passes unchanged.
 */
export async function rejectDuplicates<T>(
  errors: DriverErrorClassifier,
  duplicate: Duplicate,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!errors.isUniqueViolation(error)) throw error;
    throw new StoreConflictError(duplicate.entity, duplicate.key, "exists", duplicate.message, {
      cause: error,
    });
  }
}

/** The tables whose `name` is unique case-insensitively, through `name_key`. */
export type NameKeyedTable = "roles" | "users" | "managed_policies";

/**
 * Throws `StoreConflictError` (`exists`) when `name` is taken in `table`, in any case; `message`
 * is given the name as stored.
 */
export async function assertNameFree(
  db: Kysely<Database>,
  table: NameKeyedTable,
  entity: StoreEntity,
  name: string,
  message: (takenName: string) => string,
): Promise<void> {
  const taken = await db
    .selectFrom(table)
    .select("name")
    .where("name_key", "=", name.toLowerCase())
    .executeTakeFirst();
  if (taken !== undefined) throw new StoreConflictError(entity, name, "exists", message(taken.name));
}
