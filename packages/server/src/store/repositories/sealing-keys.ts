import type { Kysely, Selectable } from "kysely";

import type { StoreContext } from "../context.js";
import { StoreConflictError, StoreInputError, StoreNotFoundError } from "../errors.js";
import type { Database, SealingKeysTable } from "../schema.js";
import {
  generationScopes,
  SEALING_KEY_BYTES,
  type SealingKeyRecord,
  type SealingKeyRepository,
} from "../store.js";
import { bumpGeneration } from "./generations.js";

export class SealingKeyTable implements SealingKeyRepository {
  constructor(private readonly ctx: StoreContext) {}

  private record(row: Selectable<SealingKeysTable>): SealingKeyRecord {
    const { codec } = this.ctx;
    return {
      id: row.id,
      material: codec.readBytes(row.material),
      createdAt: codec.readTime(row.created_at),
      active: codec.readBool(row.active),
    };
  }

  private listIn(db: Kysely<Database>) {
    return db.selectFrom("sealing_keys").selectAll().orderBy("created_at").orderBy("id").execute();
  }

  async list(): Promise<SealingKeyRecord[]> {
    return (await this.listIn(this.ctx.db)).map((r) => this.record(r));
  }

  add(key: {
    readonly id: string;
    readonly material: Buffer;
    readonly active?: boolean;
  }): Promise<SealingKeyRecord> {
    if (key.material.length !== SEALING_KEY_BYTES) {
      throw new StoreInputError(`a sealing key has ${SEALING_KEY_BYTES} bytes, got ${key.material.length}`);
    }
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.sealingKeys());
      const existing = await this.listIn(db);
      if (existing.some((k) => k.id === key.id)) {
        throw new StoreConflictError("sealing-key", key.id, "exists", `sealing key ${key.id} already exists`);
      }
      const active = existing.length === 0 || key.active === true;
      if (active)
        await db
          .updateTable("sealing_keys")
          .set({ active: this.ctx.codec.bool(false) })
          .execute();
      const row = await db
        .insertInto("sealing_keys")
        .values({
          id: key.id,
          material: Buffer.from(key.material),
          active: this.ctx.codec.bool(active),
          created_at: this.ctx.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return this.record(row);
    });
  }

  activate(id: string): Promise<SealingKeyRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.sealingKeys());
      const found = await db.selectFrom("sealing_keys").select("id").where("id", "=", id).executeTakeFirst();
      if (found === undefined) throw new StoreNotFoundError("sealing-key", id);
      await db
        .updateTable("sealing_keys")
        .set({ active: this.ctx.codec.bool(false) })
        .where("id", "!=", id)
        .execute();
      const row = await db
        .updateTable("sealing_keys")
        .set({ active: this.ctx.codec.bool(true) })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return this.record(row);
    });
  }

  remove(id: string): Promise<void> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.sealingKeys());
      const row = await db.selectFrom("sealing_keys").selectAll().where("id", "=", id).executeTakeFirst();
      if (row === undefined) throw new StoreNotFoundError("sealing-key", id);
      if (this.ctx.codec.readBool(row.active)) {
        throw new StoreConflictError(
          "sealing-key",
          id,
          "active-key",
          `sealing key ${id} is active; activate another first`,
        );
      }
      await db.deleteFrom("sealing_keys").where("id", "=", id).execute();
    });
  }
}
