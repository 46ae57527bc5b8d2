// Fresh, empty databases for tests: a temporary SQLite file, or a new schema in the PostgreSQL
// that `npm test` starts (scripts/postgres.mjs) and names in ANCHORAGE_TEST_PG_URL.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Kysely } from "kysely";
import pg from "pg";

import { migrateToLatest } from "./migrate.js";
import { SQLITE_FLAVOR } from "./migrations/flavor.js";
import { schemaMigrations } from "./migrations/index.js";
import type { Database } from "./schema.js";
import { connectSqlite, SQLITE_MEMORY } from "./sqlite.js";

/** A database for one test; `dispose` deletes it. */
export interface TestDatabase {
  /** Pass to `openStore`; may be opened several times (several Store instances, one database). */
  readonly url: string;
  dispose(): Promise<void>;
}

export const POSTGRES_TEST_URL_VARIABLE = "ANCHORAGE_TEST_PG_URL";

/** Why PostgreSQL tests cannot run here, or `undefined` when they can. */
export function postgresTestSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env[POSTGRES_TEST_URL_VARIABLE];
  return url === undefined || url === ""
    ? `${POSTGRES_TEST_URL_VARIABLE} not set; run the suite with npm test, which starts PostgreSQL`
    : undefined;
}

/** A migrated in-memory SQLite database, for tests of single queries below the Store; `destroy` it. */
export async function migratedMemorySqlite(): Promise<Kysely<Database>> {
  const db = connectSqlite(SQLITE_MEMORY);
  await migrateToLatest(db, schemaMigrations(SQLITE_FLAVOR));
  return db;
}

/** A new SQLite file in a new temporary directory. */
export async function temporarySqliteDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), "anchorage-store-"));
  return {
    url: `sqlite:${join(dir, "anchorage.db")}`,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * A new, empty schema in the test PostgreSQL database (so runs and tests never collide); the URL
 * selects it with `?schema=`. Dropped with everything in it by `dispose`.
 */
export async function temporaryPostgresDatabase(env: NodeJS.ProcessEnv = process.env): Promise<TestDatabase> {
  const base = env[POSTGRES_TEST_URL_VARIABLE];
  if (base === undefined || base === "") throw new Error(postgresTestSkipReason(env));
  const schema = `anchorage_test_${randomBytes(8).toString("hex")}`;
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  return {
    url: url.toString(),
    async dispose() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
