import { Migrator, type Kysely, type Migration } from "kysely";

import { StoreUnavailableError } from "./errors.js";
import { staticMigrationProvider } from "./migrations/index.js";

/**
 * Applies the pending migrations with kysely's Migrator and returns the names it applied. On
 * PostgreSQL the Migrator holds an advisory lock, so of two processes opening one database at
 * once, one migrates and the other waits and then finds nothing to do; on SQLite the migration
 * transaction starts with `BEGIN IMMEDIATE` (sqlite.ts), which has the same effect.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration>,
  schema?: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: staticMigrationProvider(migrations),
    ...(schema !== undefined && { migrationTableSchema: schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === "Error");
    throw new StoreUnavailableError(
      failed === undefined
        ? "the database could not be migrated (see the cause; a newer Anchorage may have migrated it)"
        : `database migration ${failed.migrationName} failed; nothing of it was applied`,
      { cause: error },
    );
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
