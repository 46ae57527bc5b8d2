// The persistence the server needs, as one interface with narrow repositories. Implemented by
// sqlite.ts and postgres.ts (both through kysely); store.conformance.ts is the behaviour both pass.
//
// Conventions for every repository:
// - Records are plain objects with real booleans, numbers and `Timestamp` strings; an absent
//   optional value is `undefined` (never `null`; the key itself may be missing).
// - `get…` returns `undefined` when nothing matches; writes to something missing throw
//   `StoreNotFoundError`. Errors are the typed ones of errors.ts only.
// - Ids, ARNs and secrets are chosen by the caller (randomness lives at the composition root);
//   `createdAt` / `updatedAt` come from the clock the store was opened with.
// - Every write is atomic, and bumps the generation of the scope it changes (see `generationScopes`)
//   in the same transaction.
import type { Timestamp } from "./timestamp.js";

export type { Timestamp } from "./timestamp.js";

// ---------------------------------------------------------------------------------------------
// Pagination

/** Where a page ended: the sort key of its last item. A plain value; the service makes it opaque. */
export interface PageCursor {
  readonly createdAt: Timestamp;
  readonly id: string;
}

/** One page request. Items are ordered by (`createdAt`, `id`), ascending; `limit` is 1..1000. */
export interface ListOptions {
  readonly limit: number;
  /** Start after this item (the `next` of the previous page). */
  readonly after?: PageCursor;
}

/** One page; `next` is present only when more items follow. */
export interface Page<T> {
  readonly items: T[];
  readonly next?: PageCursor;
}

// ---------------------------------------------------------------------------------------------
// Settings

/** Server-wide settings, e.g. {@link SETTING_ACCOUNT_ID}. */
export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  /**
   * Stores `value` unless the key already has one, atomically (two replicas starting at once
   * agree), and returns the value that is stored now: `value` or the earlier one.
   */
  setIfAbsent(key: string, value: string): Promise<string>;
}

/** The settings key of the account id this server serves, chosen on first start. */
export const SETTING_ACCOUNT_ID = "account-id";

// ---------------------------------------------------------------------------------------------
// Roles Anywhere: trust anchors, profiles, CRLs, subjects

export type TrustAnchorSourceType = "AWS_ACM_PCA" | "CERTIFICATE_BUNDLE" | "SELF_SIGNED_REPOSITORY";

/** `SourceData` is a union: exactly one member is set. */
export type TrustAnchorSourceData = { readonly x509CertificateData: string } | { readonly acmPcaArn: string };

export interface TrustAnchorSource {
  readonly sourceType: TrustAnchorSourceType;
  readonly sourceData: TrustAnchorSourceData;
}

export type NotificationEvent = "CA_CERTIFICATE_EXPIRY" | "END_ENTITY_CERTIFICATE_EXPIRY";

/** One `NotificationSettingDetail`, stored as given (JSON). */
export interface NotificationSettingRecord {
  readonly enabled: boolean;
  readonly event: NotificationEvent;
  readonly threshold?: number;
  readonly channel?: "ALL";
  readonly configuredBy?: string;
}

export interface TrustAnchorRecord {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly source: TrustAnchorSource;
  readonly notificationSettings: NotificationSettingRecord[];
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
}

export type NewTrustAnchor = Omit<TrustAnchorRecord, "createdAt" | "updatedAt">;
export type TrustAnchorPatch = Partial<
  Pick<TrustAnchorRecord, "name" | "enabled" | "source" | "notificationSettings">
>;

/** Options of `create` for quota checks done atomically with the insert. */
export interface CreateOptions {
  /** Refuse with `StoreLimitError` when this many already exist. */
  readonly maxCount?: number;
}

/** Generation scope bumped: `anchor:<id>`. */
export interface TrustAnchorRepository {
  create(anchor: NewTrustAnchor, options?: CreateOptions): Promise<TrustAnchorRecord>;
  get(id: string): Promise<TrustAnchorRecord | undefined>;
  list(options: ListOptions): Promise<Page<TrustAnchorRecord>>;
  count(): Promise<number>;
  update(id: string, patch: TrustAnchorPatch): Promise<TrustAnchorRecord>;
  /** Deletes the anchor and its tags; returns what was deleted. CRLs are the caller's to delete. */
  delete(id: string): Promise<TrustAnchorRecord>;
}

export type CertificateField = "x509Subject" | "x509Issuer" | "x509SAN";

