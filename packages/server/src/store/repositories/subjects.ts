import { createHash } from "node:crypto";

import { sql, type Selectable } from "kysely";

import type { StoreContext } from "../context.js";
import { StoreInputError } from "../errors.js";
import { listPage } from "../page.js";
import type { SubjectsTable } from "../schema.js";
import {
  DEFAULT_SUBJECT_HISTORY,
  type AuthenticationRecord,
  type InstancePropertiesRecord,
  type ListOptions,
  type Page,
  type SubjectDetailRecord,
  type SubjectRecord,
  type SubjectRepository,
} from "../store.js";
import { toTimestamp } from "../timestamp.js";
import { countRows } from "./table-ops.js";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Key-sorted JSON: the same property map always has the same text (and so the same key). */
const canonicalJson = (properties: Record<string, string>) =>
  JSON.stringify(
    Object.fromEntries(Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );

const MAX_KEEP = 1000;

export class SubjectTable implements SubjectRepository {
  constructor(private readonly ctx: StoreContext) {}

  private record(row: Selectable<SubjectsTable>): SubjectRecord {
    const { codec } = this.ctx;
    return {
      id: row.id,
      arn: row.arn,
      x509Subject: row.x509_subject,
      enabled: codec.readBool(row.enabled),
      lastSeenAt: codec.readTime(row.last_seen_at),
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
    };
  }

  async get(id: string): Promise<SubjectDetailRecord | undefined> {
    const { db, codec } = this.ctx;
    const row = await db.selectFrom("subjects").selectAll().where("id", "=", id).executeTakeFirst();
    if (row === undefined) return undefined;
    const credentials = await db
      .selectFrom("subject_credentials")
      .selectAll()
      .where("subject_id", "=", id)
      .orderBy("seen_at", "desc")
      .orderBy("credential_key")
      .execute();
    const properties = await db
      .selectFrom("subject_instance_properties")
      .selectAll()
      .where("subject_id", "=", id)
      .orderBy("seen_at", "desc")
      .orderBy("properties_key")
      .execute();
    return {
      ...this.record(row),
      credentials: credentials.map((c) => ({
        serialNumber: c.serial_number,
        issuer: c.issuer,
        x509CertificateData: c.x509_certificate_data,
        seenAt: codec.readTime(c.seen_at),
        failed: codec.readBool(c.failed),
        enabled: codec.readBool(c.enabled),
      })),
      instanceProperties: properties.map((p): InstancePropertiesRecord => ({
        properties: codec.readJson(p.properties) as Record<string, string>,
        seenAt: codec.readTime(p.seen_at),
        failed: codec.readBool(p.failed),
      })),
    };
  }

  list(options: ListOptions): Promise<Page<SubjectRecord>> {
    return listPage(this.ctx.db.selectFrom("subjects").selectAll(), options, (r) => this.record(r));
  }

  count(): Promise<number> {
    return countRows(this.ctx.codec, this.ctx.db.selectFrom("subjects"));
  }

  recordAuthentication(auth: AuthenticationRecord): Promise<SubjectRecord> {
    const keep = auth.keep ?? DEFAULT_SUBJECT_HISTORY;
    if (!Number.isInteger(keep) || keep < 1 || keep > MAX_KEEP) {
      throw new StoreInputError(`keep must be an integer from 1 to ${MAX_KEEP}`);
    }
    const seenAt = toTimestamp(auth.seenAt);
    const { codec } = this.ctx;
    return this.ctx.write(async (db) => {
      // One upsert per row: under concurrent calls the database serialises them on the subject's
      // row, and "newer wins" comparisons keep the result independent of the commit order.
      const subject = await db
        .insertInto("subjects")
        .values({
          id: auth.newSubject.id,
          arn: auth.newSubject.arn,
          subject_key: sha256(auth.x509Subject),
          x509_subject: auth.x509Subject,
          enabled: codec.bool(true),
          last_seen_at: seenAt,
          created_at: seenAt,
          updated_at: seenAt,
        })
        .onConflict((oc) =>
          oc.column("subject_key").doUpdateSet({
            last_seen_at: sql<string>`case when excluded.last_seen_at > subjects.last_seen_at then excluded.last_seen_at else subjects.last_seen_at end`,
            updated_at: sql<string>`case when excluded.updated_at > subjects.updated_at then excluded.updated_at else subjects.updated_at end`,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();

      const { serialNumber, issuer, x509CertificateData } = auth.certificate;
      await db
        .insertInto("subject_credentials")
        .values({
          subject_id: subject.id,
          credential_key: sha256(`${serialNumber}\n${issuer}`),
          serial_number: serialNumber,
          issuer,
          x509_certificate_data: x509CertificateData,
          seen_at: seenAt,
          failed: codec.bool(auth.failed),
          enabled: codec.bool(true),
        })
        .onConflict((oc) =>
          oc.columns(["subject_id", "credential_key"]).doUpdateSet({
            failed: sql`case when excluded.seen_at >= subject_credentials.seen_at then excluded.failed else subject_credentials.failed end`,
            seen_at: sql<string>`case when excluded.seen_at > subject_credentials.seen_at then excluded.seen_at else subject_credentials.seen_at end`,
          }),
        )
        .execute();
      await db
        .deleteFrom("subject_credentials")
        .where("subject_id", "=", subject.id)
        .where(
          "credential_key",
          "not in",
          db
            .selectFrom("subject_credentials")
            .select("credential_key")
            .where("subject_id", "=", subject.id)
            .orderBy("seen_at", "desc")
            .orderBy("credential_key")
            .limit(keep),
        )
        .execute();

      if (auth.instanceProperties !== undefined && Object.keys(auth.instanceProperties).length > 0) {
        const text = canonicalJson(auth.instanceProperties);
        await db
          .insertInto("subject_instance_properties")
          .values({
            subject_id: subject.id,
            properties_key: sha256(text),
            properties: text,
            seen_at: seenAt,
            failed: codec.bool(auth.failed),
          })
          .onConflict((oc) =>
            oc.columns(["subject_id", "properties_key"]).doUpdateSet({
              failed: sql`case when excluded.seen_at >= subject_instance_properties.seen_at then excluded.failed else subject_instance_properties.failed end`,
              seen_at: sql<string>`case when excluded.seen_at > subject_instance_properties.seen_at then excluded.seen_at else subject_instance_properties.seen_at end`,
            }),
          )
          .execute();
        await db
          .deleteFrom("subject_instance_properties")
          .where("subject_id", "=", subject.id)
          .where(
            "properties_key",
            "not in",
            db
              .selectFrom("subject_instance_properties")
              .select("properties_key")
              .where("subject_id", "=", subject.id)
              .orderBy("seen_at", "desc")
              .orderBy("properties_key")
              .limit(keep),
          )
          .execute();
      }
      return this.record(subject);
    });
  }
}
