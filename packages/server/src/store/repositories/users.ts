import type { Kysely, Selectable } from "kysely";

import { optional } from "../codec.js";
import type { StoreContext } from "../context.js";
import { StoreConflictError, StoreNotFoundError } from "../errors.js";
import { pageQuery, toPage } from "../page.js";
import type { Database, UsersTable } from "../schema.js";
import {
  generationScopes,
  type CreateOptions,
  type IamListOptions,
  type NewUser,
  type Page,
  type UserPatch,
  type UserRecord,
  type UserRepository,
} from "../store.js";
import { bumpGeneration } from "./generations.js";
import { checkRoomFor } from "./limits.js";
import { pathStartsWith } from "./path-prefix.js";
import { principalDependents } from "./principals.js";
import { deleteTagsOf, moveTags } from "./tags.js";

export class UserTable implements UserRepository {
  constructor(private readonly ctx: StoreContext) {}

  private record(row: Selectable<UsersTable>): UserRecord {
    return {
      id: row.id,
      name: row.name,
      path: row.path,
      arn: row.arn,
      permissionsBoundary: optional(row.permissions_boundary),
      createdAt: this.ctx.codec.readTime(row.created_at),
    };
  }

  private async nameTaken(db: Kysely<Database>, name: string): Promise<void> {
    const taken = await db
      .selectFrom("users")
      .select("name")
      .where("name_key", "=", name.toLowerCase())
      .executeTakeFirst();
    if (taken !== undefined) {
      throw new StoreConflictError("user", name, "exists", `a user named ${taken.name} already exists`);
    }
  }

  create(user: NewUser, options: CreateOptions = {}): Promise<UserRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.collection("users"));
      await bumpGeneration(this.ctx, db, generationScopes.user(user.name));
      await this.nameTaken(db, user.name);
      if (options.maxCount !== undefined) {
        checkRoomFor("user", user.name, await this.countIn(db), 1, options.maxCount, "users");
      }
      try {
        const row = await db
          .insertInto("users")
          .values({
            id: user.id,
            name: user.name,
            name_key: user.name.toLowerCase(),
            path: user.path,
            arn: user.arn,
            permissions_boundary: user.permissionsBoundary ?? null,
            created_at: this.ctx.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return this.record(row);
      } catch (error) {
        if (!this.ctx.errors.isUniqueViolation(error)) throw error;
        throw new StoreConflictError(
          "user",
          user.name,
          "exists",
          `user ${user.name} (or its id or ARN) already exists`,
          {
            cause: error,
          },
        );
      }
    });
  }

  async get(name: string): Promise<UserRecord | undefined> {
    const row = await this.ctx.db
      .selectFrom("users")
      .selectAll()
      .where("name_key", "=", name.toLowerCase())
      .executeTakeFirst();
    return row === undefined ? undefined : this.record(row);
  }

  async getById(id: string): Promise<UserRecord | undefined> {
    const row = await this.ctx.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : this.record(row);
  }

  async list(options: IamListOptions): Promise<Page<UserRecord>> {
    let query = this.ctx.db.selectFrom("users").selectAll();
    if (options.pathPrefix !== undefined) query = query.where(pathStartsWith(options.pathPrefix));
    const rows = await pageQuery(query, options).execute();
    return toPage(
      rows.map((r) => this.record(r)),
      options,
    );
  }

  count(): Promise<number> {
    return this.countIn(this.ctx.db);
  }

  private async countIn(db: Kysely<Database>): Promise<number> {
    const row = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return this.ctx.codec.readInt(row.n);
  }

  update(name: string, patch: UserPatch): Promise<UserRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.user(name));
      const current = await db
        .selectFrom("users")
        .selectAll()
        .where("name_key", "=", name.toLowerCase())
        .executeTakeFirst();
      if (current === undefined) throw new StoreNotFoundError("user", name);
      const renamed = patch.name !== undefined && patch.name.toLowerCase() !== current.name_key;
      if (renamed && patch.name !== undefined) {
        await bumpGeneration(this.ctx, db, generationScopes.user(patch.name));
        await this.nameTaken(db, patch.name);
      }
      try {
        const row = await db
          .updateTable("users")
          .set({
            ...(patch.name !== undefined && { name: patch.name, name_key: patch.name.toLowerCase() }),
            ...(patch.path !== undefined && { path: patch.path }),
            ...(patch.arn !== undefined && { arn: patch.arn }),
            ...(patch.permissionsBoundary !== undefined && {
              permissions_boundary: patch.permissionsBoundary,
            }),
            id: current.id,
          })
          .where("id", "=", current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await moveTags(this.ctx, db, current.arn, row.arn);
        return this.record(row);
      } catch (error) {
        if (!this.ctx.errors.isUniqueViolation(error)) throw error;
        throw new StoreConflictError(
          "user",
          patch.name ?? name,
          "exists",
          `another user has that name or ARN`,
          {
            cause: error,
          },
        );
      }
    });
  }

  delete(name: string): Promise<UserRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.collection("users"));
      await bumpGeneration(this.ctx, db, generationScopes.user(name));
      const row = await db
        .selectFrom("users")
        .selectAll()
        .where("name_key", "=", name.toLowerCase())
        .executeTakeFirst();
      if (row === undefined) throw new StoreNotFoundError("user", name);
      const { inline, attached } = await principalDependents(this.ctx, db, "user", row.id);
      const keys = await db
        .selectFrom("access_keys")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("user_id", "=", row.id)
        .executeTakeFirstOrThrow();
      const accessKeys = this.ctx.codec.readInt(keys.n);
      if (inline > 0 || attached > 0 || accessKeys > 0) {
        throw new StoreConflictError(
          "user",
          row.name,
          "in-use",
          `user ${row.name} still has ${inline} inline policies, ${attached} attached policies and ${accessKeys} access keys; remove them first`,
        );
      }
      await db.deleteFrom("users").where("id", "=", row.id).execute();
      await deleteTagsOf(this.ctx, db, row.arn);
      return this.record(row);
    });
  }
}
