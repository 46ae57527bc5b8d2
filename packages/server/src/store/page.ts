import { sql, type SelectQueryBuilder, type Simplify } from "kysely";

import { StoreInputError } from "./errors.js";
import type { Database } from "./schema.js";
import type { ListOptions, Page, PageCursor } from "./store.js";
import { formatTimestamp, parseTimestamp } from "./timestamp.js";

/** The largest page the store returns. */
export const MAX_PAGE_SIZE = 1000;
const MAX_CURSOR_ID_LENGTH = 256;

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new StoreInputError(
      `page limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${String(limit)}`,
    );
  }
  return limit;
}

function checkCursor(cursor: PageCursor): PageCursor {
  if (typeof cursor.id !== "string" || cursor.id.length === 0 || cursor.id.length > MAX_CURSOR_ID_LENGTH) {
    throw new StoreInputError("page cursor has no valid id");
  }
  if (
    typeof cursor.createdAt !== "string" ||
    formatTimestamp(parseTimestamp(cursor.createdAt)) !== cursor.createdAt
  ) {
    throw new StoreInputError("page cursor has no valid createdAt");
  }
  return cursor;
}

/**
 * Restricts a single-table query to one page in (created_at, id) order; fetches one row more than
 * the limit so `toPage` knows whether another page follows.
 */
export function pageQuery<TB extends keyof Database, O>(
  query: SelectQueryBuilder<Database, TB, O>,
  options: ListOptions,
): SelectQueryBuilder<Database, TB, O> {
  const limit = checkLimit(options.limit);
  let q = query;
  if (options.after !== undefined) {
    const { createdAt, id } = checkCursor(options.after);
    q = q.where(sql<boolean>`(created_at, id) > (${createdAt}, ${id})`);
  }
  return q
    .orderBy(sql`created_at`)
    .orderBy(sql`id`)
    .limit(limit + 1);
}

/** The page of the rows a `pageQuery` returned (already mapped to records). */
export function toPage<T extends { readonly createdAt: string; readonly id: string }>(
  rows: T[],
  options: ListOptions,
): Page<T> {
  if (rows.length <= options.limit) return { items: rows };
  const items = rows.slice(0, options.limit);
  const last = items[items.length - 1] as T;
  return { items, next: { createdAt: last.createdAt, id: last.id } };
}

/** One page of `query`'s rows (a `selectFrom`, with any `where`), each mapped by `record`. */
export async function listPage<
  TB extends keyof Database,
  O,
  T extends { readonly createdAt: string; readonly id: string },
>(
  query: SelectQueryBuilder<Database, TB, O>,
  options: ListOptions,
  record: (row: Simplify<O>) => T,
): Promise<Page<T>> {
  const rows = await pageQuery(query, options).execute();
  return toPage(rows.map(record), options);
}
