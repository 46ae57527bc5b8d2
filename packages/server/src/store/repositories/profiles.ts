import type { Selectable } from "kysely";

import { jsonObjectArray, jsonStringArray, optional } from "../codec.js";
import type { StoreContext } from "../context.js";
import { listPage } from "../page.js";
import type { ProfilesTable } from "../schema.js";
import {
  generationScopes,
  type AttributeMappingRecord,
  type CreateOptions,
  type ListOptions,
  type NewProfile,
  type Page,
  type ProfilePatch,
  type ProfileRecord,
  type ProfileRepository,
} from "../store.js";
import { bumpGeneration, bumpGenerations } from "./generations.js";
import { checkRoomForOne } from "./limits.js";
import { countRows, findRecord, mustExist, rejectDuplicates, type Duplicate } from "./table-ops.js";
import { deleteTagsOf } from "./tags.js";

export class ProfileTable implements ProfileRepository {
  constructor(private readonly ctx: StoreContext) {}

  private record(row: Selectable<ProfilesTable>): ProfileRecord {
    const { codec } = this.ctx;
    return {
      id: row.id,
      arn: row.arn,
      name: row.name,
      enabled: codec.readBool(row.enabled),
      createdBy: optional(row.created_by),
      roleArns: jsonStringArray(codec, row.role_arns),
      managedPolicyArns: jsonStringArray(codec, row.managed_policy_arns),
      sessionPolicy: optional(row.session_policy),
      durationSeconds: codec.readInt(row.duration_seconds),
      requireInstanceProperties: codec.readBool(row.require_instance_properties),
      acceptRoleSessionName: codec.readBool(row.accept_role_session_name),
      attributeMappings: jsonObjectArray<AttributeMappingRecord>(codec, row.attribute_mappings),
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
    };
  }

  create(profile: NewProfile, options: CreateOptions = {}): Promise<ProfileRecord> {
    return this.ctx.write(async (db) => {
      await bumpGenerations(this.ctx, db, [
        generationScopes.collection("profiles"),
        generationScopes.profile(profile.id),
      ]);
      await checkRoomForOne(
        this.ctx.codec,
        db.selectFrom("profiles"),
        "profile",
        profile.id,
        options.maxCount,
        "profiles",
      );
      const { codec } = this.ctx;
      const now = this.ctx.now();
      const duplicate: Duplicate = {
        entity: "profile",
        key: profile.id,
        message: `profile ${profile.id} already exists`,
      };
      const row = await rejectDuplicates(this.ctx.errors, duplicate, () =>
        db
          .insertInto("profiles")
          .values({
            id: profile.id,
            arn: profile.arn,
            name: profile.name,
            enabled: codec.bool(profile.enabled),
            created_by: profile.createdBy ?? null,
            role_arns: JSON.stringify(profile.roleArns),
            managed_policy_arns: JSON.stringify(profile.managedPolicyArns),
            session_policy: profile.sessionPolicy ?? null,
            duration_seconds: profile.durationSeconds,
            require_instance_properties: codec.bool(profile.requireInstanceProperties),
            accept_role_session_name: codec.bool(profile.acceptRoleSessionName),
            attribute_mappings: JSON.stringify(profile.attributeMappings),
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return this.record(row);
    });
  }

  get(id: string): Promise<ProfileRecord | undefined> {
    return findRecord(this.ctx.db.selectFrom("profiles").selectAll().where("id", "=", id), (r) =>
      this.record(r),
    );
  }

  list(options: ListOptions): Promise<Page<ProfileRecord>> {
    return listPage(this.ctx.db.selectFrom("profiles").selectAll(), options, (r) => this.record(r));
  }

  count(): Promise<number> {
    return countRows(this.ctx.codec, this.ctx.db.selectFrom("profiles"));
  }

  update(id: string, patch: ProfilePatch): Promise<ProfileRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.profile(id));
      const { codec } = this.ctx;
      const row = await db
        .updateTable("profiles")
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.enabled !== undefined && { enabled: codec.bool(patch.enabled) }),
          ...(patch.roleArns !== undefined && { role_arns: JSON.stringify(patch.roleArns) }),
          ...(patch.managedPolicyArns !== undefined && {
            managed_policy_arns: JSON.stringify(patch.managedPolicyArns),
          }),
          ...(patch.sessionPolicy !== undefined && { session_policy: patch.sessionPolicy }),
          ...(patch.durationSeconds !== undefined && { duration_seconds: patch.durationSeconds }),
          ...(patch.requireInstanceProperties !== undefined && {
            require_instance_properties: codec.bool(patch.requireInstanceProperties),
          }),
          ...(patch.acceptRoleSessionName !== undefined && {
            accept_role_session_name: codec.bool(patch.acceptRoleSessionName),
          }),
          ...(patch.attributeMappings !== undefined && {
            attribute_mappings: JSON.stringify(patch.attributeMappings),
          }),
          updated_at: this.ctx.now(),
        })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return this.record(mustExist(row, "profile", id));
    });
  }

  delete(id: string): Promise<ProfileRecord> {
    return this.ctx.write(async (db) => {
      await bumpGenerations(this.ctx, db, [
        generationScopes.collection("profiles"),
        generationScopes.profile(id),
      ]);
      const row = mustExist(
        await db.deleteFrom("profiles").where("id", "=", id).returningAll().executeTakeFirst(),
        "profile",
        id,
      );
      await deleteTagsOf(this.ctx, db, row.arn);
      return this.record(row);
    });
  }
}
