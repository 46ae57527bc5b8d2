import { sql, type ColumnDataType, type CreateTableBuilder, type Expression, type Kysely } from "kysely";

import type { StoreBackend } from "../store.js";

/** The column types a migration uses, per backend: one migration text serves both. */
export interface SqlFlavor {
  readonly backend: StoreBackend;
  /**
   * Text compared and sorted byte-wise on both backends (SQLite's BINARY collation; "C" in
   * PostgreSQL, whatever the database's locale), so orders and keyset cursors agree.
   */
  readonly text: ColumnDataType | Expression<unknown>;
  readonly bool: ColumnDataType;
  readonly time: ColumnDataType;
  readonly json: ColumnDataType;
  readonly bytes: ColumnDataType;
  readonly int: ColumnDataType;
  readonly bigint: ColumnDataType;
  /** `create table`, as a STRICT table on SQLite so a mistyped value fails instead of being stored. */
  createTable(db: Kysely<unknown>, name: string): CreateTableBuilder<string, never>;
}

export const SQLITE_FLAVOR: SqlFlavor = {
  backend: "sqlite",
  text: "text",
  bool: "integer",
  time: "text",
  json: "text",
  bytes: "blob",
  int: "integer",
  bigint: "integer",
  createTable: (db, name) => db.schema.createTable(name).modifyEnd(sql`strict`),
};

export const POSTGRES_FLAVOR: SqlFlavor = {
  backend: "postgres",
  text: sql`text collate "C"`,
  bool: "boolean",
  time: "timestamptz",
  json: "jsonb",
  bytes: "bytea",
  int: "integer",
  bigint: "bigint",
  createTable: (db, name) => db.schema.createTable(name),
};