/** One `AttributeMapping`, stored as given (JSON). */
export interface AttributeMappingRecord {
  readonly certificateField: CertificateField;
  readonly mappingRules: { readonly specifier: string }[];
}

export interface ProfileRecord {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly createdBy?: string;
  readonly roleArns: string[];
  readonly managedPolicyArns: string[];
  readonly sessionPolicy?: string;
  readonly durationSeconds: number;
  readonly requireInstanceProperties: boolean;
  readonly acceptRoleSessionName: boolean;
  readonly attributeMappings: AttributeMappingRecord[];
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
}

export type NewProfile = Omit<ProfileRecord, "createdAt" | "updatedAt">;
/** `sessionPolicy: null` removes the inline session policy. */
export type ProfilePatch = Partial<
  Pick<
    ProfileRecord,
    | "name"
    | "enabled"
    | "roleArns"
    | "managedPolicyArns"
    | "durationSeconds"
    | "requireInstanceProperties"
    | "acceptRoleSessionName"
    | "attributeMappings"
  >
> & { readonly sessionPolicy?: string | null };

/** Generation scope bumped: `profile:<id>`. */
export interface ProfileRepository {
  create(profile: NewProfile, options?: CreateOptions): Promise<ProfileRecord>;
  get(id: string): Promise<ProfileRecord | undefined>;
  list(options: ListOptions): Promise<Page<ProfileRecord>>;
  count(): Promise<number>;
  update(id: string, patch: ProfilePatch): Promise<ProfileRecord>;
  /** Deletes the profile and its tags; returns what was deleted. */
  delete(id: string): Promise<ProfileRecord>;
}

export interface CrlRecord {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly enabled: boolean;
  /** Exactly the bytes imported (PEM or DER). */
  readonly crlData: Buffer;
  readonly trustAnchorArn: string;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
}

export type NewCrl = Omit<CrlRecord, "createdAt" | "updatedAt">;
export type CrlPatch = Partial<Pick<CrlRecord, "name" | "enabled" | "crlData">>;

/**
 * Generation scope bumped: `revocation:<trust anchor id>` (the id is the last segment of
 * `trustAnchorArn`), so replicas reload the revocation index of that anchor.
 */
export interface CrlRepository {
  /** `maxPerTrustAnchor` refuses with `StoreLimitError` when the anchor already has that many. */
  create(crl: NewCrl, options?: { readonly maxPerTrustAnchor?: number }): Promise<CrlRecord>;
  get(id: string): Promise<CrlRecord | undefined>;
  list(options: ListOptions): Promise<Page<CrlRecord>>;
  /** Every CRL imported for the anchor, enabled or not, ordered by (createdAt, id). */
  listByTrustAnchor(trustAnchorArn: string): Promise<CrlRecord[]>;
  count(): Promise<number>;
  update(id: string, patch: CrlPatch): Promise<CrlRecord>;
  /** Deletes the CRL and its tags; returns what was deleted. */
  delete(id: string): Promise<CrlRecord>;
}

export interface SubjectRecord {
  readonly id: string;
  readonly arn: string;
  readonly x509Subject: string;
  readonly enabled: boolean;
  readonly lastSeenAt: Timestamp;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
}

/** A `CredentialSummary`: one certificate seen with the subject. */
export interface SubjectCredentialRecord {
  readonly serialNumber: string;
  readonly issuer: string;
  /** PEM. */
  readonly x509CertificateData: string;
  readonly seenAt: Timestamp;
  readonly failed: boolean;
  readonly enabled: boolean;
}

/** An `InstanceProperty`: one distinct property map sent with the subject. */
export interface InstancePropertiesRecord {
  readonly properties: Record<string, string>;
  readonly seenAt: Timestamp;
  readonly failed: boolean;
}

export interface SubjectDetailRecord extends SubjectRecord {
  /** Most recently seen first; at most the `keep` of the last `recordAuthentication`. */
  readonly credentials: SubjectCredentialRecord[];
  /** Most recently seen first; at most the `keep` of the last `recordAuthentication`. */
  readonly instanceProperties: InstancePropertiesRecord[];
}

