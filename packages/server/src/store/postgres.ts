// The PostgreSQL backend: a pg Pool through kysely. Several replicas share one database.
import { Kysely, sql } from "kysely";
import pg from "pg";

import type { SqlCodec } from "./codec.js";
import type { DriverErrorClassifier } from "./context.js";
import { StoreInputError, StoreUnavailableError } from "./errors.js";
import { createKyselyStore, translateError } from "./kysely-store.js";
import { migrateToLatest } from "./migrate.js";
import { POSTGRES_FLAVOR } from "./migrations/flavor.js";
import { schemaMigrations } from "./migrations/index.js";
import { SchemaScopedPostgresDialect } from "./postgres-introspector.js";
import type { Database } from "./schema.js";
import type { Store } from "./store.js";
import { formatTimestamp, parseTimestamp, type StoreClock } from "./timestamp.js";

export const DEFAULT_POSTGRES_SCHEMA = "public";
export const DEFAULT_POOL_SIZE = 10;

export interface PostgresStoreOptions {
  readonly clock: StoreClock;
  /** The schema holding the tables (created if missing); default `public`. */
  readonly schema?: string;
  readonly poolSize?: number;
  /** Called with errors of idle pooled connections (the next query reports its own error). */
  readonly onIdleError?: (error: Error) => void;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

// PostgreSQL type OIDs whose text we parse ourselves.
const INT8_OID = 20;
const TIMESTAMPTZ_OID = 1184;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new TypeError(`int8 value ${text} does not fit a JavaScript number`);
  return value;
}

/**
 * The one place PostgreSQL's values become record values: counts and bigints (int8, which pg
 * returns as strings) become numbers, and `timestamptz` keeps its microseconds as a `Timestamp`
 * (pg's default makes a millisecond `Date`). Installed per pool: pg's global parsers stay as they are.
 */
const TYPE_PARSERS: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: "text" | "binary") => {
    if (format !== "binary") {
      if (oid === INT8_OID) return parseInt8;
      if (oid === TIMESTAMPTZ_OID) return (text: string) => formatTimestamp(parseTimestamp(text));
    }
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  },
};

export const POSTGRES_CODEC: SqlCodec = {
  bool: (value) => value,
  readBool(value) {
    if (typeof value !== "boolean") throw new TypeError(`stored PostgreSQL flag is ${typeof value}`);
    return value;
  },
  readTime: (value) => value,
  readJson: (value) => value,
  readInt(value) {
    if (typeof value === "number") return value;
    if (typeof value === "string") return parseInt8(value);
    throw new TypeError(`stored PostgreSQL integer is ${typeof value}`);
  },
  readBytes(value) {
    if (Buffer.isBuffer(value)) return value;
    throw new TypeError("stored PostgreSQL bytea is not a Buffer");
  },
};

const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : undefined;

// SQLSTATE codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
export const POSTGRES_ERRORS: DriverErrorClassifier = {
  isUniqueViolation: (e) => codeOf(e) === "23505",
  isForeignKeyViolation: (e) => codeOf(e) === "23503",
  isContention: (e) => ["40001", "40P01", "55P03"].includes(codeOf(e) ?? ""),
  describe: (e) => {
    const code = codeOf(e);
    return code === undefined ? (e instanceof Error ? e.name : typeof e) : `code ${code}`;
  },
};

/** The URL without its password, for messages. */
export function redactPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable PostgreSQL URL)";
  }
}

/** Splits our own `schema` query parameter off a PostgreSQL URL (pg does not know it). */
export function splitSchemaParameter(url: string): { url: string; schema?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new StoreInputError("the PostgreSQL URL does not parse", { cause: error });
  }
  const schema = parsed.searchParams.get("schema");
  if (schema === null) return { url };
  parsed.searchParams.delete("schema");
  return { url: parsed.toString(), schema };
}

/**
 * A kysely instance on a pg Pool for `url`: our type parsers, UTC, `search_path` set to the
 * schema (from `options.schema`, else the URL's `?schema=`, else `public`). Does not connect yet.
 */
export function connectPostgres(
  url: string,
  options: Omit<PostgresStoreOptions, "clock"> = {},
): { db: Kysely<Database>; schema: string; where: string } {
  const split = splitSchemaParameter(url);
  const schema = options.schema ?? split.schema ?? DEFAULT_POSTGRES_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreInputError(
      `PostgreSQL schema name ${JSON.stringify(schema)} must match ${SCHEMA_NAME.source}`,
    );
  }
  const pool = new pg.Pool({
    connectionString: split.url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    types: TYPE_PARSERS,
    // Timestamps come back in UTC; unqualified table names resolve in our schema.
    options: `-c TimeZone=UTC -c search_path=${schema}`,
  });
  pool.on("error", options.onIdleError ?? (() => undefined));
  const db = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }, schema) });
  return { db, schema, where: redactPostgresUrl(split.url) };
}

/**
 * Connects to PostgreSQL at `url` (`postgres://user:pass@host:port/db`, optionally `?schema=`),
 * applies pending migrations (one process at a time: the Migrator's advisory lock) and returns
 * the store.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions): Promise<Store> {
  const { db, schema, where } = connectPostgres(url, options);
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    // Connection failures (refused, unknown host, authentication) carry no SQL: name them.
    const reason =
      error instanceof Error && error.message !== "" ? error.message : (codeOf(error) ?? String(error));
    throw new StoreUnavailableError(`cannot connect to PostgreSQL at ${where}: ${reason}`, { cause: error });
  }
  try {
    await migrateToLatest(db, schemaMigrations(POSTGRES_FLAVOR), schema);
  } catch (error) {
    await db.destroy();
    const translated = translateError(POSTGRES_ERRORS, error);
    translated.message = `PostgreSQL at ${where}: ${translated.message}`;
    throw translated;
  }
  return createKyselyStore(
    {
      name: "postgres",
      db,
      codec: POSTGRES_CODEC,
      errors: POSTGRES_ERRORS,
      transaction: (fn) => db.transaction().execute(fn),
      destroy: () => db.destroy(),
    },
    options.clock,
  );
}
