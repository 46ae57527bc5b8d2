import { sql } from "kysely";

import type { StoreContext } from "../context.js";
import { StoreNotFoundError } from "../errors.js";
import {
  generationScopes,
  type AttachmentRecord,
  type AttachmentRepository,
  type PrincipalRef,
} from "../store.js";
import { bumpGeneration } from "./generations.js";
import { checkRoomFor } from "./limits.js";
import {
  attachmentTable,
  findPrincipal,
  lockPrincipal,
  PRINCIPAL_TABLES,
  principalTable,
} from "./principals.js";

export class AttachmentTable implements AttachmentRepository {
  constructor(private readonly ctx: StoreContext) {}

  attach(
    principal: PrincipalRef,
    policyArn: string,
    options: { readonly maxAttached?: number } = {},
  ): Promise<void> {
    return this.ctx.write(async (db) => {
      const row = await lockPrincipal(this.ctx, db, principal.kind, principal.name);
      const table = attachmentTable(principal.kind);
      const existing = await db
        .selectFrom(table)
        .select("policy_arn")
        .where("principal_id", "=", row.id)
        .execute();
      if (existing.some((a) => a.policy_arn === policyArn)) return;
      checkRoomFor(
        "attachment",
        `${principal.kind}/${row.name}`,
        existing.length,
        1,
        options.maxAttached,
        `managed policies attached to ${principal.kind} ${row.name}`,
      );
      await bumpGeneration(this.ctx, db, generationScopes.policy(policyArn));
      await db
        .insertInto(table)
        .values({ principal_id: row.id, policy_arn: policyArn, attached_at: this.ctx.now() })
        .execute();
      await db
        .updateTable("managed_policies")
        .set({ attachment_count: sql<number>`attachment_count + 1` })
        .where("arn", "=", policyArn)
        .execute();
    });
  }

  detach(principal: PrincipalRef, policyArn: string): Promise<void> {
    return this.ctx.write(async (db) => {
      const row = await lockPrincipal(this.ctx, db, principal.kind, principal.name);
      await bumpGeneration(this.ctx, db, generationScopes.policy(policyArn));
      const result = await db
        .deleteFrom(attachmentTable(principal.kind))
        .where("principal_id", "=", row.id)
        .where("policy_arn", "=", policyArn)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) {
        throw new StoreNotFoundError("attachment", `${policyArn} on ${principal.kind} ${row.name}`);
      }
      await db
        .updateTable("managed_policies")
        .set({ attachment_count: sql<number>`attachment_count - 1` })
        .where("arn", "=", policyArn)
        .execute();
    });
  }

  async list(principal: PrincipalRef): Promise<AttachmentRecord[]> {
    const row = await findPrincipal(this.ctx.db, principal.kind, principal.name);
    if (row === undefined)
      throw new StoreNotFoundError(PRINCIPAL_TABLES[principal.kind].entity, principal.name);
    const rows = await this.ctx.db
      .selectFrom(attachmentTable(principal.kind))
      .select(["policy_arn", "attached_at"])
      .where("principal_id", "=", row.id)
      .orderBy("policy_arn")
      .execute();
    return rows.map((r) => ({
      principal: { kind: principal.kind, name: row.name },
      policyArn: r.policy_arn,
      attachedAt: this.ctx.codec.readTime(r.attached_at),
    }));
  }

  async listByPolicy(policyArn: string): Promise<AttachmentRecord[]> {
    const out: AttachmentRecord[] = [];
    for (const kind of ["role", "user"] as const) {
      // Aliases keep the qualified names valid whichever concrete tables the kind names.
      const rows = await this.ctx.db
        .selectFrom(`${attachmentTable(kind)} as a` as "role_attachments as a")
        .innerJoin(`${principalTable(kind)} as p` as "users as p", "p.id", "a.principal_id")
        .select(["p.name as name", "a.attached_at as attached_at"])
        .where("a.policy_arn", "=", policyArn)
        .orderBy("p.name_key")
        .execute();
      for (const r of rows) {
        out.push({
          principal: { kind, name: r.name },
          policyArn,
          attachedAt: this.ctx.codec.readTime(r.attached_at),
        });
      }
    }
    return out;
  }
}
