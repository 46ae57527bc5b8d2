import { sql, type Expression, type SqlBool } from "kysely";

/** `path` starts with `prefix` (no LIKE: `_` and `%` are valid in IAM paths, and SQLite's LIKE ignores case). */
export const pathStartsWith = (prefix: string): Expression<SqlBool> =>
  sql<SqlBool>`substr(path, 1, ${sql.lit(prefix.length)}) = ${prefix}`;
