// The static migration provider: migrations are TS modules compiled (and bundled) with the
// server, never files read at run time. Names sort in the order they apply.
import type { Migration, MigrationProvider } from "kysely";

import { initial } from "./0001-initial.js";
import type { SqlFlavor } from "./flavor.js";

/** Every migration of the schema, by name, for one backend. */
export function schemaMigrations(flavor: SqlFlavor): Record<string, Migration> {
  return {
    "0001-initial": initial(flavor),
  };
}

/** A kysely `MigrationProvider` over a fixed set of migrations. */
export function staticMigrationProvider(migrations: Record<string, Migration>): MigrationProvider {
  return { getMigrations: () => Promise.resolve(migrations) };
}
