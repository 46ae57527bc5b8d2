import type { SelectQueryBuilder } from "kysely";

import type { SqlCodec } from "../codec.js";
import { StoreInputError, StoreLimitError, type StoreEntity } from "../errors.js";
import type { Database } from "../schema.js";
import { countRows } from "./table-ops.js";

/**
 * Throws `StoreLimitError` when `existing` already reaches `max`. Called after the write bumped
 * the scope that serialises writers, so the count cannot change before the transaction commits.
 */
export function checkRoomFor(
  entity: StoreEntity,
  key: string,
  existing: number,
  adding: number,
  max: number | undefined,
  what: string,
): void {
  if (max === undefined) return;
  if (!Number.isInteger(max) || max < 0)
    throw new StoreInputError(`limit for ${what} must be a non-negative integer`);
  if (existing + adding > max) {
    throw new StoreLimitError(entity, key, max, `${what}: the limit is ${max}, ${existing} exist already`);
  }
}

/**
 * `checkRoomFor` one more row, where the rows `existing` (a `selectFrom`, with any `where`)
 * matches are what exist already; counts them only when there is a limit.
 */
export async function checkRoomForOne<TB extends keyof Database, O>(
  codec: SqlCodec,
  existing: SelectQueryBuilder<Database, TB, O>,
  entity: StoreEntity,
  key: string,
  max: number | undefined,
  what: string,
): Promise<void> {
  if (max === undefined) return;
  checkRoomFor(entity, key, await countRows(codec, existing), 1, max, what);
}
