// kysely's Migrator decides whether its bookkeeping tables exist by introspecting the database.
// kysely's own PostgreSQL introspector reads every column of every table in EVERY schema and calls
// `pg_get_serial_sequence(name)` and `has_schema_privilege(name)` on each: name lookups that fail
// ("schema … does not exist", 3F000) when another session drops a schema or table while the
// query runs. Replicas of other deployments sharing the database (one schema each), or tests
// dropping their schemas, then make our migration fail. This introspector answers for our schema
// alone, with plain catalog joins (MVCC reads, no lookups by name), so nothing outside the schema
// can make it fail or slow it down.
import {
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Kysely,
  type PostgresDialectConfig,
  type SchemaMetadata,
  type TableMetadata,
} from "kysely";

interface ColumnRow {
  table: string;
  kind: string;
  column: string | null;
  type: string | null;
  type_schema: string | null;
  not_null: boolean | null;
  has_default: boolean | null;
  auto_incrementing: boolean | null;
}

/** A DatabaseIntrospector that sees one schema: its name and its tables and views. */
export class SchemaScopedPostgresIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<unknown>;
  readonly #schema: string;

  constructor(db: Kysely<unknown>, schema: string) {
    this.#db = db;
    this.#schema = schema;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`
      select nspname as name from pg_catalog.pg_namespace where nspname = ${this.#schema}
    `.execute(this.#db);
    return rows.map((row) => ({ name: row.name }));
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<ColumnRow>`
      select c.relname as table, c.relkind as kind, a.attname as column, t.typname as type,
             tn.nspname as type_schema, a.attnotnull as not_null, a.atthasdef as has_default,
             -- identity columns, and serial ones (a sequence the column owns: what
             -- pg_get_serial_sequence looks for, found by oid instead of by name)
             a.attidentity <> '' or exists (
               select 1 from pg_catalog.pg_depend d
               join pg_catalog.pg_class s on s.oid = d.objid and s.relkind = 'S'
               where d.refobjid = c.oid and d.refobjsubid = a.attnum and d.deptype in ('a', 'i')
             ) as auto_incrementing
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      left join pg_catalog.pg_type t on t.oid = a.atttypid
      left join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
      where n.nspname = ${this.#schema} and c.relkind in ('r', 'v', 'p')
      order by c.relname, a.attnum
    `.execute(this.#db);
    const tables = new Map<string, TableMetadata & { columns: TableMetadata["columns"][number][] }>();
    for (const row of rows) {
      let table = tables.get(row.table);
      if (table === undefined) {
        table = { name: row.table, schema: this.#schema, isView: row.kind === "v", columns: [] };
        tables.set(row.table, table);
      }
      if (row.column !== null) {
        table.columns.push({
          name: row.column,
          dataType: row.type ?? "unknown",
          ...(row.type_schema !== null && { dataTypeSchema: row.type_schema }),
          isNullable: row.not_null !== true,
          hasDefaultValue: row.has_default === true,
          isAutoIncrementing: row.auto_incrementing === true,
        });
      }
    }
    return [...tables.values()];
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** kysely's PostgresDialect, introspecting only `schema` (see SchemaScopedPostgresIntrospector). */
export class SchemaScopedPostgresDialect extends PostgresDialect {
  readonly #schema: string;

  constructor(config: PostgresDialectConfig, schema: string) {
    super(config);
    this.#schema = schema;
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SchemaScopedPostgresIntrospector(db, this.#schema);
  }
}
