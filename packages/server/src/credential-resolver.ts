// Who owns an access key: the seam the SigV4 authenticator calls for every signed request.
// Long-term keys (`AKIA…`, the root's and IAM users') live in the store; temporary ones (`ASIA…`)
// are opened from their session token by the session resolver the STS layer supplies.
import type { ResolvedCredentials } from "./auth/sigv4.js";
import { rootPrincipal, type CallerPrincipal } from "./principal.js";
import type { AccessKeyRecord, Store, UserRecord } from "./store/store.js";

/** A long-term access key and, for a user's key, its user. */
export interface LongTermKey {
  readonly key: AccessKeyRecord;
  readonly user?: UserRecord;
}

export type SessionResolver = (key: {
  readonly accessKeyId: string;
  readonly sessionToken: string;
}) => Promise<ResolvedCredentials<CallerPrincipal> | undefined>;

export interface CredentialResolverInit {
  readonly store: Store;
  readonly accountId: string;
  /** Opens temporary credentials; without it, every temporary key is unknown. */
  readonly sessions?: SessionResolver;
  /**
   * Looks a long-term key (and its user) up; default: two store reads per request. The composition
   * root passes the policy cache's, which keeps keys between requests and drops them when their
   * generation moves (a key disabled or deleted on any replica stops working within a second).
   */
  readonly lookupKey?: (accessKeyId: string) => Promise<LongTermKey | undefined>;
}

/** The store-reading lookup of a long-term key. */
export async function readLongTermKey(store: Store, accessKeyId: string): Promise<LongTermKey | undefined> {
  const key = await store.accessKeys.get(accessKeyId);
  if (key === undefined) return undefined;
  if (key.userName === undefined) return { key };
  const user = await store.users.get(key.userName);
  return user === undefined ? undefined : { key, user };
}

/** The `resolveCredentials` seam of `sigv4Authenticator`. */
export function credentialResolver(init: CredentialResolverInit) {
  const { store, accountId } = init;
  return async (key: {
    readonly accessKeyId: string;
    readonly sessionToken?: string;
  }): Promise<ResolvedCredentials<CallerPrincipal> | undefined> => {
    if (key.sessionToken !== undefined && key.accessKeyId.startsWith("ASIA")) {
      return init.sessions?.({ accessKeyId: key.accessKeyId, sessionToken: key.sessionToken });
    }
    if (key.accessKeyId.startsWith("ASIA")) return undefined; // a temporary key needs its token
    const found = await (init.lookupKey ?? ((id: string) => readLongTermKey(store, id)))(key.accessKeyId);
    if (found === undefined || found.key.status !== "Active") return undefined;
    const record = found.key;
    const user = found.user;
    if (user === undefined) {
      return { secretAccessKey: record.secretAccessKey, principal: rootPrincipal(accountId) };
    }
    return {
      secretAccessKey: record.secretAccessKey,
      principal: { kind: "user", accountId, arn: user.arn, userName: user.name, userId: user.id },
    };
  };
}
