// Who owns an access key: the seam the SigV4 authenticator calls for every signed request.
// Long-term keys (`AKIA…`, the root's and IAM users') live in the store; temporary ones (`ASIA…`)
// are opened from their session token by the session resolver the STS layer supplies.
import type { ResolvedCredentials } from "./auth/sigv4.js";
import { rootPrincipal, type CallerPrincipal } from "./principal.js";
import type { Store } from "./store/store.js";

export type SessionResolver = (key: {
  readonly accessKeyId: string;
  readonly sessionToken: string;
}) => Promise<ResolvedCredentials<CallerPrincipal> | undefined>;

export interface CredentialResolverInit {
  readonly store: Store;
  readonly accountId: string;
  /** Opens temporary credentials; without it, every temporary key is unknown. */
  readonly sessions?: SessionResolver;
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
    const record = await store.accessKeys.get(key.accessKeyId);
    if (record === undefined || record.status !== "Active") return undefined;
    if (record.userName === undefined) {
      return { secretAccessKey: record.secretAccessKey, principal: rootPrincipal(accountId) };
    }
    const user = await store.users.get(record.userName);
    if (user === undefined) return undefined;
    return {
      secretAccessKey: record.secretAccessKey,
      principal: { kind: "user", accountId, arn: user.arn, userName: user.name, userId: user.id },
    };
  };
}
