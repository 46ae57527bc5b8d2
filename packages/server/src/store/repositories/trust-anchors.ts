import type { Kysely, Selectable } from "kysely";

import { jsonObject, jsonObjectArray } from "../codec.js";
import type { StoreContext } from "../context.js";
import { StoreConflictError, StoreNotFoundError } from "../errors.js";
import { pageQuery, toPage } from "../page.js";
import type { Database, TrustAnchorsTable } from "../schema.js";
import {
  generationScopes,
  type CreateOptions,
  type ListOptions,
  type NewTrustAnchor,
  type NotificationSettingRecord,
  type Page,
  type TrustAnchorPatch,
  type TrustAnchorRecord,
  type TrustAnchorRepository,
  type TrustAnchorSourceData,
  type TrustAnchorSourceType,
} from "../store.js";
import { bumpGeneration } from "./generations.js";
import { checkRoomFor } from "./limits.js";
import { deleteTagsOf } from "./tags.js";

export class TrustAnchorTable implements TrustAnchorRepository {
  constructor(private readonly ctx: StoreContext) {}

  private record(row: Selectable<TrustAnchorsTable>): TrustAnchorRecord {
    const { codec } = this.ctx;
    return {
      id: row.id,
      arn: row.arn,
      name: row.name,
      enabled: codec.readBool(row.enabled),
      source: {
        sourceType: row.source_type as TrustAnchorSourceType,
        sourceData: jsonObject<TrustAnchorSourceData>(codec, row.source_data),
      },
      notificationSettings: jsonObjectArray<NotificationSettingRecord>(codec, row.notification_settings),
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
    };
  }

  create(anchor: NewTrustAnchor, options: CreateOptions = {}): Promise<TrustAnchorRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.collection("trust-anchors"));
      await bumpGeneration(this.ctx, db, generationScopes.anchor(anchor.id));
      if (options.maxCount !== undefined) {
        checkRoomFor("trust-anchor", anchor.id, await this.countIn(db), 1, options.maxCount, "trust anchors");
      }
      const now = this.ctx.now();
      try {
        const row = await db
          .insertInto("trust_anchors")
          .values({
            id: anchor.id,
            arn: anchor.arn,
            name: anchor.name,
            enabled: this.ctx.codec.bool(anchor.enabled),
            source_type: anchor.source.sourceType,
            source_data: JSON.stringify(anchor.source.sourceData),
            notification_settings: JSON.stringify(anchor.notificationSettings),
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return this.record(row);
      } catch (error) {
        if (!this.ctx.errors.isUniqueViolation(error)) throw error;
        throw new StoreConflictError(
          "trust-anchor",
          anchor.id,
          "exists",
          `trust anchor ${anchor.id} already exists`,
          {
            cause: error,
          },
        );
      }
    });
  }

  async get(id: string): Promise<TrustAnchorRecord | undefined> {
    const row = await this.ctx.db
      .selectFrom("trust_anchors")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row === undefined ? undefined : this.record(row);
  }

  async list(options: ListOptions): Promise<Page<TrustAnchorRecord>> {
    const rows = await pageQuery(this.ctx.db.selectFrom("trust_anchors").selectAll(), options).execute();
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
      .selectFrom("trust_anchors")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return this.ctx.codec.readInt(row.n);
  }

  update(id: string, patch: TrustAnchorPatch): Promise<TrustAnchorRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.anchor(id));
      const row = await db
        .updateTable("trust_anchors")
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.enabled !== undefined && { enabled: this.ctx.codec.bool(patch.enabled) }),
          ...(patch.source !== undefined && {
            source_type: patch.source.sourceType,
            source_data: JSON.stringify(patch.source.sourceData),
          }),
          ...(patch.notificationSettings !== undefined && {
            notification_settings: JSON.stringify(patch.notificationSettings),
          }),
          updated_at: this.ctx.now(),
        })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) throw new StoreNotFoundError("trust-anchor", id);
      return this.record(row);
    });
  }

  delete(id: string): Promise<TrustAnchorRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.collection("trust-anchors"));
      await bumpGeneration(this.ctx, db, generationScopes.anchor(id));
      const row = await db.deleteFrom("trust_anchors").where("id", "=", id).returningAll().executeTakeFirst();
      if (row === undefined) throw new StoreNotFoundError("trust-anchor", id);
      await deleteTagsOf(this.ctx, db, row.arn);
      return this.record(row);
    });
  }
}
