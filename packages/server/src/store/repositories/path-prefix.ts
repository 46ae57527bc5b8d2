import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from "kysely";

import type { Database } from "../schema.js";

/** `path` starts with `prefix` (no LIKE: `_` and `%` are valid in IAM paths, and SQLite's LIKE ignores case). */
const pathStartsWith = (prefix: string): Expression<SqlBool> =>
  sql<SqlBool>`substr(path, 1, ${sql.lit(prefix.length)}) = ${prefix}`;

/** `query` narrowed to the rows whose `path` starts with `prefix`; unchanged without a prefix. */
export function underPath<TB extends keyof Database, O>(
  query: SelectQueryBuilder<Database, TB, O>,
  prefix: string | undefined,
): SelectQueryBuilder<Database, TB, O> {
  return prefix === undefined ? query : query.where(pathStartsWith(prefix));
}
