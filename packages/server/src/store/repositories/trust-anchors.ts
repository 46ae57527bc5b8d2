import type { Selectable } from "kysely";

import { jsonObject, jsonObjectArray } from "../codec.js";
import type { StoreContext } from "../context.js";
import { listPage } from "../page.js";
import type { TrustAnchorsTable } from "../schema.js";
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
import { bumpGeneration, bumpGenerations } from "./generations.js";
import { checkRoomForOne } from "./limits.js";
import { countRows, findRecord, mustExist, rejectDuplicates, type Duplicate } from "./table-ops.js";
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
      await bumpGenerations(this.ctx, db, [
        generationScopes.collection("trust-anchors"),
        generationScopes.anchor(anchor.id),
      ]);
      await checkRoomForOne(
        this.ctx.codec,
        db.selectFrom("trust_anchors"),
        "trust-anchor",
        anchor.id,
        options.maxCount,
        "trust anchors",
      );
      const now = this.ctx.now();
      const duplicate: Duplicate = {
        entity: "trust-anchor",
        key: anchor.id,
        message: `trust anchor ${anchor.id} already exists`,
      };
      const row = await rejectDuplicates(this.ctx.errors, duplicate, () =>
        db
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
          .executeTakeFirstOrThrow(),
      );
      return this.record(row);
    });
  }

  get(id: string): Promise<TrustAnchorRecord | undefined> {
    return findRecord(this.ctx.db.selectFrom("trust_anchors").selectAll().where("id", "=", id), (r) =>
      this.record(r),
    );
  }

  list(options: ListOptions): Promise<Page<TrustAnchorRecord>> {
    return listPage(this.ctx.db.selectFrom("trust_anchors").selectAll(), options, (r) => this.record(r));
  }

  count(): Promise<number> {
    return countRows(this.ctx.codec, this.ctx.db.selectFrom("trust_anchors"));
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
      return this.record(mustExist(row, "trust-anchor", id));
    });
  }

  delete(id: string): Promise<TrustAnchorRecord> {
    return this.ctx.write(async (db) => {
      await bumpGenerations(this.ctx, db, [
        generationScopes.collection("trust-anchors"),
        generationScopes.anchor(id),
      ]);
      const row = mustExist(
        await db.deleteFrom("trust_anchors").where("id", "=", id).returningAll().executeTakeFirst(),
        "trust-anchor",
        id,
      );
      await deleteTagsOf(this.ctx, db, row.arn);
      return this.record(row);
    });
  }
}
