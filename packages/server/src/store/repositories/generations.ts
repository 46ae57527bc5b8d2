import { sql, type Kysely } from "kysely";

import type { StoreContext } from "../context.js";
import type { Database } from "../schema.js";
import type { GenerationRecord, GenerationRepository } from "../store.js";

/**
 * Increments the scope's counter in `db` (the write's own transaction). In PostgreSQL the upsert
 * also locks the scope's row until the transaction ends, which serialises concurrent writers of
 * that scope: repositories bump first and use that to make count-then-insert checks atomic.
 */
export async function bumpGeneration(
  ctx: StoreContext,
  db: Kysely<Database>,
  scope: string,
): Promise<number> {
  const row = await db
    .insertInto("generations")
    .values({ scope, value: 1 })
    .onConflict((oc) => oc.column("scope").doUpdateSet({ value: sql<number>`generations.value + 1` }))
    .returning("value")
    .executeTakeFirstOrThrow();
  return ctx.codec.readInt(row.value);
}

/** Bumps each scope in turn (always in the order given, so concurrent writers lock alike). */
export async function bumpGenerations(
  ctx: StoreContext,
  db: Kysely<Database>,
  scopes: readonly string[],
): Promise<void> {
  for (const scope of scopes) await bumpGeneration(ctx, db, scope);
}

export class GenerationTable implements GenerationRepository {
  constructor(private readonly ctx: StoreContext) {}

  async get(scope: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom("generations")
      .select("value")
      .where("scope", "=", scope)
      .executeTakeFirst();
    return row === undefined ? 0 : this.ctx.codec.readInt(row.value);
  }

  bump(scope: string): Promise<number> {
    return this.ctx.write((db) => bumpGeneration(this.ctx, db, scope));
  }

  async list(prefix?: string): Promise<GenerationRecord[]> {
    let query = this.ctx.db.selectFrom("generations").select(["scope", "value"]);
    if (prefix !== undefined && prefix !== "") {
      query = query.where(sql<boolean>`substr(scope, 1, ${sql.lit(prefix.length)}) = ${prefix}`);
    }
    const rows = await query.orderBy("scope").execute();
    return rows.map((r) => ({ scope: r.scope, value: this.ctx.codec.readInt(r.value) }));
  }
}