/** One authentication attempt of a certificate (after its signature verified). */
export interface AuthenticationRecord {
  /** The subject DN as rendered for `x509Subject`; the identity of the subject. */
  readonly x509Subject: string;
  /** Used only when the subject is new; an existing subject keeps its id and ARN. */
  readonly newSubject: { readonly id: string; readonly arn: string };
  /** The request's time. */
  readonly seenAt: Timestamp | Date;
  readonly failed: boolean;
  readonly certificate: {
    readonly serialNumber: string;
    readonly issuer: string;
    readonly x509CertificateData: string;
  };
  /** The request's instance properties, when it sent any. */
  readonly instanceProperties?: Record<string, string>;
  /** How many credentials and property maps to keep per subject (latest first); default 10. */
  readonly keep?: number;
}

export const DEFAULT_SUBJECT_HISTORY = 10;

/** Subjects are written only by `recordAuthentication`; no generation is bumped. */
export interface SubjectRepository {
  get(id: string): Promise<SubjectDetailRecord | undefined>;
  list(options: ListOptions): Promise<Page<SubjectRecord>>;
  count(): Promise<number>;
  /**
   * Upserts the subject, the certificate's credential entry (one per serial number and issuer,
   * updated in place) and the instance properties (one per distinct non-empty map), in one
   * transaction, then trims both lists to the latest `keep`. Safe under concurrent calls from
   * several replicas. A new subject's `createdAt` is `seenAt`; `lastSeenAt` / `updatedAt` only
   * move forward, and an older attempt arriving late does not overwrite a newer `failed`.
   */
  recordAuthentication(auth: AuthenticationRecord): Promise<SubjectRecord>;
}

// ---------------------------------------------------------------------------------------------
// Tags (Roles Anywhere resources, IAM roles, users and policies), by resource ARN

export interface TagRecord {
  readonly key: string;
  readonly value: string;
}

export interface TagWriteOptions {
  /** IAM compares tag keys case-insensitively (the new spelling replaces the old); Roles Anywhere does not. */
  readonly ignoreKeyCase?: boolean;
}

