// Compiled policies of roles, users and managed policies, cached per replica and invalidated
// through the store's generations (store/README.md "Generations"): every IAM write bumps the scope
// of what it changed (`role:<name>`, `user:<name>`, `policy:<arn>`, `tags:<arn>`) in its own
// transaction; a watcher polls the generations every 500 ms and drops the entries that depend on a
// changed scope, so a change made on any replica is honoured by all within a second. Writes made
// through this replica call `refresh()` so they are seen at once.
import { IAM_QUOTAS, parsePolicy, type CompiledPolicy, type PolicyKind } from "@anchorage/policy";
import type { Logger } from "pino";
import { watchGenerations, type GenerationWatcher } from "../store/generation-watcher.js";
import { StoreNotFoundError } from "../store/errors.js";
import {
  generationScopes,
  type RoleRecord,
  type Store,
  type TagRecord,
  type UserRecord,
} from "../store/store.js";
import { readLongTermKey, type LongTermKey } from "../credential-resolver.js";
import { GenerationCache, type Loaded } from "../generation-cache.js";
import { awsManagedPolicy, isAwsManagedPolicyArn } from "./aws-managed-policies.js";
import { labelPolicy, type PolicySourceType } from "./policy-labels.js";

/** The identity side of a role or user, compiled. */
interface EntityPolicies {
  /** Inline policies, then attached managed policies (AWS-managed and the account's own). */
  readonly identity: readonly CompiledPolicy[];
  /** The permissions boundary, when one is set. */
  readonly boundary: CompiledPolicy | undefined;
  readonly tags: readonly TagRecord[];
}

/** A role's policies, tags and trust policy. */
export interface RolePolicies extends EntityPolicies {
  readonly kind: "role";
  readonly record: RoleRecord;
  readonly trust: CompiledPolicy;
}

/** A user's policies and tags. */
export interface UserPolicies extends EntityPolicies {
  readonly kind: "user";
  readonly record: UserRecord;
}

export type PrincipalPolicies = RolePolicies | UserPolicies;

/** Options of {@link PolicyCache}. */
export interface PolicyCacheOptions {
  readonly log?: Pick<Logger, "warn">;
  /** Poll period of the generation watcher; default 500 ms. `false`: no watcher (refresh by hand). */
  readonly watchIntervalMs?: number | false;
  /** How many principals and managed policies to keep; default 10,000. */
  readonly capacity?: number;
  /** How many distinct inline session / resource policy texts to keep compiled; default 1,000. */
  readonly textCapacity?: number;
}

/**
 * A policy that allows nothing: it stands in for a session policy or permissions boundary whose
 * managed policy no longer exists, so that the gate stays closed instead of disappearing.
 */
const ALLOW_NOTHING_TEXT =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"*","Resource":"*"}]}';

/** Stored documents were validated when written; read them back with the largest limits. */
const STORED_LIMITS = { maxSize: IAM_QUOTAS.apiDocument };

export class PolicyCache {
  readonly #store: Store;
  readonly #options: PolicyCacheOptions;
  readonly #entries: GenerationCache<unknown>;
  readonly #texts = new Map<string, CompiledPolicy>();
  readonly #awsManagedCompiled = new Map<string, CompiledPolicy>();
  #watcher: GenerationWatcher | undefined;

  constructor(store: Store, options: PolicyCacheOptions = {}) {
    this.#store = store;
    this.#options = options;
    this.#entries = new GenerationCache(options.capacity ?? 10_000);
  }

  /** Moves whenever something cached may have changed: memos of derived values compare it. */
  get version(): number {
    return this.#entries.epoch;
  }

