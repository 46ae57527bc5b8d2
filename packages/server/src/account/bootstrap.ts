// First start of an account: its id and its root access key, created once even when several
// replicas start on one database at the same time.
import type { RandomBytes } from "../http/request-id.js";
import { accountId as randomAccountId, awsId, secretAccessKey } from "../ids.js";
import { SETTING_ACCOUNT_ID, type Store } from "../store/store.js";
import type { AccessKeyPair } from "./admin-credentials.js";

/** The settings key claimed by the replica that creates the root access key. */
export const SETTING_ROOT_KEY = "root-access-key";

export interface BootstrapResult {
  readonly accountId: string;
  /** Present only on the start that created the account's root access key. */
  readonly createdRootKey?: AccessKeyPair;
}

/** The data belongs to another account than the one asked for. */
export class AccountMismatchError extends Error {
  override name = "AccountMismatchError";
}

/**
 * Returns the account id (kept from an earlier start, else `requested`, else a random one) and, the
 * first time only, creates the root access key.
 */
export async function bootstrapAccount(
  store: Store,
  options: { readonly random: RandomBytes; readonly requestedAccountId?: string },
): Promise<BootstrapResult> {
  const wanted = options.requestedAccountId ?? randomAccountId(options.random);
  const accountId = await store.settings.setIfAbsent(SETTING_ACCOUNT_ID, wanted);
  if (options.requestedAccountId !== undefined && accountId !== options.requestedAccountId) {
    throw new AccountMismatchError(
      `this database already belongs to account ${accountId}, not ${options.requestedAccountId}; ` +
        `drop --account-id or point --data-dir/--database elsewhere`,
    );
  }
  const key = {
    accessKeyId: awsId("AKIA", options.random),
    secretAccessKey: secretAccessKey(options.random),
  };
  // Claim and create in one transaction: a replica that dies between the two leaves no claim behind.
  const created = await store.transaction(async (tx) => {
    if ((await tx.settings.setIfAbsent(SETTING_ROOT_KEY, key.accessKeyId)) !== key.accessKeyId) return false;
    await tx.accessKeys.create({
      id: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      status: "Active",
    });
    return true;
  });
  return created ? { accountId, createdRootKey: key } : { accountId };
}
