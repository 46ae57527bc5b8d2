import type { Kysely, Selectable } from "kysely";

import { optional } from "../codec.js";
import type { StoreContext } from "../context.js";
import { StoreConflictError, StoreNotFoundError } from "../errors.js";
import { listPage } from "../page.js";
import type { Database, RolesTable } from "../schema.js";
import {
  generationScopes,
  type CreateOptions,
  type IamListOptions,
  type NewRole,
  type Page,
  type RolePatch,
  type RoleRecord,
  type RoleRepository,
} from "../store.js";
import { toTimestamp, type Timestamp } from "../timestamp.js";
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
import { deleteTagsOf } from "./tags.js";

export class RoleTable implements RoleRepository {
  constructor(private readonly ctx: StoreContext) {}

  private record(row: Selectable<RolesTable>): RoleRecord {
    const { codec } = this.ctx;
    return {
      id: row.id,
      name: row.name,
      path: row.path,
      arn: row.arn,
      assumeRolePolicyDocument: row.assume_role_policy_document,
      description: optional(row.description),
      maxSessionDuration: codec.readInt(row.max_session_duration),
      permissionsBoundary: optional(row.permissions_boundary),
      createdAt: codec.readTime(row.created_at),
      roleLastUsed:
        row.last_used_at === null
          ? undefined
          : { lastUsedDate: codec.readTime(row.last_used_at), region: row.last_used_region ?? "" },
    };
  }

  /** The role named `name`, in any case. */
  private byName(db: Kysely<Database>, name: string) {
    return db.selectFrom("roles").selectAll().where("name_key", "=", name.toLowerCase());
  }

  create(role: NewRole, options: CreateOptions = {}): Promise<RoleRecord> {
    return this.ctx.write(async (db) => {
      await bumpGenerations(this.ctx, db, [
        generationScopes.collection("roles"),
        generationScopes.role(role.name),
      ]);
      await assertNameFree(db, "roles", "role", role.name, (taken) => `a role named ${taken} already exists`);
      await checkRoomForOne(
        this.ctx.codec,
        db.selectFrom("roles"),
        "role",
        role.name,
        options.maxCount,
        "roles",
      );
      const duplicate: Duplicate = {
        entity: "role",
        key: role.name,
        message: `role ${role.name} (or its id or ARN) already exists`,
      };
      const row = await rejectDuplicates(this.ctx.errors, duplicate, () =>
        db
          .insertInto("roles")
          .values({
            id: role.id,
            name: role.name,
            name_key: role.name.toLowerCase(),
            path: role.path,
            arn: role.arn,
            assume_role_policy_document: role.assumeRolePolicyDocument,
            description: role.description ?? null,
            max_session_duration: role.maxSessionDuration,
            permissions_boundary: role.permissionsBoundary ?? null,
            created_at: this.ctx.now(),
            last_used_at: null,
            last_used_region: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return this.record(row);
    });
  }

  get(name: string): Promise<RoleRecord | undefined> {
    return findRecord(this.byName(this.ctx.db, name), (r) => this.record(r));
  }

  getById(id: string): Promise<RoleRecord | undefined> {
    return findRecord(this.ctx.db.selectFrom("roles").selectAll().where("id", "=", id), (r) =>
      this.record(r),
    );
  }

  list(options: IamListOptions): Promise<Page<RoleRecord>> {
    const query = underPath(this.ctx.db.selectFrom("roles").selectAll(), options.pathPrefix);
    return listPage(query, options, (r) => this.record(r));
  }

  count(): Promise<number> {
    return countRows(this.ctx.codec, this.ctx.db.selectFrom("roles"));
  }

  update(name: string, patch: RolePatch): Promise<RoleRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.role(name));
      const set = {
        ...(patch.assumeRolePolicyDocument !== undefined && {
          assume_role_policy_document: patch.assumeRolePolicyDocument,
        }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.maxSessionDuration !== undefined && { max_session_duration: patch.maxSessionDuration }),
        ...(patch.permissionsBoundary !== undefined && { permissions_boundary: patch.permissionsBoundary }),
      };
      const row =
        Object.keys(set).length === 0
          ? await this.byName(db, name).executeTakeFirst()
          : await db
              .updateTable("roles")
              .set(set)
              .where("name_key", "=", name.toLowerCase())
              .returningAll()
              .executeTakeFirst();
      return this.record(mustExist(row, "role", name));
    });
  }

  async recordUse(
    name: string,
    used: { readonly lastUsedDate: Timestamp | Date; readonly region: string },
  ): Promise<void> {
    const lastUsedAt = toTimestamp(used.lastUsedDate);
    const result = await this.ctx.write((db) =>
      db
        .updateTable("roles")
        .set({ last_used_at: lastUsedAt, last_used_region: used.region })
        .where("name_key", "=", name.toLowerCase())
        .executeTakeFirst(),
    );
    if (result.numUpdatedRows === 0n) throw new StoreNotFoundError("role", name);
  }

  delete(name: string): Promise<RoleRecord> {
    return this.ctx.write(async (db) => {
      await bumpGenerations(this.ctx, db, [
        generationScopes.collection("roles"),
        generationScopes.role(name),
      ]);
      const row = mustExist(await this.byName(db, name).executeTakeFirst(), "role", name);
      const { inline, attached } = await principalDependents(this.ctx, db, "role", row.id);
      if (inline > 0 || attached > 0) {
        throw new StoreConflictError(
          "role",
          row.name,
          "in-use",
          `role ${row.name} still has ${inline} inline and ${attached} attached policies; remove them first`,
        );
      }
      await db.deleteFrom("roles").where("id", "=", row.id).execute();
      await deleteTagsOf(this.ctx, db, row.arn);
      return this.record(row);
    });
  }
}
