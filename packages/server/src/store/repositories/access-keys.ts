import type { Kysely } from "kysely";

import type { StoreContext } from "../context.js";
import { StoreNotFoundError } from "../errors.js";
import type { AccessKeysTable, Database } from "../schema.js";
import {
  generationScopes,
  type AccessKeyRecord,
  type AccessKeyRepository,
  type AccessKeyStatus,
  type NewAccessKey,
} from "../store.js";
import { toTimestamp, type Timestamp } from "../timestamp.js";
import { bumpGeneration } from "./generations.js";
import { checkRoomForOne } from "./limits.js";
import { findPrincipal } from "./principals.js";
import { mustExist, rejectDuplicates, type Duplicate } from "./table-ops.js";

type KeyRow = Pick<
  AccessKeysTable,
  | "id"
  | "secret_access_key"
  | "status"
  | "created_at"
  | "last_used_at"
  | "last_used_service"
  | "last_used_region"
> & { user_name: string | null };

export class AccessKeyTable implements AccessKeyRepository {
  constructor(private readonly ctx: StoreContext) {}

  private record(row: KeyRow): AccessKeyRecord {
    const { codec } = this.ctx;
    return {
      id: row.id,
      ...(row.user_name !== null && { userName: row.user_name }),
      secretAccessKey: row.secret_access_key,
      status: row.status as AccessKeyStatus,
      createdAt: codec.readTime(row.created_at),
      ...(row.last_used_at !== null && {
        lastUsed: {
          lastUsedDate: codec.readTime(row.last_used_at),
          serviceName: row.last_used_service ?? "",
          region: row.last_used_region ?? "",
        },
      }),
    };
  }

  private select(db: Kysely<Database>) {
    return db
      .selectFrom("access_keys as k")
      .leftJoin("users as u", "u.id", "k.user_id")
      .select([
        "k.id",
        "k.secret_access_key",
        "k.status",
        "k.created_at",
        "k.last_used_at",
        "k.last_used_service",
        "k.last_used_region",
        "u.name as user_name",
      ]);
  }

  private async row(db: Kysely<Database>, id: string): Promise<KeyRow> {
    const row = await this.select(db).where("k.id", "=", id).executeTakeFirst();
    return mustExist(row, "access-key", id);
  }

  /** Bumps the owner's scope (serialising key creation per owner) and returns the owner's user id. */
  private async lockOwner(db: Kysely<Database>, userName: string | undefined): Promise<string | null> {
    if (userName === undefined) {
      await bumpGeneration(this.ctx, db, generationScopes.rootAccessKeys());
      return null;
    }
    await bumpGeneration(this.ctx, db, generationScopes.user(userName));
    const user = await findPrincipal(db, "user", userName);
    if (user === undefined) throw new StoreNotFoundError("user", userName);
    return user.id;
  }

  create(key: NewAccessKey, options: { readonly maxPerUser?: number } = {}): Promise<AccessKeyRecord> {
    return this.ctx.write(async (db) => {
      const userId = await this.lockOwner(db, key.userName);
      await bumpGeneration(this.ctx, db, generationScopes.accessKey(key.id));
      await checkRoomForOne(
        this.ctx.codec,
        db.selectFrom("access_keys").where("user_id", userId === null ? "is" : "=", userId),
        "access-key",
        key.id,
        options.maxPerUser,
        `access keys of ${key.userName ?? "the account root"}`,
      );
      const duplicate: Duplicate = {
        entity: "access-key",
        key: key.id,
        message: `access key ${key.id} already exists`,
      };
      await rejectDuplicates(this.ctx.errors, duplicate, () =>
        db
          .insertInto("access_keys")
          .values({
            id: key.id,
            user_id: userId,
            secret_access_key: key.secretAccessKey,
            status: key.status,
            created_at: this.ctx.now(),
            last_used_at: null,
            last_used_service: null,
            last_used_region: null,
          })
          .execute(),
      );
      return this.record(await this.row(db, key.id));
    });
  }

  async get(id: string): Promise<AccessKeyRecord | undefined> {
    const row = await this.select(this.ctx.db).where("k.id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : this.record(row);
  }

  async listByUser(userName: string | undefined): Promise<AccessKeyRecord[]> {
    let query = this.select(this.ctx.db);
    if (userName === undefined) {
      query = query.where("k.user_id", "is", null);
    } else {
      const user = await findPrincipal(this.ctx.db, "user", userName);
      if (user === undefined) throw new StoreNotFoundError("user", userName);
      query = query.where("k.user_id", "=", user.id);
    }
    const rows = await query.orderBy("k.created_at").orderBy("k.id").execute();
    return rows.map((r) => this.record(r));
  }

  setStatus(id: string, status: AccessKeyStatus): Promise<AccessKeyRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.accessKey(id));
      const result = await db
        .updateTable("access_keys")
        .set({ status })
        .where("id", "=", id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new StoreNotFoundError("access-key", id);
      return this.record(await this.row(db, id));
    });
  }

  async recordUse(
    id: string,
    used: { readonly lastUsedDate: Timestamp | Date; readonly serviceName: string; readonly region: string },
  ): Promise<void> {
    const lastUsedAt = toTimestamp(used.lastUsedDate);
    const result = await this.ctx.write((db) =>
      db
        .updateTable("access_keys")
        .set({ last_used_at: lastUsedAt, last_used_service: used.serviceName, last_used_region: used.region })
        .where("id", "=", id)
        .executeTakeFirst(),
    );
    if (result.numUpdatedRows === 0n) throw new StoreNotFoundError("access-key", id);
  }

  delete(id: string): Promise<AccessKeyRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.accessKey(id));
      const row = await this.row(db, id);
      await db.deleteFrom("access_keys").where("id", "=", id).execute();
      return this.record(row);
    });
  }
}