/** Generation scope bumped: `tags:<arn>`. The store does not check that the ARN exists. */
export interface TagRepository {
  /** The resource's tags, ordered by key. */
  list(resourceArn: string): Promise<TagRecord[]>;
  /**
   * Adds or replaces tags; when the resource would then have more than `maxTags`, throws
   * `StoreLimitError` and writes nothing (also under concurrent writers). Returns all tags.
   */
  put(
    resourceArn: string,
    tags: readonly TagRecord[],
    options: TagWriteOptions & { readonly maxTags: number },
  ): Promise<TagRecord[]>;
  /** Removes the keys that exist; unknown keys are ignored. Returns the remaining tags. */
  remove(resourceArn: string, keys: readonly string[], options?: TagWriteOptions): Promise<TagRecord[]>;
  deleteAll(resourceArn: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// IAM: roles, users, inline and managed policies, attachments, access keys

export interface RoleLastUsedRecord {
  readonly lastUsedDate: Timestamp;
  readonly region: string;
}

export interface RoleRecord {
  /** `AROA…` */
  readonly id: string;
  /** Unique case-insensitively; looked up case-insensitively, returned as created. */
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly assumeRolePolicyDocument: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  /** ARN of the permissions boundary policy. */
  readonly permissionsBoundary?: string;
  readonly createdAt: Timestamp;
  readonly roleLastUsed?: RoleLastUsedRecord;
}

export type NewRole = Omit<RoleRecord, "createdAt" | "roleLastUsed">;
/** `null` removes the description or the permissions boundary. */
export interface RolePatch {
  readonly assumeRolePolicyDocument?: string;
  readonly description?: string | null;
  readonly maxSessionDuration?: number;
  readonly permissionsBoundary?: string | null;
}

/** A page request of IAM entities. */
export interface IamListOptions extends ListOptions {
  /** Only entities whose path starts with this. */
  readonly pathPrefix?: string;
}

/** Generation scope bumped: `role:<lower-case name>`. */
export interface RoleRepository {
  /** Throws `StoreConflictError` (`exists`) when the name (any case) or id is taken. */
  create(role: NewRole, options?: CreateOptions): Promise<RoleRecord>;
  get(name: string): Promise<RoleRecord | undefined>;
  getById(id: string): Promise<RoleRecord | undefined>;
  list(options: IamListOptions): Promise<Page<RoleRecord>>;
  count(): Promise<number>;
  update(name: string, patch: RolePatch): Promise<RoleRecord>;
  /** Sets `roleLastUsed` (no generation bump: nothing caches it). */
  recordUse(
    name: string,
    used: { readonly lastUsedDate: Timestamp | Date; readonly region: string },
  ): Promise<void>;
  /**
   * Deletes the role and its tags. Throws `StoreConflictError` (`in-use`) while it still has
   * inline policies or attached managed policies, as IAM's DeleteConflict.
   */
  delete(name: string): Promise<RoleRecord>;
}

export interface UserRecord {
  /** `AIDA…` */
  readonly id: string;
  /** Unique case-insensitively, as IAM. */
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly permissionsBoundary?: string;
  readonly createdAt: Timestamp;
}

export type NewUser = Omit<UserRecord, "createdAt">;
/** Renaming (UpdateUser's NewUserName) changes `name`, and the caller passes the new `arn`. */
export interface UserPatch {
  readonly name?: string;
  readonly path?: string;
  readonly arn?: string;
  readonly permissionsBoundary?: string | null;
}

/** Generation scope bumped: `user:<lower-case name>`. */
export interface UserRepository {
  create(user: NewUser, options?: CreateOptions): Promise<UserRecord>;
  get(name: string): Promise<UserRecord | undefined>;
  getById(id: string): Promise<UserRecord | undefined>;
  list(options: IamListOptions): Promise<Page<UserRecord>>;
  count(): Promise<number>;
  update(name: string, patch: UserPatch): Promise<UserRecord>;
  /**
   * Deletes the user and its tags. Throws `StoreConflictError` (`in-use`) while it still has
   * inline policies, attached managed policies or access keys.
   */
  delete(name: string): Promise<UserRecord>;
}

export interface InlinePolicyRecord {
  /** The role or user name as created. */
  readonly principalName: string;
  readonly policyName: string;
  readonly document: string;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
}

/**
 * Inline policies of one kind of principal (roles or users), keyed by principal name
 * (case-insensitive) and policy name (case-sensitive). Bumps the principal's scope.
 * Unknown principals throw `StoreNotFoundError`.
 */
export interface InlinePolicyRepository {
  /** Creates or replaces (PutRolePolicy / PutUserPolicy are upserts). */
  put(principalName: string, policyName: string, document: string): Promise<InlinePolicyRecord>;
  get(principalName: string, policyName: string): Promise<InlinePolicyRecord | undefined>;
  /** All of the principal's inline policies, ordered by policy name. */
  list(principalName: string): Promise<InlinePolicyRecord[]>;
  delete(principalName: string, policyName: string): Promise<void>;
}

export interface ManagedPolicyRecord {
  /** `ANPA…` */
  readonly id: string;
  /** Unique case-insensitively, as IAM. */
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly description?: string;
  readonly defaultVersionId: string;
  /** Roles and users it is attached to; kept by `attachments`. */
  readonly attachmentCount: number;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
}

export interface PolicyVersionRecord {
  readonly policyArn: string;
  /** `v1`, `v2`, …: never reused after a delete. */
  readonly versionId: string;
  readonly document: string;
  readonly isDefaultVersion: boolean;
  readonly createdAt: Timestamp;
}

export type NewManagedPolicy = Omit<
  ManagedPolicyRecord,
  "defaultVersionId" | "attachmentCount" | "createdAt" | "updatedAt"
> & {
  /** The document of `v1`, the default version. */
  readonly document: string;
};

export interface ManagedPolicyListOptions extends IamListOptions {
  /** Only policies attached to at least one principal. */
  readonly onlyAttached?: boolean;
}

/** IAM's limit of versions per managed policy. */
export const MAX_POLICY_VERSIONS = 5;

/** Customer managed policies (AWS-managed ones are a catalogue in code). Bumps `policy:<arn>`. */
export interface ManagedPolicyRepository {
  /** Creates the policy and its default version `v1`. Name conflicts (any case) → `exists`. */
  create(policy: NewManagedPolicy, options?: CreateOptions): Promise<ManagedPolicyRecord>;
  get(arn: string): Promise<ManagedPolicyRecord | undefined>;
  list(options: ManagedPolicyListOptions): Promise<Page<ManagedPolicyRecord>>;
  count(): Promise<number>;
  /** Deletes the policy, all its versions and its tags; `in-use` while attached. */
  delete(arn: string): Promise<ManagedPolicyRecord>;
  /** Adds `v<n>`; `StoreLimitError` when the policy has `maxVersions` (default 5) already. */
  createVersion(
    arn: string,
    document: string,
    options?: { readonly setAsDefault?: boolean; readonly maxVersions?: number },
  ): Promise<PolicyVersionRecord>;
  getVersion(arn: string, versionId: string): Promise<PolicyVersionRecord | undefined>;
  /** The default version, with its document. */
  getDefaultVersion(arn: string): Promise<PolicyVersionRecord | undefined>;
  /** All versions, newest first. */
  listVersions(arn: string): Promise<PolicyVersionRecord[]>;
  setDefaultVersion(arn: string, versionId: string): Promise<ManagedPolicyRecord>;
  /** `default-version` conflict for the default version. */
  deleteVersion(arn: string, versionId: string): Promise<void>;
}

export type PrincipalKind = "role" | "user";

/** A role or user, by name (case-insensitive). */
export interface PrincipalRef {
  readonly kind: PrincipalKind;
  readonly name: string;
}

export interface AttachmentRecord {
  readonly principal: PrincipalRef;
  readonly policyArn: string;
  readonly attachedAt: Timestamp;
}

/**
 * Managed policies (customer or AWS-managed, by ARN) attached to roles and users. Keeps the
 * `attachmentCount` of customer managed policies; bumps the principal's scope.
 */
export interface AttachmentRepository {
  /**
   * Attaches (attaching again is a no-op); `maxAttached` refuses with `StoreLimitError` when the
   * principal already has that many. Unknown principal → `StoreNotFoundError`.
   */
  attach(
    principal: PrincipalRef,
    policyArn: string,
    options?: { readonly maxAttached?: number },
  ): Promise<void>;
  /** `StoreNotFoundError` when it is not attached (IAM answers NoSuchEntity). */
  detach(principal: PrincipalRef, policyArn: string): Promise<void>;
  /** The principal's attached policies, ordered by policy ARN. */
  list(principal: PrincipalRef): Promise<AttachmentRecord[]>;
  /** The principals a policy is attached to, ordered by kind then name. */
  listByPolicy(policyArn: string): Promise<AttachmentRecord[]>;
}

export type AccessKeyStatus = "Active" | "Inactive";

export interface AccessKeyLastUsedRecord {
  readonly lastUsedDate: Timestamp;
  readonly serviceName: string;
  readonly region: string;
}

export interface AccessKeyRecord {
  /** `AKIA…` */
  readonly id: string;
  /** The owning user's name; `undefined` for the account root. */
  readonly userName?: string;
  readonly secretAccessKey: string;
  readonly status: AccessKeyStatus;
  readonly createdAt: Timestamp;
  readonly lastUsed?: AccessKeyLastUsedRecord;
}

export interface NewAccessKey {
  readonly id: string;
  /** Omit for a root access key. */
  readonly userName?: string;
  readonly secretAccessKey: string;
  readonly status: AccessKeyStatus;
}

/** Long-term access keys. Bumps `access-key:<id>` (not on `recordUse`). */
export interface AccessKeyRepository {
  /** `maxPerUser` (IAM: 2) refuses with `StoreLimitError`; unknown user → `StoreNotFoundError`. */
  create(key: NewAccessKey, options?: { readonly maxPerUser?: number }): Promise<AccessKeyRecord>;
  get(id: string): Promise<AccessKeyRecord | undefined>;
  /** The user's keys (`undefined`: the root's), ordered by (createdAt, id). */
  listByUser(userName: string | undefined): Promise<AccessKeyRecord[]>;
  setStatus(id: string, status: AccessKeyStatus): Promise<AccessKeyRecord>;
  recordUse(
    id: string,
    used: { readonly lastUsedDate: Timestamp | Date; readonly serviceName: string; readonly region: string },
  ): Promise<void>;
  delete(id: string): Promise<AccessKeyRecord>;
}

// ---------------------------------------------------------------------------------------------
// Session-token sealing keys and the change feed

export interface SealingKeyRecord {
  readonly id: string;
  /** 32 bytes (AES-256). */
  readonly material: Buffer;
  readonly createdAt: Timestamp;
  /** Exactly one key is active once any exists: new tokens are sealed with it. */
  readonly active: boolean;
}

export const SEALING_KEY_BYTES = 32;

/** Keys shared by all replicas so any of them opens any token. Bumps `sealing-keys`. */
export interface SealingKeyRepository {
  /** All keys, ordered by (createdAt, id). */
  list(): Promise<SealingKeyRecord[]>;
  /** Adds a key; the first key ever added is active, later ones only with `active: true`. */
  add(key: {
    readonly id: string;
    readonly material: Buffer;
    readonly active?: boolean;
  }): Promise<SealingKeyRecord>;
  /** Makes this key the only active one. */
  activate(id: string): Promise<SealingKeyRecord>;
  /** Removes an inactive key (`active-key` conflict for the active one). */
  remove(id: string): Promise<void>;
}

/** A monotonically increasing counter per scope. */
export interface GenerationRecord {
  readonly scope: string;
  readonly value: number;
}

/**
 * The change feed for caches on other replicas. Each store write bumps its scope's counter in the
 * write's own transaction, so a replica that sees the new value also sees the write. A replica
 * polls `list(prefix)` (one cheap query) about once a second, compares with what it has cached,
 * and reloads what changed; `watchGenerations` (generation-watcher.ts) does exactly that.
 */
export interface GenerationRepository {
  /** 0 when never bumped. */
  get(scope: string): Promise<number>;
  /** Increments and returns the new value; inside `transaction`, it commits with the rest. */
  bump(scope: string): Promise<number>;
  /** Every scope (starting with `prefix`, when given) ever bumped, ordered by scope. */
  list(prefix?: string): Promise<GenerationRecord[]>;
}

/** The scopes the store bumps; the same functions name them for readers. */
export const generationScopes = {
  anchor: (trustAnchorId: string) => `anchor:${trustAnchorId}`,
  /** CRLs of one anchor. */
  revocation: (trustAnchorId: string) => `revocation:${trustAnchorId}`,
  profile: (profileId: string) => `profile:${profileId}`,
  /** The role, its inline and attached policies. */
  role: (roleName: string) => `role:${roleName.toLowerCase()}`,
  /** The user, its inline and attached policies. */
  user: (userName: string) => `user:${userName.toLowerCase()}`,
  /** A customer managed policy and its versions. */
  policy: (policyArn: string) => `policy:${policyArn}`,
  accessKey: (accessKeyId: string) => `access-key:${accessKeyId}`,
  tags: (resourceArn: string) => `tags:${resourceArn}`,
  sealingKeys: () => "sealing-keys",
  /** The account root's access keys (a user's keys bump the user's scope). */
  rootAccessKeys: () => "root-access-keys",
  /** Bumped when an entity of the kind is created or deleted (and serialises quota checks). */
  collection: (kind: CollectionKind) => `collection:${kind}`,
} as const;

export type CollectionKind = "trust-anchors" | "profiles" | "crls" | "roles" | "users" | "managed-policies";

// ---------------------------------------------------------------------------------------------
// The store

/** Every repository; inside `transaction`, the same repositories bound to the transaction. */
export interface StoreRepositories {
  readonly settings: SettingsRepository;
  readonly trustAnchors: TrustAnchorRepository;
  readonly profiles: ProfileRepository;
  readonly crls: CrlRepository;
  readonly subjects: SubjectRepository;
  readonly tags: TagRepository;
  readonly roles: RoleRepository;
  readonly rolePolicies: InlinePolicyRepository;
  readonly users: UserRepository;
  readonly userPolicies: InlinePolicyRepository;
  readonly managedPolicies: ManagedPolicyRepository;
  readonly attachments: AttachmentRepository;
  readonly accessKeys: AccessKeyRepository;
  readonly sealingKeys: SealingKeyRepository;
  readonly generations: GenerationRepository;
}

export type StoreBackend = "sqlite" | "postgres";

/**
 * The server's persistence. Open it with `openStore(url, { clock })`.
 *
 * @example
 * const store = await openStore("sqlite:./anchorage-data/anchorage.db", { clock: () => new Date() });
 * const accountId = await store.settings.setIfAbsent(SETTING_ACCOUNT_ID, randomAccountId());
 * await store.transaction(async (tx) => {
 *   const anchor = await tx.trustAnchors.delete(id);
 *   for (const crl of await tx.crls.listByTrustAnchor(anchor.arn)) await tx.crls.delete(crl.id);
 * });
 */
export interface Store extends StoreRepositories {
  readonly backend: StoreBackend;
  /**
   * Runs `fn` in one transaction: everything it writes through `tx` commits together, or nothing
   * does when it throws (the error is rethrown). Use only `tx` inside `fn`: the outer store is a
   * different connection (and, on SQLite, would wait for this transaction to end).
   */
  transaction<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T>;
  /** Closes the connections; the store is unusable afterwards. */
  close(): Promise<void>;
}
