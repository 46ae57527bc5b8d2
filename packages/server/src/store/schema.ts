// The tables as kysely sees them (snake_case, as in SQL). Column types are what either driver may
// hand back; each backend's `SqlCodec` (sqlite.ts, postgres.ts) turns them into record values.
import type { ColumnType } from "kysely";

/** 0/1 in SQLite, boolean in PostgreSQL. */
export type SqlBool = number | boolean;
/** `Timestamp` text in SQLite; `timestamptz` in PostgreSQL, read back as text by our type parser. */
export type SqlTime = string;
/** Text in SQLite, `jsonb` in PostgreSQL; always written as JSON text. */
export type SqlJson = ColumnType<unknown, string, string>;
/** A 64-bit integer column (PostgreSQL's int8 parser returns numbers, see postgres.ts). */
export type SqlInt = number;

export interface SettingsTable {
  key: string;
  value: string;
}

export interface TrustAnchorsTable {
  id: string;
  arn: string;
  name: string;
  enabled: SqlBool;
  source_type: string;
  source_data: SqlJson;
  notification_settings: SqlJson;
  created_at: SqlTime;
  updated_at: SqlTime;
}

export interface ProfilesTable {
  id: string;
  arn: string;
  name: string;
  enabled: SqlBool;
  created_by: string | null;
  role_arns: SqlJson;
  managed_policy_arns: SqlJson;
  session_policy: string | null;
  duration_seconds: number;
  require_instance_properties: SqlBool;
  accept_role_session_name: SqlBool;
  attribute_mappings: SqlJson;
  created_at: SqlTime;
  updated_at: SqlTime;
}

export interface CrlsTable {
  id: string;
  arn: string;
  name: string;
  enabled: SqlBool;
  crl_data: Buffer;
  trust_anchor_arn: string;
  created_at: SqlTime;
  updated_at: SqlTime;
}

export interface SubjectsTable {
  id: string;
  arn: string;
  /** Hex SHA-256 of `x509_subject`: the unique identity (a DN can be longer than an index entry). */
  subject_key: string;
  x509_subject: string;
  enabled: SqlBool;
  last_seen_at: SqlTime;
  created_at: SqlTime;
  updated_at: SqlTime;
}

export interface SubjectCredentialsTable {
  subject_id: string;
  /** Hex SHA-256 of serial number and issuer. */
  credential_key: string;
  serial_number: string;
  issuer: string;
  x509_certificate_data: string;
  seen_at: SqlTime;
  failed: SqlBool;
  enabled: SqlBool;
}

export interface SubjectInstancePropertiesTable {
  subject_id: string;
  /** Hex SHA-256 of the canonical (key-sorted) JSON of `properties`. */
  properties_key: string;
  properties: SqlJson;
  seen_at: SqlTime;
  failed: SqlBool;
}

export interface TagsTable {
  resource_arn: string;
  key: string;
  value: string;
}

export interface RolesTable {
  id: string;
  name: string;
  /** `name` in lower case: IAM names are unique regardless of case. */
  name_key: string;
  path: string;
  arn: string;
  assume_role_policy_document: string;
  description: string | null;
  max_session_duration: number;
  permissions_boundary: string | null;
  created_at: SqlTime;
  last_used_at: SqlTime | null;
  last_used_region: string | null;
}

export interface UsersTable {
  id: string;
  name: string;
  name_key: string;
  path: string;
  arn: string;
  permissions_boundary: string | null;
  created_at: SqlTime;
}

export interface InlinePoliciesTable {
  /** The role's or user's id. */
  principal_id: string;
  policy_name: string;
  document: string;
  created_at: SqlTime;
  updated_at: SqlTime;
}

export interface ManagedPoliciesTable {
  id: string;
  name: string;
  name_key: string;
  path: string;
  arn: string;
  description: string | null;
  default_version_id: string;
  /** The number of the next version to create (`v<n>`); versions are never renumbered. */
  next_version: number;
  attachment_count: number;
  created_at: SqlTime;
  updated_at: SqlTime;
}

export interface PolicyVersionsTable {
  policy_id: string;
  version_id: string;
  version_number: number;
  document: string;
  created_at: SqlTime;
}

export interface AttachmentsTable {
  principal_id: string;
  policy_arn: string;
  attached_at: SqlTime;
}

export interface AccessKeysTable {
  id: string;
  /** NULL for the account root's keys. */
  user_id: string | null;
  secret_access_key: string;
  status: string;
  created_at: SqlTime;
  last_used_at: SqlTime | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

export interface SealingKeysTable {
  id: string;
  material: Buffer;
  active: SqlBool;
  created_at: SqlTime;
}

export interface GenerationsTable {
  scope: string;
  value: SqlInt;
}

export interface Database {
  settings: SettingsTable;
  trust_anchors: TrustAnchorsTable;
  profiles: ProfilesTable;
  crls: CrlsTable;
  subjects: SubjectsTable;
  subject_credentials: SubjectCredentialsTable;
  subject_instance_properties: SubjectInstancePropertiesTable;
  tags: TagsTable;
  roles: RolesTable;
  role_policies: InlinePoliciesTable;
  role_attachments: AttachmentsTable;
  users: UsersTable;
  user_policies: InlinePoliciesTable;
  user_attachments: AttachmentsTable;
  managed_policies: ManagedPoliciesTable;
  policy_versions: PolicyVersionsTable;
  access_keys: AccessKeysTable;
  sealing_keys: SealingKeysTable;
  generations: GenerationsTable;
}
