import type { Kysely } from "kysely";

import type { StoreContext } from "../context.js";
import type { StoreEntity } from "../errors.js";
import type { Database } from "../schema.js";
import { generationScopes, type PrincipalKind } from "../store.js";
import { bumpGeneration } from "./generations.js";
import { countRows, mustExist } from "./table-ops.js";

/** Where each kind of principal and its policies live. The two kinds share table shapes. */
export const PRINCIPAL_TABLES = {
  role: {
    table: "roles",
    policies: "role_policies",
    attachments: "role_attachments",
    entity: "role",
    policyEntity: "role-policy",
  },
  user: {
    table: "users",
    policies: "user_policies",
    attachments: "user_attachments",
    entity: "user",
    policyEntity: "user-policy",
  },
} as const satisfies Record<
  PrincipalKind,
  {
    table: keyof Database;
    policies: keyof Database;
    attachments: keyof Database;
    entity: StoreEntity;
    policyEntity: StoreEntity;
  }
>;

// `role_policies` and `user_policies` (and the attachment tables) have the same columns, and
// `users`' columns are a subset of `roles`'; queries name the concrete table at run time and
// are typed through one of them.
export type PolicyTableName = "role_policies";
export type AttachmentTableName = "role_attachments";
export type PrincipalTableName = "users";

export const policyTable = (kind: PrincipalKind) => PRINCIPAL_TABLES[kind].policies as PolicyTableName;
export const attachmentTable = (kind: PrincipalKind) =>
  PRINCIPAL_TABLES[kind].attachments as AttachmentTableName;
export const principalTable = (kind: PrincipalKind) => PRINCIPAL_TABLES[kind].table as PrincipalTableName;

export const principalScope = (kind: PrincipalKind, name: string) =>
  kind === "role" ? generationScopes.role(name) : generationScopes.user(name);

export interface PrincipalRow {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
}

/** Finds a principal by name, case-insensitively. */
export async function findPrincipal(
  db: Kysely<Database>,
  kind: PrincipalKind,
  name: string,
): Promise<PrincipalRow | undefined> {
  return db
    .selectFrom(principalTable(kind))
    .select(["id", "name", "arn"])
    .where("name_key", "=", name.toLowerCase())
    .executeTakeFirst();
}

/** Bumps the principal's scope, then returns it; `StoreNotFoundError` when it does not exist. */
export async function lockPrincipal(
  ctx: StoreContext,
  db: Kysely<Database>,
  kind: PrincipalKind,
  name: string,
): Promise<PrincipalRow> {
  await bumpGeneration(ctx, db, principalScope(kind, name));
  return mustExist(await findPrincipal(db, kind, name), PRINCIPAL_TABLES[kind].entity, name);
}

/** How many inline policies and attached policies the principal has. */
export async function principalDependents(
  ctx: StoreContext,
  db: Kysely<Database>,
  kind: PrincipalKind,
  id: string,
): Promise<{ inline: number; attached: number }> {
  const inline = await countRows(ctx.codec, db.selectFrom(policyTable(kind)).where("principal_id", "=", id));
  const attached = await countRows(
    ctx.codec,
    db.selectFrom(attachmentTable(kind)).where("principal_id", "=", id),
  );
  return { inline, attached };
}
