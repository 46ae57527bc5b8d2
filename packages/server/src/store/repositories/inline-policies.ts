import type { Selectable } from "kysely";

import type { StoreContext } from "../context.js";
import { StoreNotFoundError } from "../errors.js";
import type { InlinePoliciesTable } from "../schema.js";
import type { InlinePolicyRecord, InlinePolicyRepository, PrincipalKind } from "../store.js";
import { findPrincipal, lockPrincipal, policyTable, PRINCIPAL_TABLES } from "./principals.js";

/** Inline policies of roles (`role_policies`) or users (`user_policies`). */
export class InlinePolicyTable implements InlinePolicyRepository {
  constructor(
    private readonly ctx: StoreContext,
    private readonly kind: PrincipalKind,
  ) {}

  private record(principalName: string, row: Selectable<InlinePoliciesTable>): InlinePolicyRecord {
    return {
      principalName,
      policyName: row.policy_name,
      document: row.document,
      createdAt: this.ctx.codec.readTime(row.created_at),
      updatedAt: this.ctx.codec.readTime(row.updated_at),
    };
  }

  put(principalName: string, policyName: string, document: string): Promise<InlinePolicyRecord> {
    return this.ctx.write(async (db) => {
      const principal = await lockPrincipal(this.ctx, db, this.kind, principalName);
      const now = this.ctx.now();
      const row = await db
        .insertInto(policyTable(this.kind))
        .values({
          principal_id: principal.id,
          policy_name: policyName,
          document,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(["principal_id", "policy_name"]).doUpdateSet((eb) => ({
            document: eb.ref("excluded.document"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return this.record(principal.name, row);
    });
  }

  async get(principalName: string, policyName: string): Promise<InlinePolicyRecord | undefined> {
    const principal = await findPrincipal(this.ctx.db, this.kind, principalName);
    if (principal === undefined) return undefined;
    const row = await this.ctx.db
      .selectFrom(policyTable(this.kind))
      .selectAll()
      .where("principal_id", "=", principal.id)
      .where("policy_name", "=", policyName)
      .executeTakeFirst();
    return row === undefined ? undefined : this.record(principal.name, row);
  }

  async list(principalName: string): Promise<InlinePolicyRecord[]> {
    const principal = await findPrincipal(this.ctx.db, this.kind, principalName);
    if (principal === undefined)
      throw new StoreNotFoundError(PRINCIPAL_TABLES[this.kind].entity, principalName);
    const rows = await this.ctx.db
      .selectFrom(policyTable(this.kind))
      .selectAll()
      .where("principal_id", "=", principal.id)
      .orderBy("policy_name")
      .execute();
    return rows.map((r) => this.record(principal.name, r));
  }

  delete(principalName: string, policyName: string): Promise<void> {
    return this.ctx.write(async (db) => {
      const principal = await lockPrincipal(this.ctx, db, this.kind, principalName);
      const result = await db
        .deleteFrom(policyTable(this.kind))
        .where("principal_id", "=", principal.id)
        .where("policy_name", "=", policyName)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) {
        throw new StoreNotFoundError(
          PRINCIPAL_TABLES[this.kind].policyEntity,
          `${principal.name}/${policyName}`,
        );
      }
    });
  }
}
