import type { Kysely, Selectable } from "kysely";

import type { StoreContext } from "../context.js";
import { StoreConflictError, StoreNotFoundError } from "../errors.js";
import { pageQuery, toPage } from "../page.js";
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
import { checkRoomFor } from "./limits.js";
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

  create(crl: NewCrl, options: { readonly maxPerTrustAnchor?: number } = {}): Promise<CrlRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.collection("crls"));
      await this.bump(db, crl.trustAnchorArn);
      if (options.maxPerTrustAnchor !== undefined) {
        const existing = await db
          .selectFrom("crls")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("trust_anchor_arn", "=", crl.trustAnchorArn)
          .executeTakeFirstOrThrow();
        checkRoomFor(
          "crl",
          crl.id,
          this.ctx.codec.readInt(existing.n),
          1,
          options.maxPerTrustAnchor,
          `CRLs of trust anchor ${crl.trustAnchorArn}`,
        );
      }
      const now = this.ctx.now();
      try {
        const row = await db
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
          .executeTakeFirstOrThrow();
        return this.record(row);
      } catch (error) {
        if (!this.ctx.errors.isUniqueViolation(error)) throw error;
        throw new StoreConflictError("crl", crl.id, "exists", `CRL ${crl.id} already exists`, {
          cause: error,
        });
      }
    });
  }

  async get(id: string): Promise<CrlRecord | undefined> {
    const row = await this.ctx.db.selectFrom("crls").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : this.record(row);
  }

  async list(options: ListOptions): Promise<Page<CrlRecord>> {
    const rows = await pageQuery(this.ctx.db.selectFrom("crls").selectAll(), options).execute();
    return toPage(
      rows.map((r) => this.record(r)),
      options,
    );
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

  async count(): Promise<number> {
    const row = await this.ctx.db
      .selectFrom("crls")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return this.ctx.codec.readInt(row.n);
  }

  update(id: string, patch: CrlPatch): Promise<CrlRecord> {
    return this.ctx.write(async (db) => {
      const current = await db
        .selectFrom("crls")
        .select("trust_anchor_arn")
        .where("id", "=", id)
        .executeTakeFirst();
      if (current === undefined) throw new StoreNotFoundError("crl", id);
      await this.bump(db, current.trust_anchor_arn);
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
      if (row === undefined) throw new StoreNotFoundError("crl", id);
      return this.record(row);
    });
  }

  delete(id: string): Promise<CrlRecord> {
    return this.ctx.write(async (db) => {
      const current = await db
        .selectFrom("crls")
        .select("trust_anchor_arn")
        .where("id", "=", id)
        .executeTakeFirst();
      if (current === undefined) throw new StoreNotFoundError("crl", id);
      await bumpGeneration(this.ctx, db, generationScopes.collection("crls"));
      await this.bump(db, current.trust_anchor_arn);
      const row = await db.deleteFrom("crls").where("id", "=", id).returningAll().executeTakeFirst();
      if (row === undefined) throw new StoreNotFoundError("crl", id);
      await deleteTagsOf(this.ctx, db, row.arn);
      return this.record(row);
    });
  }
}
