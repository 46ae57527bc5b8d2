// The Store over kysely, shared by both backends: a backend supplies its kysely instance, its
// codec, how it recognises driver errors and how it runs a write transaction.
import type { Kysely } from "kysely";

import type { SqlCodec } from "./codec.js";
import type { DriverErrorClassifier, StoreContext } from "./context.js";
import { StoreConflictError, StoreError, StoreUnavailableError } from "./errors.js";
import { AccessKeyTable } from "./repositories/access-keys.js";
import { AttachmentTable } from "./repositories/attachments.js";
import { CrlTable } from "./repositories/crls.js";
import { GenerationTable } from "./repositories/generations.js";
import { InlinePolicyTable } from "./repositories/inline-policies.js";
import { ManagedPolicyTable } from "./repositories/managed-policies.js";
import { ProfileTable } from "./repositories/profiles.js";
import { RoleTable } from "./repositories/roles.js";
import { SealingKeyTable } from "./repositories/sealing-keys.js";
import { SettingsTable } from "./repositories/settings.js";
import { SubjectTable } from "./repositories/subjects.js";
import { TagTable } from "./repositories/tags.js";
import { TrustAnchorTable } from "./repositories/trust-anchors.js";
import { UserTable } from "./repositories/users.js";
import type { Database } from "./schema.js";
import type { Store, StoreBackend, StoreRepositories } from "./store.js";
import { toTimestamp, type StoreClock } from "./timestamp.js";

/** What a backend hands to `createKyselyStore`. */
export interface KyselyBackend {
  readonly name: StoreBackend;
  readonly db: Kysely<Database>;
  readonly codec: SqlCodec;
  readonly errors: DriverErrorClassifier;
  /** Runs `fn` in a write transaction (SQLite also takes its in-process write lock). */
  transaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Closes the connections. */
  destroy(): Promise<void>;
}

/** Turns whatever a repository threw into a store error; store errors pass unchanged. */
export function translateError(errors: DriverErrorClassifier, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  if (errors.isUniqueViolation(error)) {
    return new StoreConflictError("database", "", "exists", "a unique name or id is already taken", {
      cause: error,
    });
  }
  if (errors.isForeignKeyViolation(error)) {
    return new StoreConflictError(
      "database",
      "",
      "in-use",
      "the write refers to a missing entity or one still in use",
      {
        cause: error,
      },
    );
  }
  if (errors.isContention(error)) {
    return new StoreConflictError("database", "", "busy", "a concurrent write won; retry the request", {
      cause: error,
    });
  }
  return new StoreUnavailableError(`database error (${errors.describe(error)})`, { cause: error });
}

/** Wraps every method of a repository so that only store errors leave it. */
function guard<T extends object>(repository: T, errors: DriverErrorClassifier): T {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        try {
          return Promise.resolve(value.apply(target, args)).catch((error: unknown) => {
            throw translateError(errors, error);
          });
        } catch (error) {
          return Promise.reject(translateError(errors, error));
        }
      };
    },
  });
}

function repositories(ctx: StoreContext): StoreRepositories {
  const g = <T extends object>(repository: T) => guard(repository, ctx.errors);
  return {
    settings: g(new SettingsTable(ctx)),
    trustAnchors: g(new TrustAnchorTable(ctx)),
    profiles: g(new ProfileTable(ctx)),
    crls: g(new CrlTable(ctx)),
    subjects: g(new SubjectTable(ctx)),
    tags: g(new TagTable(ctx)),
    roles: g(new RoleTable(ctx)),
    rolePolicies: g(new InlinePolicyTable(ctx, "role")),
    users: g(new UserTable(ctx)),
    userPolicies: g(new InlinePolicyTable(ctx, "user")),
    managedPolicies: g(new ManagedPolicyTable(ctx)),
    attachments: g(new AttachmentTable(ctx)),
    accessKeys: g(new AccessKeyTable(ctx)),
    sealingKeys: g(new SealingKeyTable(ctx)),
    generations: g(new GenerationTable(ctx)),
  };
}

/** Builds the `Store` of a backend; `clock` supplies `createdAt` / `updatedAt`. */
export function createKyselyStore(backend: KyselyBackend, clock: StoreClock): Store {
  const now = () => toTimestamp(clock());
  const base = { codec: backend.codec, errors: backend.errors, now };
  const root: StoreContext = { ...base, db: backend.db, write: (fn) => backend.transaction(fn) };
  let closed: Promise<void> | undefined;

  return {
    backend: backend.name,
    ...repositories(root),

    async transaction<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T> {
      let phase = "begin" as "begin" | "body" | "commit";
      try {
        return await backend.transaction(async (trx) => {
          phase = "body";
          const view = repositories({ ...base, db: trx, write: (inner) => inner(trx) });
          const result = await fn(view);
          phase = "commit";
          return result;
        });
      } catch (error) {
        // The caller's own errors pass unchanged (repositories already threw store errors);
        // a failed begin or commit becomes a store error.
        if (phase === "body") throw error;
        throw translateError(backend.errors, error);
      }
    },

    close(): Promise<void> {
      closed ??= backend.destroy();
      return closed;
    },
  };
}
