import type { StoreContext } from "../context.js";
import type { SettingsRepository } from "../store.js";

export class SettingsTable implements SettingsRepository {
  constructor(private readonly ctx: StoreContext) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.ctx.db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", key)
      .executeTakeFirst();
    return row?.value;
  }

  setIfAbsent(key: string, value: string): Promise<string> {
    return this.ctx.write(async (db) => {
      await db
        .insertInto("settings")
        .values({ key, value })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      const row = await db
        .selectFrom("settings")
        .select("value")
        .where("key", "=", key)
        .executeTakeFirstOrThrow();
      return row.value;
    });
  }
}
