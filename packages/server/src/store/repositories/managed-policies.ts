import { sql, type Kysely, type Selectable } from "kysely";

import { optional } from "../codec.js";
import type { StoreContext } from "../context.js";
import { StoreConflictError, StoreLimitError, StoreNotFoundError } from "../errors.js";
import { listPage } from "../page.js";
import type { Database, ManagedPoliciesTable, PolicyVersionsTable } from "../schema.js";
import {
  generationScopes,
  MAX_POLICY_VERSIONS,
  type CreateOptions,
  type ManagedPolicyListOptions,
  type ManagedPolicyRecord,
  type ManagedPolicyRepository,
  type NewManagedPolicy,
  type Page,
  type PolicyVersionRecord,
} from "../store.js";
import { bumpGeneration, bumpGenerations } from "./generations.js";
import { checkRoomForOne } from "./limits.js";
import { underPath } from "./path-prefix.js";
import {
  assertNameFree,
  countRows,
  findRecord,
  mustExist,
  rejectDuplicates,
  type Duplicate,
} from "./table-ops.js";
import { deleteTagsOf } from "./tags.js";

export class ManagedPolicyTable implements ManagedPolicyRepository {
  constructor(private readonly ctx: StoreContext) {}

  private record(row: Selectable<ManagedPoliciesTable>): ManagedPolicyRecord {
    const { codec } = this.ctx;
    return {
      id: row.id,
      name: row.name,
      path: row.path,
      arn: row.arn,
      description: optional(row.description),
      defaultVersionId: row.default_version_id,
      attachmentCount: codec.readInt(row.attachment_count),
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
    };
  }

  private version(
    policy: Selectable<ManagedPoliciesTable>,
    row: Selectable<PolicyVersionsTable>,
  ): PolicyVersionRecord {
    return {
      policyArn: policy.arn,
      versionId: row.version_id,
      document: row.document,
      isDefaultVersion: row.version_id === policy.default_version_id,
      createdAt: this.ctx.codec.readTime(row.created_at),
    };
  }

  private byArn(db: Kysely<Database>, arn: string) {
    return db.selectFrom("managed_policies").selectAll().where("arn", "=", arn);
  }

  private async policyRow(db: Kysely<Database>, arn: string): Promise<Selectable<ManagedPoliciesTable>> {
    const row = await this.byArn(db, arn).executeTakeFirst();
    return mustExist(row, "managed-policy", arn);
  }

