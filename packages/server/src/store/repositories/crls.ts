import type { Kysely, Selectable } from "kysely";

import type { StoreContext } from "../context.js";
import { listPage } from "../page.js";
import type { CrlsTable, Database } from "../schema.js";
import {
  generationScopes,
  type CrlPatch,
  type CrlRecord,
  type CrlRepository,
  type ListOptions,
  type NewCrl,
  type Page,
} from "../store.js";
import { bumpGeneration } from "./generations.js";
import { checkRoomForOne } from "./limits.js";
import { countRows, findRecord, mustExist, rejectDuplicates, type Duplicate } from "./table-ops.js";
import { deleteTagsOf } from "./tags.js";

/** The trust anchor id of an anchor ARN (`…:trust-anchor/<id>`): what `revocation:<id>` names. */
export const trustAnchorIdOf = (trustAnchorArn: string): string =>
  trustAnchorArn.slice(trustAnchorArn.lastIndexOf("/") + 1);

export class CrlTable implements CrlRepository {
  constructor(private readonly ctx: StoreContext) {}

  private record(row: Selectable<CrlsTable>): CrlRecord {
    const { codec } = this.ctx;
    return {
      id: row.id,
      arn: row.arn,
      name: row.name,
      enabled: codec.readBool(row.enabled),
      crlData: codec.readBytes(row.crl_data),
      trustAnchorArn: row.trust_anchor_arn,
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
    };
  }

  private async bump(db: Kysely<Database>, trustAnchorArn: string): Promise<void> {
    await bumpGeneration(this.ctx, db, generationScopes.revocation(trustAnchorIdOf(trustAnchorArn)));
  }

  /** The trust anchor ARN of the CRL `id`; `StoreNotFoundError` when there is no such CRL. */
  private async anchorArnOf(db: Kysely<Database>, id: string): Promise<string> {
    const row = await db
      .selectFrom("crls")
      .select("trust_anchor_arn")
      .where("id", "=", id)
      .executeTakeFirst();
    return mustExist(row, "crl", id).trust_anchor_arn;
  }

  create(crl: NewCrl, options: { readonly maxPerTrustAnchor?: number } = {}): Promise<CrlRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.collection("crls"));
      await this.bump(db, crl.trustAnchorArn);
      await checkRoomForOne(
        this.ctx.codec,
        db.selectFrom("crls").where("trust_anchor_arn", "=", crl.trustAnchorArn),
        "crl",
        crl.id,
        options.maxPerTrustAnchor,
        `CRLs of trust anchor ${crl.trustAnchorArn}`,
      );
      const now = this.ctx.now();
      const duplicate: Duplicate = { entity: "crl", key: crl.id, message: `CRL ${crl.id} already exists` };
      const row = await rejectDuplicates(this.ctx.errors, duplicate, () =>
        db
          .insertInto("crls")
          .values({
            id: crl.id,
            arn: crl.arn,
            name: crl.name,
            enabled: this.ctx.codec.bool(crl.enabled),
            crl_data: Buffer.from(crl.crlData),
            trust_anchor_arn: crl.trustAnchorArn,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return this.record(row);
    });
  }

  get(id: string): Promise<CrlRecord | undefined> {
    return findRecord(this.ctx.db.selectFrom("crls").selectAll().where("id", "=", id), (r) => this.record(r));
  }

  list(options: ListOptions): Promise<Page<CrlRecord>> {
    return listPage(this.ctx.db.selectFrom("crls").selectAll(), options, (r) => this.record(r));
  }

  async listByTrustAnchor(trustAnchorArn: string): Promise<CrlRecord[]> {
    const rows = await this.ctx.db
      .selectFrom("crls")
      .selectAll()
      .where("trust_anchor_arn", "=", trustAnchorArn)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map((r) => this.record(r));
  }

  count(): Promise<number> {
    return countRows(this.ctx.codec, this.ctx.db.selectFrom("crls"));
  }

  update(id: string, patch: CrlPatch): Promise<CrlRecord> {
    return this.ctx.write(async (db) => {
      await this.bump(db, await this.anchorArnOf(db, id));
      const row = await db
        .updateTable("crls")
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.enabled !== undefined && { enabled: this.ctx.codec.bool(patch.enabled) }),
          ...(patch.crlData !== undefined && { crl_data: Buffer.from(patch.crlData) }),
          updated_at: this.ctx.now(),
        })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return this.record(mustExist(row, "crl", id));
    });
  }

  delete(id: string): Promise<CrlRecord> {
    return this.ctx.write(async (db) => {
      const trustAnchorArn = await this.anchorArnOf(db, id);
      await bumpGeneration(this.ctx, db, generationScopes.collection("crls"));
      await this.bump(db, trustAnchorArn);
      const row = mustExist(
        await db.deleteFrom("crls").where("id", "=", id).returningAll().executeTakeFirst(),
        "crl",
        id,
      );
      await deleteTagsOf(this.ctx, db, row.arn);
      return this.record(row);
    });
  }
}