  /** Takes the generations baseline and starts watching (call before serving). */
  async start(): Promise<void> {
    if (this.#options.watchIntervalMs === false || this.#watcher !== undefined) return;
    this.#watcher = watchGenerations(this.#store.generations, {
      intervalMs: this.#options.watchIntervalMs,
      onChange: (changed) => this.invalidate(changed.map((g) => g.scope)),
      onError: (error) => this.#options.log?.warn({ err: error }, "policy cache: generation poll failed"),
    });
    await this.#watcher.poll();
  }

  /** Picks up the changes made so far (e.g. right after an IAM write on this replica). */
  async refresh(): Promise<void> {
    if (this.#watcher !== undefined) await this.#watcher.poll();
    else this.invalidateAll();
  }

  stop(): void {
    this.#watcher?.stop();
    this.#watcher = undefined;
  }

  /** Drops every entry that depends on one of the scopes. */
  invalidate(scopes: readonly string[]): void {
    this.#entries.invalidate(scopes);
  }

  invalidateAll(): void {
    this.#entries.clear();
  }

  /** A managed policy's default version (AWS-managed from the catalogue), or undefined. */
  managed(arn: string): Promise<CompiledPolicy | undefined> {
    const aws = awsManagedPolicy(arn);
    if (aws !== undefined) return Promise.resolve(this.#awsManaged(aws.arn, aws.name, aws.document));
    if (isAwsManagedPolicyArn(arn)) return Promise.resolve(undefined);
    return this.#get(`managed ${arn}`, async () => {
      const scopes = [generationScopes.policy(arn)];
      const version = await this.#store.managedPolicies.getDefaultVersion(arn);
      if (version === undefined) return { value: undefined, scopes };
      const name = arn.slice(arn.lastIndexOf("/") + 1);
      return { value: this.#compile(version.document, "identity", arn, name, "user-managed"), scopes };
    });
  }

  /** A managed policy for the session or boundary gate: one that allows nothing when it is gone. */
  async managedOrNothing(arn: string): Promise<CompiledPolicy> {
    return (
      (await this.managed(arn)) ?? this.#text(ALLOW_NOTHING_TEXT, "session", `${arn} (no longer exists)`)
    );
  }

  /** A role's policies, tags and trust policy; undefined when there is no such role. */
  role(name: string): Promise<RolePolicies | undefined> {
    return this.#get(`role ${name.toLowerCase()}`, async () => {
      const scope = generationScopes.role(name);
      const role = await this.#store.roles.get(name);
      if (role === undefined) return { value: undefined, scopes: [scope] };
      try {
        const [inline, attached, tags] = await Promise.all([
          this.#store.rolePolicies.list(role.name),
          this.#store.attachments.list({ kind: "role", name: role.name }),
          this.#store.tags.list(role.arn),
        ]);
        const identity = [
          ...inline.map((p) =>
            this.#compile(
              p.document,
              "identity",
              `${role.name}/${p.policyName} (inline)`,
              p.policyName,
              "role",
            ),
          ),
          ...(await this.#attached(attached.map((a) => a.policyArn))),
        ];
        const boundary =
          role.permissionsBoundary === undefined ? undefined : await this.#boundary(role.permissionsBoundary);
        const trust = this.#compile(
          role.assumeRolePolicyDocument,
          "trust",
          `${role.name} trust policy`,
          "AssumeRolePolicyDocument",
          "resource",
        );
        const value: RolePolicies = { kind: "role", record: role, identity, boundary, tags, trust };
        return {
          value,
          scopes: [
            scope,
            generationScopes.tags(role.arn),
            ...managedDeps(
              attached.map((a) => a.policyArn),
              role.permissionsBoundary,
            ),
          ],
        };
      } catch (error) {
        if (error instanceof StoreNotFoundError) return { value: undefined, scopes: [scope] }; // deleted meanwhile
        throw error;
      }
    });
  }

  /** A user's policies and tags; undefined when there is no such user. */
  user(name: string): Promise<UserPolicies | undefined> {
    return this.#get(`user ${name.toLowerCase()}`, async () => {
      const scope = generationScopes.user(name);
      const user = await this.#store.users.get(name);
      if (user === undefined) return { value: undefined, scopes: [scope] };
      try {
        const [inline, attached, tags] = await Promise.all([
          this.#store.userPolicies.list(user.name),
          this.#store.attachments.list({ kind: "user", name: user.name }),
          this.#store.tags.list(user.arn),
        ]);
        const identity = [
          ...inline.map((p) =>
            this.#compile(
              p.document,
              "identity",
              `${user.name}/${p.policyName} (inline)`,
              p.policyName,
              "user",
            ),
          ),
          ...(await this.#attached(attached.map((a) => a.policyArn))),
        ];
        const boundary =
          user.permissionsBoundary === undefined ? undefined : await this.#boundary(user.permissionsBoundary);
        const value: UserPolicies = { kind: "user", record: user, identity, boundary, tags };
        return {
          value,
          scopes: [
            scope,
            generationScopes.tags(user.arn),
            ...managedDeps(
              attached.map((a) => a.policyArn),
              user.permissionsBoundary,
            ),
          ],
        };
      } catch (error) {
        if (error instanceof StoreNotFoundError) return { value: undefined, scopes: [scope] };
        throw error;
      }
    });
  }

  /**
   * A long-term access key and its user, for the credential resolver: kept until the key's or the
   * user's generation moves (IAM changes on this replica refresh at once, others within a second).
   */
  longTermKey(accessKeyId: string): Promise<LongTermKey | undefined> {
    return this.#get(`key ${accessKeyId}`, async () => {
      const found = await readLongTermKey(this.#store, accessKeyId);
      const scopes = [generationScopes.accessKey(accessKeyId), generationScopes.rootAccessKeys()];
      if (found?.key.userName !== undefined) scopes.push(generationScopes.user(found.key.userName));
      return { value: found, scopes, keep: found !== undefined };
    });
  }

  /**
   * A policy given as text (an inline session policy, a resource policy of the decision API),
   * compiled once per distinct text. Throws MalformedPolicyError.
   */
  text(text: string, kind: PolicyKind, name: string): CompiledPolicy {
    return this.#text(text, kind, name);
  }

  #text(text: string, kind: PolicyKind, name: string): CompiledPolicy {
    const key = `${kind} ${name} ${text}`;
    const hit = this.#texts.get(key);
    if (hit !== undefined) return hit;
    const compiled = this.#compile(text, kind, name, name, kind === "resource" ? "resource" : "none");
    this.#texts.set(key, compiled);
    if (this.#texts.size > (this.#options.textCapacity ?? 1000))
      this.#texts.delete(this.#texts.keys().next().value as string);
    return compiled;
  }

  #awsManaged(arn: string, name: string, document: string): CompiledPolicy {
    let compiled = this.#awsManagedCompiled.get(arn);
    if (compiled === undefined) {
      compiled = this.#compile(document, "identity", arn, name, "aws-managed");
      this.#awsManagedCompiled.set(arn, compiled);
    }
    return compiled;
  }

  async #attached(arns: readonly string[]): Promise<CompiledPolicy[]> {
    const out: CompiledPolicy[] = [];
    for (const arn of arns) {
      const policy = await this.managed(arn);
      if (policy !== undefined) out.push(policy); // IAM refuses to delete an attached policy
    }
    return out;
  }

  async #boundary(arn: string): Promise<CompiledPolicy> {
    return (
      (await this.managed(arn)) ?? this.#text(ALLOW_NOTHING_TEXT, "boundary", `${arn} (no longer exists)`)
    );
  }

  #compile(
    text: string,
    kind: PolicyKind,
    name: string,
    sourceId: string,
    sourceType: PolicySourceType,
  ): CompiledPolicy {
    const policy = parsePolicy(text, kind, { name, limits: STORED_LIMITS });
    labelPolicy(policy, { id: sourceId, type: sourceType });
    return policy;
  }

  /** A cached value; `keep: false` answers without caching (unknown access key ids are not kept). */
  #get<T>(key: string, load: () => Promise<Loaded<T>>): Promise<T> {
    return this.#entries.get(key, load) as Promise<T>;
  }
}

function managedDeps(arns: readonly string[], boundary: string | undefined): string[] {
  const all = boundary === undefined ? arns : [...arns, boundary];
  return all.filter((arn) => !isAwsManagedPolicyArn(arn)).map((arn) => generationScopes.policy(arn));
}
