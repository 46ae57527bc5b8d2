// Trust anchors: CreateTrustAnchor, GetTrustAnchor, UpdateTrustAnchor, DeleteTrustAnchor,
// EnableTrustAnchor, DisableTrustAnchor, ListTrustAnchors (spec §1.1, §2). UpdateTrustAnchor cannot
// change `enabled` (the model has no such member); DeleteTrustAnchor returns the deleted anchor and
// deletes the CRLs bound to it (and their tags) in the same transaction, since a CRL is meaningless
// without its anchor (spec §2 notes, UNCONFIRMED: AWS's behaviour is not documented).
import { AnchorageError } from "../../http/errors.js";
import { StoreLimitError } from "../../store/errors.js";
import { formatArn } from "./arns.js";
import { ENABLED_WHEN_OMITTED } from "./defaults.js";
import { toTrustAnchorDetail } from "./details.js";
import type { Handlers, RolesAnywhere } from "./handler.js";
import { MESSAGES } from "./messages.js";
import {
  checkNotificationSettings,
  DEFAULT_NOTIFICATION_SETTINGS,
  putNotificationSettings,
} from "./notification-settings.js";
import { readPage } from "./pagination.js";
import { QUOTAS } from "./quotas.js";
import { existing, present } from "./resources.js";
import { checkNewTags, requestTagContext, writeNewTags } from "./tags.js";
import { checkTrustAnchorSource } from "./trust-anchor-source.js";

type TrustAnchorOperations =
  | "CreateTrustAnchor"
  | "GetTrustAnchor"
  | "UpdateTrustAnchor"
  | "DeleteTrustAnchor"
  | "EnableTrustAnchor"
  | "DisableTrustAnchor"
  | "ListTrustAnchors";

export function trustAnchorHandlers(service: RolesAnywhere): Pick<Handlers, TrustAnchorOperations> {
  const { store } = service.context;
  const arnOf = (id: string) => formatArn(service.scope, "trust-anchor", id);
  const setEnabled = async (id: string, enabled: boolean) => ({
    trustAnchor: toTrustAnchorDetail(
      await existing("trust-anchor", id, () => store.trustAnchors.update(id, { enabled })),
    ),
  });

  return {
    async CreateTrustAnchor({ name, source, enabled, tags, notificationSettings }, call) {
      await call.authorize("CreateTrustAnchor", "*", requestTagContext(tags));
      checkNewTags(tags);
      if (notificationSettings !== undefined)
        checkNotificationSettings(notificationSettings, "notificationSettings");
      const checkedSource = checkTrustAnchorSource(source);
      const id = service.newId();
      const arn = arnOf(id);
      try {
        const anchor = await store.transaction(async (tx) => {
          const created = await tx.trustAnchors.create(
            {
              id,
              arn,
              name,
              enabled: enabled ?? ENABLED_WHEN_OMITTED,
              source: checkedSource,
              notificationSettings: putNotificationSettings(
                DEFAULT_NOTIFICATION_SETTINGS,
                notificationSettings ?? [],
                service.scope.accountId,
              ),
            },
            { maxCount: QUOTAS.trustAnchors },
          );
          await writeNewTags(tx, arn, tags);
          return created;
        });
        return { trustAnchor: toTrustAnchorDetail(anchor) };
      } catch (error) {
        if (error instanceof StoreLimitError && error.entity === "trust-anchor") {
          throw new AnchorageError("Validation", MESSAGES.trustAnchorQuota(), { cause: error });
        }
        throw error;
      }
    },

    async GetTrustAnchor({ trustAnchorId }, call) {
      await call.authorize("GetTrustAnchor", arnOf(trustAnchorId));
      const anchor = present("trust-anchor", trustAnchorId, await store.trustAnchors.get(trustAnchorId));
      return { trustAnchor: toTrustAnchorDetail(anchor) };
    },

    async UpdateTrustAnchor({ trustAnchorId, name, source }, call) {
      await call.authorize("UpdateTrustAnchor", arnOf(trustAnchorId));
      const checkedSource = source === undefined ? undefined : checkTrustAnchorSource(source);
      const anchor = await existing("trust-anchor", trustAnchorId, () =>
        store.trustAnchors.update(trustAnchorId, {
          ...(name === undefined ? {} : { name }),
          ...(checkedSource === undefined ? {} : { source: checkedSource }),
        }),
      );
      return { trustAnchor: toTrustAnchorDetail(anchor) };
    },

    async DeleteTrustAnchor({ trustAnchorId }, call) {
      await call.authorize("DeleteTrustAnchor", arnOf(trustAnchorId));
      const anchor = await existing("trust-anchor", trustAnchorId, () =>
        store.transaction(async (tx) => {
          // Deleting the anchor first takes its lock: an ImportCrl for it either committed before
          // (and its CRL is listed here) or waits and then finds no anchor.
          const deleted = await tx.trustAnchors.delete(trustAnchorId);
          for (const crl of await tx.crls.listByTrustAnchor(deleted.arn)) await tx.crls.delete(crl.id);
          return deleted;
        }),
      );
      return { trustAnchor: toTrustAnchorDetail(anchor) };
    },

    async EnableTrustAnchor({ trustAnchorId }, call) {
      await call.authorize("EnableTrustAnchor", arnOf(trustAnchorId));
      return setEnabled(trustAnchorId, true);
    },

    async DisableTrustAnchor({ trustAnchorId }, call) {
      await call.authorize("DisableTrustAnchor", arnOf(trustAnchorId));
      return setEnabled(trustAnchorId, false);
    },

    async ListTrustAnchors(input, call) {
      await call.authorize("ListTrustAnchors", "*");
      const page = await readPage(service.pageTokens, "ListTrustAnchors", input, (options) =>
        store.trustAnchors.list(options),
      );
      return { trustAnchors: page.items.map(toTrustAnchorDetail), nextToken: page.nextToken };
    },
  };
}