  create(policy: NewManagedPolicy, options: CreateOptions = {}): Promise<ManagedPolicyRecord> {
    return this.ctx.write(async (db) => {
      await bumpGenerations(this.ctx, db, [
        generationScopes.collection("managed-policies"),
        generationScopes.policy(policy.arn),
      ]);
      await assertNameFree(
        db,
        "managed_policies",
        "managed-policy",
        policy.name,
        (taken) => `a policy called ${taken} already exists`,
      );
      await checkRoomForOne(
        this.ctx.codec,
        db.selectFrom("managed_policies"),
        "managed-policy",
        policy.name,
        options.maxCount,
        "managed policies",
      );
      const now = this.ctx.now();
      const duplicate: Duplicate = {
        entity: "managed-policy",
        key: policy.name,
        message: `policy ${policy.name} (or its id or ARN) already exists`,
      };
      return rejectDuplicates(this.ctx.errors, duplicate, async () => {
        const row = await db
          .insertInto("managed_policies")
          .values({
            id: policy.id,
            name: policy.name,
            name_key: policy.name.toLowerCase(),
            path: policy.path,
            arn: policy.arn,
            description: policy.description ?? null,
            default_version_id: "v1",
            next_version: 2,
            attachment_count: 0,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await db
          .insertInto("policy_versions")
          .values({
            policy_id: policy.id,
            version_id: "v1",
            version_number: 1,
            document: policy.document,
            created_at: now,
          })
          .execute();
        return this.record(row);
      });
    });
  }

  get(arn: string): Promise<ManagedPolicyRecord | undefined> {
    return findRecord(this.byArn(this.ctx.db, arn), (r) => this.record(r));
  }

  list(options: ManagedPolicyListOptions): Promise<Page<ManagedPolicyRecord>> {
    let query = underPath(this.ctx.db.selectFrom("managed_policies").selectAll(), options.pathPrefix);
    if (options.onlyAttached === true) query = query.where("attachment_count", ">", 0);
    return listPage(query, options, (r) => this.record(r));
  }

  count(): Promise<number> {
    return countRows(this.ctx.codec, this.ctx.db.selectFrom("managed_policies"));
  }

  delete(arn: string): Promise<ManagedPolicyRecord> {
    return this.ctx.write(async (db) => {
      await bumpGenerations(this.ctx, db, [
        generationScopes.collection("managed-policies"),
        generationScopes.policy(arn),
      ]);
      const row = await this.policyRow(db, arn);
      let attached = 0;
      for (const table of ["role_attachments", "user_attachments"] as const) {
        attached += await countRows(this.ctx.codec, db.selectFrom(table).where("policy_arn", "=", arn));
      }
      if (attached > 0) {
        throw new StoreConflictError(
          "managed-policy",
          arn,
          "in-use",
          `policy ${row.name} is attached to ${attached} roles or users; detach it first`,
        );
      }
      await db.deleteFrom("policy_versions").where("policy_id", "=", row.id).execute();
      await db.deleteFrom("managed_policies").where("id", "=", row.id).execute();
      await deleteTagsOf(this.ctx, db, row.arn);
      return this.record(row);
    });
  }

  createVersion(
    arn: string,
    document: string,
    options: { readonly setAsDefault?: boolean; readonly maxVersions?: number } = {},
  ): Promise<PolicyVersionRecord> {
    const maxVersions = options.maxVersions ?? MAX_POLICY_VERSIONS;
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.policy(arn));
      const policy = await this.policyRow(db, arn);
      const existing = await countRows(
        this.ctx.codec,
        db.selectFrom("policy_versions").where("policy_id", "=", policy.id),
      );
      if (existing >= maxVersions) {
        throw new StoreLimitError(
          "policy-version",
          arn,
          maxVersions,
          `policy ${policy.name} already has the maximum of ${maxVersions} versions; delete one first`,
        );
      }
      const number = this.ctx.codec.readInt(policy.next_version);
      const versionId = `v${number}`;
      const now = this.ctx.now();
      const version = await db
        .insertInto("policy_versions")
        .values({
          policy_id: policy.id,
          version_id: versionId,
          version_number: number,
          document,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const updated = await db
        .updateTable("managed_policies")
        .set({
          next_version: sql<number>`next_version + 1`,
          updated_at: now,
          ...(options.setAsDefault === true && { default_version_id: versionId }),
        })
        .where("id", "=", policy.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return this.version(updated, version);
    });
  }

  async getVersion(arn: string, versionId: string): Promise<PolicyVersionRecord | undefined> {
    const policy = await this.byArn(this.ctx.db, arn).executeTakeFirst();
    if (policy === undefined) return undefined;
    const row = await this.ctx.db
      .selectFrom("policy_versions")
      .selectAll()
      .where("policy_id", "=", policy.id)
      .where("version_id", "=", versionId)
      .executeTakeFirst();
    return row === undefined ? undefined : this.version(policy, row);
  }

  async getDefaultVersion(arn: string): Promise<PolicyVersionRecord | undefined> {
    const row = await this.ctx.db
      .selectFrom("managed_policies as p")
      .innerJoin("policy_versions as v", (join) =>
        join.onRef("v.policy_id", "=", "p.id").onRef("v.version_id", "=", "p.default_version_id"),
      )
      .select(["v.version_id", "v.document", "v.created_at"])
      .where("p.arn", "=", arn)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : {
          policyArn: arn,
          versionId: row.version_id,
          document: row.document,
          isDefaultVersion: true,
          createdAt: this.ctx.codec.readTime(row.created_at),
        };
  }

  async listVersions(arn: string): Promise<PolicyVersionRecord[]> {
    const policy = await this.policyRow(this.ctx.db, arn);
    const rows = await this.ctx.db
      .selectFrom("policy_versions")
      .selectAll()
      .where("policy_id", "=", policy.id)
      .orderBy("version_number", "desc")
      .execute();
    return rows.map((r) => this.version(policy, r));
  }

  setDefaultVersion(arn: string, versionId: string): Promise<ManagedPolicyRecord> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.policy(arn));
      const policy = await this.policyRow(db, arn);
      const version = await db
        .selectFrom("policy_versions")
        .select("version_id")
        .where("policy_id", "=", policy.id)
        .where("version_id", "=", versionId)
        .executeTakeFirst();
      if (version === undefined) throw new StoreNotFoundError("policy-version", `${arn} ${versionId}`);
      const row = await db
        .updateTable("managed_policies")
        .set({ default_version_id: versionId, updated_at: this.ctx.now() })
        .where("id", "=", policy.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return this.record(row);
    });
  }

  deleteVersion(arn: string, versionId: string): Promise<void> {
    return this.ctx.write(async (db) => {
      await bumpGeneration(this.ctx, db, generationScopes.policy(arn));
      const policy = await this.policyRow(db, arn);
      if (policy.default_version_id === versionId) {
        throw new StoreConflictError(
          "policy-version",
          `${arn} ${versionId}`,
          "default-version",
          `${versionId} is the default version of policy ${policy.name}; make another version the default first`,
        );
      }
      const result = await db
        .deleteFrom("policy_versions")
        .where("policy_id", "=", policy.id)
        .where("version_id", "=", versionId)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) throw new StoreNotFoundError("policy-version", `${arn} ${versionId}`);
    });
  }
}
