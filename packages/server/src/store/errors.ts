// The only errors the store throws. Driver errors (better-sqlite3, pg) never leave the store as
// they are: they are translated here and kept as `cause` (for logs only: their messages can hold SQL).

/** What a store error is about; the service layer picks the wire error from it. */
export type StoreEntity =
  | "setting"
  | "trust-anchor"
  | "profile"
  | "crl"
  | "subject"
  | "tag"
  | "role"
  | "role-policy"
  | "user"
  | "user-policy"
  | "managed-policy"
  | "policy-version"
  | "attachment"
  | "access-key"
  | "sealing-key"
  | "database";

/** Base class of every error the store throws. */
export class StoreError extends Error {
  override name = "StoreError";
}

/** The entity named by `key` does not exist (for reads, `get` returns `undefined` instead). */
export class StoreNotFoundError extends StoreError {
  override name = "StoreNotFoundError";
  constructor(
    readonly entity: StoreEntity,
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(`${entity} ${key} does not exist`, options);
  }
}

/**
 * Why a write conflicts with what is stored:
 * - `exists`: a unique name or id is taken (a role name, case-insensitively, as IAM);
 * - `in-use`: the entity is still referenced (a role with policies, an attached managed policy);
 * - `default-version`: the default version of a managed policy cannot be deleted;
 * - `active-key`: the active sealing key cannot be removed;
 * - `busy`: a concurrent transaction won (deadlock or serialization failure); retrying may succeed.
 */
export type StoreConflictReason = "exists" | "in-use" | "default-version" | "active-key" | "busy";

/** A write conflicts with the stored state; nothing was written. */
export class StoreConflictError extends StoreError {
  override name = "StoreConflictError";
  constructor(
    readonly entity: StoreEntity,
    readonly key: string,
    readonly reason: StoreConflictReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A per-resource or per-account limit would be exceeded; nothing was written. */
export class StoreLimitError extends StoreError {
  override name = "StoreLimitError";
  constructor(
    readonly entity: StoreEntity,
    readonly key: string,
    readonly limit: number,
    message: string,
  ) {
    super(message);
  }
}

/** The caller passed something the store cannot use (a malformed cursor, timestamp or key). */
export class StoreInputError extends StoreError {
  override name = "StoreInputError";
}

/** The database could not be reached, migrated or queried; `cause` holds the driver's error. */
export class StoreUnavailableError extends StoreError {
  override name = "StoreUnavailableError";
}
