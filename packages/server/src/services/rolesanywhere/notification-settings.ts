// Notification settings of a trust anchor (spec §6): the defaults AWS applies to a new anchor,
// PutNotificationSettings (upsert by event and channel, `configuredBy` = the account id) and
// ResetNotificationSettings (back to the default, `configuredBy` = rolesanywhere.amazonaws.com).
// A missing channel means ALL (the only channel). An enabled setting needs a threshold (the model's
// documentation says so); a setting for the same event and channel given twice in one request is
// refused. Settings are kept in a fixed order: CA_CERTIFICATE_EXPIRY, then END_ENTITY_CERTIFICATE_EXPIRY.
import type { NotificationSetting, NotificationSettingKey } from "../../generated/rolesanywhere.js";
import { AnchorageError } from "../../http/errors.js";
import type { NotificationEvent, NotificationSettingRecord } from "../../store/store.js";
import { generationScopes } from "../../store/store.js";
import type { Handlers, RolesAnywhere } from "./handler.js";
import { MESSAGES } from "./messages.js";
import { formatArn } from "./arns.js";
import { toTrustAnchorDetail } from "./details.js";

/** Who configured a default setting. */
export const SERVICE_PRINCIPAL = "rolesanywhere.amazonaws.com";
/** Days before expiry at which the default settings notify. */
export const DEFAULT_THRESHOLD_DAYS = 45;
const CHANNEL = "ALL";
const EVENT_ORDER: readonly NotificationEvent[] = ["CA_CERTIFICATE_EXPIRY", "END_ENTITY_CERTIFICATE_EXPIRY"];

/** The default setting of one event. */
export const defaultNotificationSetting = (event: NotificationEvent): NotificationSettingRecord => ({
  enabled: true,
  event,
  threshold: DEFAULT_THRESHOLD_DAYS,
  channel: CHANNEL,
  configuredBy: SERVICE_PRINCIPAL,
});

/** The settings of a new trust anchor: both events, enabled, 45 days, channel ALL. */
export const DEFAULT_NOTIFICATION_SETTINGS: readonly NotificationSettingRecord[] =
  EVENT_ORDER.map(defaultNotificationSetting);

const keyOf = (event: string, channel: string | undefined) => `${event}/${channel ?? CHANNEL}`;

function ordered(settings: Iterable<NotificationSettingRecord>): NotificationSettingRecord[] {
  return [...settings].sort(
    (a, b) =>
      EVENT_ORDER.indexOf(a.event) - EVENT_ORDER.indexOf(b.event) ||
      (a.channel ?? CHANNEL).localeCompare(b.channel ?? CHANNEL),
  );
}

/** Refuses a setting given twice (same event and channel) and an enabled setting without threshold. */
export function checkNotificationSettings(settings: readonly NotificationSetting[], field: string): void {
  const given = new Set<string>();
  settings.forEach((setting, i) => {
    const channel = setting.channel ?? CHANNEL;
    const key = keyOf(setting.event, channel);
    if (given.has(key)) {
      throw new AnchorageError(
        "Validation",
        MESSAGES.duplicateNotificationSetting(`${field}.${i + 1}.member`, setting.event, channel),
      );
    }
    given.add(key);
    if (setting.enabled && setting.threshold === undefined) {
      throw new AnchorageError(
        "Validation",
        MESSAGES.notificationThresholdMissing(`${field}.${i + 1}.member.threshold`),
      );
    }
  });
}

/** Applies a Put (or CreateTrustAnchor's `notificationSettings`, checked first) to the current settings. */
export function putNotificationSettings(
  current: readonly NotificationSettingRecord[],
  settings: readonly NotificationSetting[],
  accountId: string,
): NotificationSettingRecord[] {
  const byKey = new Map(current.map((s) => [keyOf(s.event, s.channel), s]));
  for (const setting of settings) {
    const channel = setting.channel ?? CHANNEL;
    byKey.set(keyOf(setting.event, channel), {
      enabled: setting.enabled,
      event: setting.event,
      ...(setting.threshold === undefined ? {} : { threshold: setting.threshold }),
      channel,
      configuredBy: accountId,
    });
  }
  return ordered(byKey.values());
}

/** Applies a Reset: each named setting goes back to its default. */
export function resetNotificationSettings(
  current: readonly NotificationSettingRecord[],
  keys: readonly NotificationSettingKey[],
): NotificationSettingRecord[] {
  const byKey = new Map(current.map((s) => [keyOf(s.event, s.channel), s]));
  for (const key of keys) {
    byKey.set(keyOf(key.event, key.channel), {
      ...defaultNotificationSetting(key.event),
      channel: key.channel ?? CHANNEL,
    });
  }
  return ordered(byKey.values());
}

export function notificationSettingHandlers(
  service: RolesAnywhere,
): Pick<Handlers, "PutNotificationSettings" | "ResetNotificationSettings"> {
  const { store } = service.context;
  /** Read-modify-write of one anchor's settings, serialised with other writers of the anchor. */
  const updateSettings = (
    trustAnchorId: string,
    change: (current: readonly NotificationSettingRecord[]) => NotificationSettingRecord[],
  ) =>
    store.transaction(async (tx) => {
      await tx.generations.bump(generationScopes.anchor(trustAnchorId));
      const anchor = await tx.trustAnchors.get(trustAnchorId);
      if (anchor === undefined)
        throw new AnchorageError("NotFound", MESSAGES.notFound("trust-anchor", trustAnchorId));
      return tx.trustAnchors.update(trustAnchorId, {
        notificationSettings: change(anchor.notificationSettings),
      });
    });
  return {
    async PutNotificationSettings({ trustAnchorId, notificationSettings }, call) {
      await call.authorize(
        "PutNotificationSettings",
        formatArn(service.scope, "trust-anchor", trustAnchorId),
      );
      checkNotificationSettings(notificationSettings, "notificationSettings");
      const anchor = await updateSettings(trustAnchorId, (current) =>
        putNotificationSettings(current, notificationSettings, service.scope.accountId),
      );
      return { trustAnchor: toTrustAnchorDetail(anchor) };
    },
    async ResetNotificationSettings({ trustAnchorId, notificationSettingKeys }, call) {
      await call.authorize(
        "ResetNotificationSettings",
        formatArn(service.scope, "trust-anchor", trustAnchorId),
      );
      const anchor = await updateSettings(trustAnchorId, (current) =>
        resetNotificationSettings(current, notificationSettingKeys),
      );
      return { trustAnchor: toTrustAnchorDetail(anchor) };
    },
  };
}
