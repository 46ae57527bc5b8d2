import type { Kysely, Selectable } from "kysely";

import { optional } from "../codec.js";
import type { StoreContext } from "../context.js";
import { StoreConflictError } from "../errors.js";
import { listPage } from "../page.js";
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
import { bumpGeneration, bumpGenerations } from "./generations.js";
import { checkRoomForOne } from "./limits.js";
import { underPath } from "./path-prefix.js";
import { principalDependents } from "./principals.js";
import {
  assertNameFree,
  countRows,
  findRecord,
  mustExist,
  rejectDuplicates,
  type Duplicate,
} from "./table-ops.js";
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

  /** The user named `name`, in any case. */
  private byName(db: Kysely<Database>, name: string) {
    return db.selectFrom("users").selectAll().where("name_key", "=", name.toLowerCase());
  }

  private assertNameFree(db: Kysely<Database>, name: string): Promise<void> {
    return assertNameFree(db, "users", "user", name, (taken) => `a user named ${taken} already exists`);
  }

  create(user: NewUser, options: CreateOptions = {}): Promise<UserRecord> {
    return this.ctx.write(async (db) => {
      await bumpGenerations(this.ctx, db, [
        generationScopes.collection("users"),
        generationScopes.user(user.name),
      ]);
      await this.assertNameFree(db, user.name);
      await checkRoomForOne(
        this.ctx.codec,
        db.selectFrom("users"),
        "user",
        user.name,
        options.maxCount,
        "users",
      );
      const duplicate: Duplicate = {
        entity: "user",
        key: user.name,
        message: `user ${user.name} (or its id or ARN) already exists`,
      };
      const row = await rejectDuplicates(this.ctx.errors, duplicate, () =>
        db
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
          .executeTakeFirstOrThrow(),
      );
      return this.record(row);
    });
  }

  get(name: string): Promise<UserRecord | undefined> {
    return findRecord(this.byName(this.ctx.db, name), (r) => this.record(r));
  }

  getById(id: string): Promise<UserRecord | undefined> {
    return findRecord(this.ctx.db.selectFrom("users").selectAll().where("id", "=", id), (r) =>
      this.record(r),
    );
  }

  list(options: IamListOptions): Promise<Page<UserRecord>> {
    const query = underPath(this.ctx.db.selectFrom("users").selectAll(), options.pathPrefix);
    return listPage(query, options, (r) => this.record(r));
  }

  count(): Promise<number> {
    return countRows(this.ctx.codec, this.ctx.db.selectFrom("users"));
  }

  update(name: string, patch: UserPatch): Promise<UserRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.user(name));
      const current = mustExist(await this.byName(db, name).executeTakeFirst(), "user", name);
      const renamed = patch.name !== undefined && patch.name.toLowerCase() !== current.name_key;
      if (renamed && patch.name !== undefined) {
        await bumpGeneration(this.ctx, db, generationScopes.user(patch.name));
        await this.assertNameFree(db, patch.name);
      }
      const duplicate: Duplicate = {
        entity: "user",
        key: patch.name ?? name,
        message: `another user has that name or ARN`,
      };
      return rejectDuplicates(this.ctx.errors, duplicate, async () => {
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
      });
    });
  }

  delete(name: string): Promise<UserRecord> {
    return this.ctx.write(async (db) => {
      await bumpGenerations(this.ctx, db, [
        generationScopes.collection("users"),
        generationScopes.user(name),
      ]);
      const row = mustExist(await this.byName(db, name).executeTakeFirst(), "user", name);
      const { inline, attached } = await principalDependents(this.ctx, db, "user", row.id);
      const accessKeys = await countRows(
        this.ctx.codec,
        db.selectFrom("access_keys").where("user_id", "=", row.id),
      );
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
