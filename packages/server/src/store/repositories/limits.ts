import { StoreInputError, StoreLimitError, type StoreEntity } from "../errors.js";

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
