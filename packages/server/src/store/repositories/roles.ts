import type { Kysely, Selectable } from "kysely";

import { optional } from "../codec.js";
import type { StoreContext } from "../context.js";
import { StoreConflictError, StoreNotFoundError } from "../errors.js";
import { pageQuery, toPage } from "../page.js";
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
import { bumpGeneration } from "./generations.js";
import { checkRoomFor } from "./limits.js";
import { pathStartsWith } from "./path-prefix.js";
import { principalDependents } from "./principals.js";
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

  create(role: NewRole, options: CreateOptions = {}): Promise<RoleRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.collection("roles"));
      await bumpGeneration(this.ctx, db, generationScopes.role(role.name));
      const taken = await db
        .selectFrom("roles")
        .select("name")
        .where("name_key", "=", role.name.toLowerCase())
        .executeTakeFirst();
      if (taken !== undefined) {
        throw new StoreConflictError(
          "role",
          role.name,
          "exists",
          `a role named ${taken.name} already exists`,
        );
      }
      if (options.maxCount !== undefined) {
        checkRoomFor("role", role.name, await this.countIn(db), 1, options.maxCount, "roles");
      }
      try {
        const row = await db
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
          .executeTakeFirstOrThrow();
        return this.record(row);
      } catch (error) {
        if (!this.ctx.errors.isUniqueViolation(error)) throw error;
        throw new StoreConflictError(
          "role",
          role.name,
          "exists",
          `role ${role.name} (or its id or ARN) already exists`,
          {
            cause: error,
          },
        );
      }
    });
  }

  async get(name: string): Promise<RoleRecord | undefined> {
    const row = await this.ctx.db
      .selectFrom("roles")
      .selectAll()
      .where("name_key", "=", name.toLowerCase())
      .executeTakeFirst();
    return row === undefined ? undefined : this.record(row);
  }

  async getById(id: string): Promise<RoleRecord | undefined> {
    const row = await this.ctx.db.selectFrom("roles").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : this.record(row);
  }

  async list(options: IamListOptions): Promise<Page<RoleRecord>> {
    let query = this.ctx.db.selectFrom("roles").selectAll();
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
      .selectFrom("roles")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return this.ctx.codec.readInt(row.n);
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
          ? await db
              .selectFrom("roles")
              .selectAll()
              .where("name_key", "=", name.toLowerCase())
              .executeTakeFirst()
          : await db
              .updateTable("roles")
              .set(set)
              .where("name_key", "=", name.toLowerCase())
              .returningAll()
              .executeTakeFirst();
      if (row === undefined) throw new StoreNotFoundError("role", name);
      return this.record(row);
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
      await bumpGeneration(this.ctx, db, generationScopes.collection("roles"));
      await bumpGeneration(this.ctx, db, generationScopes.role(name));
      const row = await db
        .selectFrom("roles")
        .selectAll()
        .where("name_key", "=", name.toLowerCase())
        .executeTakeFirst();
      if (row === undefined) throw new StoreNotFoundError("role", name);
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
