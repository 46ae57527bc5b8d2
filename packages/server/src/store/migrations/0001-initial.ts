// The first schema: Roles Anywhere resources, subjects, tags, IAM, sealing keys, generations.
// Never edit a released migration: add NNNN-name.ts and list it in index.ts.
import type { Kysely, Migration } from "kysely";

import type { SqlFlavor } from "./flavor.js";

export function initial(f: SqlFlavor): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await f
        .createTable(db, "settings")
        .addColumn("key", f.text, (c) => c.primaryKey())
        .addColumn("value", f.text, (c) => c.notNull())
        .execute();

      await f
        .createTable(db, "trust_anchors")
        .addColumn("id", f.text, (c) => c.primaryKey())
        .addColumn("arn", f.text, (c) => c.notNull().unique())
        .addColumn("name", f.text, (c) => c.notNull())
        .addColumn("enabled", f.bool, (c) => c.notNull())
        .addColumn("source_type", f.text, (c) => c.notNull())
        .addColumn("source_data", f.json, (c) => c.notNull())
        .addColumn("notification_settings", f.json, (c) => c.notNull())
        .addColumn("created_at", f.time, (c) => c.notNull())
        .addColumn("updated_at", f.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("trust_anchors_page")
        .on("trust_anchors")
        .columns(["created_at", "id"])
        .execute();

      await f
        .createTable(db, "profiles")
        .addColumn("id", f.text, (c) => c.primaryKey())
        .addColumn("arn", f.text, (c) => c.notNull().unique())
        .addColumn("name", f.text, (c) => c.notNull())
        .addColumn("enabled", f.bool, (c) => c.notNull())
        .addColumn("created_by", f.text)
        .addColumn("role_arns", f.json, (c) => c.notNull())
        .addColumn("managed_policy_arns", f.json, (c) => c.notNull())
        .addColumn("session_policy", f.text)
        .addColumn("duration_seconds", f.int, (c) => c.notNull())
        .addColumn("require_instance_properties", f.bool, (c) => c.notNull())
        .addColumn("accept_role_session_name", f.bool, (c) => c.notNull())
        .addColumn("attribute_mappings", f.json, (c) => c.notNull())
        .addColumn("created_at", f.time, (c) => c.notNull())
        .addColumn("updated_at", f.time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("profiles_page").on("profiles").columns(["created_at", "id"]).execute();

      await f
        .createTable(db, "crls")
        .addColumn("id", f.text, (c) => c.primaryKey())
        .addColumn("arn", f.text, (c) => c.notNull().unique())
        .addColumn("name", f.text, (c) => c.notNull())
        .addColumn("enabled", f.bool, (c) => c.notNull())
        .addColumn("crl_data", f.bytes, (c) => c.notNull())
        .addColumn("trust_anchor_arn", f.text, (c) => c.notNull())
        .addColumn("created_at", f.time, (c) => c.notNull())
        .addColumn("updated_at", f.time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("crls_page").on("crls").columns(["created_at", "id"]).execute();
      await db.schema
        .createIndex("crls_by_trust_anchor")
        .on("crls")
        .columns(["trust_anchor_arn", "created_at", "id"])
        .execute();

      await f
        .createTable(db, "subjects")
        .addColumn("id", f.text, (c) => c.primaryKey())
        .addColumn("arn", f.text, (c) => c.notNull().unique())
        .addColumn("subject_key", f.text, (c) => c.notNull().unique())
        .addColumn("x509_subject", f.text, (c) => c.notNull())
        .addColumn("enabled", f.bool, (c) => c.notNull())
        .addColumn("last_seen_at", f.time, (c) => c.notNull())
        .addColumn("created_at", f.time, (c) => c.notNull())
        .addColumn("updated_at", f.time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("subjects_page").on("subjects").columns(["created_at", "id"]).execute();

      await f
        .createTable(db, "subject_credentials")
        .addColumn("subject_id", f.text, (c) => c.notNull().references("subjects.id").onDelete("cascade"))
        .addColumn("credential_key", f.text, (c) => c.notNull())
        .addColumn("serial_number", f.text, (c) => c.notNull())
        .addColumn("issuer", f.text, (c) => c.notNull())
        .addColumn("x509_certificate_data", f.text, (c) => c.notNull())
        .addColumn("seen_at", f.time, (c) => c.notNull())
        .addColumn("failed", f.bool, (c) => c.notNull())
        .addColumn("enabled", f.bool, (c) => c.notNull())
        .addPrimaryKeyConstraint("subject_credentials_pk", ["subject_id", "credential_key"])
        .execute();

      await f
        .createTable(db, "subject_instance_properties")
        .addColumn("subject_id", f.text, (c) => c.notNull().references("subjects.id").onDelete("cascade"))
        .addColumn("properties_key", f.text, (c) => c.notNull())
        .addColumn("properties", f.json, (c) => c.notNull())
        .addColumn("seen_at", f.time, (c) => c.notNull())
        .addColumn("failed", f.bool, (c) => c.notNull())
        .addPrimaryKeyConstraint("subject_instance_properties_pk", ["subject_id", "properties_key"])
        .execute();

      await f
        .createTable(db, "tags")
        .addColumn("resource_arn", f.text, (c) => c.notNull())
        .addColumn("key", f.text, (c) => c.notNull())
        .addColumn("value", f.text, (c) => c.notNull())
        .addPrimaryKeyConstraint("tags_pk", ["resource_arn", "key"])
        .execute();

      await f
        .createTable(db, "roles")
        .addColumn("id", f.text, (c) => c.primaryKey())
        .addColumn("name", f.text, (c) => c.notNull())
        .addColumn("name_key", f.text, (c) => c.notNull().unique())
        .addColumn("path", f.text, (c) => c.notNull())
        .addColumn("arn", f.text, (c) => c.notNull().unique())
        .addColumn("assume_role_policy_document", f.text, (c) => c.notNull())
        .addColumn("description", f.text)
        .addColumn("max_session_duration", f.int, (c) => c.notNull())
        .addColumn("permissions_boundary", f.text)
        .addColumn("created_at", f.time, (c) => c.notNull())
        .addColumn("last_used_at", f.time)
        .addColumn("last_used_region", f.text)
        .execute();
      await db.schema.createIndex("roles_page").on("roles").columns(["created_at", "id"]).execute();

      await f
        .createTable(db, "users")
        .addColumn("id", f.text, (c) => c.primaryKey())
        .addColumn("name", f.text, (c) => c.notNull())
        .addColumn("name_key", f.text, (c) => c.notNull().unique())
        .addColumn("path", f.text, (c) => c.notNull())
        .addColumn("arn", f.text, (c) => c.notNull().unique())
        .addColumn("permissions_boundary", f.text)
        .addColumn("created_at", f.time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("users_page").on("users").columns(["created_at", "id"]).execute();

      for (const [principal, table] of [
        ["roles", "role"],
        ["users", "user"],
      ] as const) {
        await f
          .createTable(db, `${table}_policies`)
          .addColumn("principal_id", f.text, (c) => c.notNull().references(`${principal}.id`))
          .addColumn("policy_name", f.text, (c) => c.notNull())
          .addColumn("document", f.text, (c) => c.notNull())
          .addColumn("created_at", f.time, (c) => c.notNull())
          .addColumn("updated_at", f.time, (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_policies_pk`, ["principal_id", "policy_name"])
          .execute();
        await f
          .createTable(db, `${table}_attachments`)
          .addColumn("principal_id", f.text, (c) => c.notNull().references(`${principal}.id`))
          .addColumn("policy_arn", f.text, (c) => c.notNull())
          .addColumn("attached_at", f.time, (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_attachments_pk`, ["principal_id", "policy_arn"])
          .execute();
        await db.schema
          .createIndex(`${table}_attachments_by_policy`)
          .on(`${table}_attachments`)
          .columns(["policy_arn"])
          .execute();
      }

      await f
        .createTable(db, "managed_policies")
        .addColumn("id", f.text, (c) => c.primaryKey())
        .addColumn("name", f.text, (c) => c.notNull())
        .addColumn("name_key", f.text, (c) => c.notNull().unique())
        .addColumn("path", f.text, (c) => c.notNull())
        .addColumn("arn", f.text, (c) => c.notNull().unique())
        .addColumn("description", f.text)
        .addColumn("default_version_id", f.text, (c) => c.notNull())
        .addColumn("next_version", f.int, (c) => c.notNull())
        .addColumn("attachment_count", f.int, (c) => c.notNull())
        .addColumn("created_at", f.time, (c) => c.notNull())
        .addColumn("updated_at", f.time, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("managed_policies_page")
        .on("managed_policies")
        .columns(["created_at", "id"])
        .execute();

      await f
        .createTable(db, "policy_versions")
        .addColumn("policy_id", f.text, (c) =>
          c.notNull().references("managed_policies.id").onDelete("cascade"),
        )
        .addColumn("version_id", f.text, (c) => c.notNull())
        .addColumn("version_number", f.int, (c) => c.notNull())
        .addColumn("document", f.text, (c) => c.notNull())
        .addColumn("created_at", f.time, (c) => c.notNull())
        .addPrimaryKeyConstraint("policy_versions_pk", ["policy_id", "version_id"])
        .execute();

      await f
        .createTable(db, "access_keys")
        .addColumn("id", f.text, (c) => c.primaryKey())
        .addColumn("user_id", f.text, (c) => c.references("users.id"))
        .addColumn("secret_access_key", f.text, (c) => c.notNull())
        .addColumn("status", f.text, (c) => c.notNull())
        .addColumn("created_at", f.time, (c) => c.notNull())
        .addColumn("last_used_at", f.time)
        .addColumn("last_used_service", f.text)
        .addColumn("last_used_region", f.text)
        .execute();
      await db.schema.createIndex("access_keys_by_user").on("access_keys").columns(["user_id"]).execute();

      await f
        .createTable(db, "sealing_keys")
        .addColumn("id", f.text, (c) => c.primaryKey())
        .addColumn("material", f.bytes, (c) => c.notNull())
        .addColumn("active", f.bool, (c) => c.notNull())
        .addColumn("created_at", f.time, (c) => c.notNull())
        .execute();

      await f
        .createTable(db, "generations")
        .addColumn("scope", f.text, (c) => c.primaryKey())
        .addColumn("value", f.bigint, (c) => c.notNull())
        .execute();
    },
  };
}
