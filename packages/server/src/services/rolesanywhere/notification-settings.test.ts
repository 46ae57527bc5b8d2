import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AnchorageError } from "../../http/errors.js";
import { ACCOUNT, BACKENDS, startHarness } from "./harness.fixture.js";
import {
  checkNotificationSettings,
  DEFAULT_NOTIFICATION_SETTINGS,
  putNotificationSettings,
  resetNotificationSettings,
} from "./notification-settings.js";
import { bundle, pkiFixtures } from "./pki.fixture.js";

const [CA_DEFAULT, EE_DEFAULT] = DEFAULT_NOTIFICATION_SETTINGS;

describe("notification settings", () => {
  test("the defaults: both events, enabled, 45 days, channel ALL, configured by the service", () => {
    assert.deepEqual(DEFAULT_NOTIFICATION_SETTINGS, [
      {
        enabled: true,
        event: "CA_CERTIFICATE_EXPIRY",
        threshold: 45,
        channel: "ALL",
        configuredBy: "rolesanywhere.amazonaws.com",
      },
      {
        enabled: true,
        event: "END_ENTITY_CERTIFICATE_EXPIRY",
        threshold: 45,
        channel: "ALL",
        configuredBy: "rolesanywhere.amazonaws.com",
      },
    ]);
  });

  test("Put upserts by event and channel (a missing channel is ALL); configuredBy becomes the account", () => {
    const next = putNotificationSettings(
      DEFAULT_NOTIFICATION_SETTINGS,
      [
        { enabled: false, event: "END_ENTITY_CERTIFICATE_EXPIRY" },
        { enabled: true, event: "CA_CERTIFICATE_EXPIRY", threshold: 10, channel: "ALL" },
      ],
      ACCOUNT,
    );
    assert.deepEqual(next, [
      { enabled: true, event: "CA_CERTIFICATE_EXPIRY", threshold: 10, channel: "ALL", configuredBy: ACCOUNT },
      { enabled: false, event: "END_ENTITY_CERTIFICATE_EXPIRY", channel: "ALL", configuredBy: ACCOUNT },
    ]);
  });

  test("Reset puts the named settings back to their defaults only", () => {
    const custom = putNotificationSettings(
      DEFAULT_NOTIFICATION_SETTINGS,
      [
        { enabled: true, event: "CA_CERTIFICATE_EXPIRY", threshold: 10 },
        { enabled: true, event: "END_ENTITY_CERTIFICATE_EXPIRY", threshold: 20 },
      ],
      ACCOUNT,
    );
    assert.deepEqual(resetNotificationSettings(custom, [{ event: "CA_CERTIFICATE_EXPIRY" }]), [
      CA_DEFAULT,
      custom[1],
    ]);
    assert.deepEqual(
      resetNotificationSettings(custom, [
        { event: "END_ENTITY_CERTIFICATE_EXPIRY", channel: "ALL" },
        { event: "CA_CERTIFICATE_EXPIRY" },
      ]),
      [CA_DEFAULT, EE_DEFAULT],
    );
  });

  const refusals = [
    {
      name: "an enabled setting without threshold",
      settings: [{ enabled: true, event: "CA_CERTIFICATE_EXPIRY" as const }],
      message: /Value null at 'notificationSettings\.1\.member\.threshold'/,
    },
    {
      name: "the same event and channel twice",
      settings: [
        { enabled: false, event: "CA_CERTIFICATE_EXPIRY" as const },
        { enabled: true, event: "CA_CERTIFICATE_EXPIRY" as const, threshold: 3, channel: "ALL" as const },
      ],
      message: /'notificationSettings\.2\.member'.*CA_CERTIFICATE_EXPIRY and channel ALL is given twice/,
    },
  ];
  for (const r of refusals) {
    test(`refuses ${r.name}`, () =>
      assert.throws(
        () => checkNotificationSettings(r.settings, "notificationSettings"),
        (e: unknown) => e instanceof AnchorageError && e.code === "Validation" && r.message.test(e.message),
      ));
  }
  test("the refusal table has every case", () => assert.equal(refusals.length, 2));
});

for (const { name: backend, skip } of BACKENDS) {
  describe(`PutNotificationSettings and ResetNotificationSettings (${backend})`, { skip }, () => {
    test("create with settings, put, reset, over HTTP; an unknown anchor is ResourceNotFoundException", async (t) => {
      const h = await startHarness(t, { backend });
      const { rootPem } = await pkiFixtures();
      const created = await h.ok("CreateTrustAnchor", {
        name: "a",
        source: bundle(rootPem),
        notificationSettings: [{ enabled: false, event: "END_ENTITY_CERTIFICATE_EXPIRY" }],
      });
      assert.deepEqual(created.trustAnchor.notificationSettings, [
        CA_DEFAULT,
        { enabled: false, event: "END_ENTITY_CERTIFICATE_EXPIRY", channel: "ALL", configuredBy: ACCOUNT },
      ]);
      const trustAnchorId = created.trustAnchor.trustAnchorId ?? "";
      const put = await h.ok("PutNotificationSettings", {
        trustAnchorId,
        notificationSettings: [{ enabled: true, event: "CA_CERTIFICATE_EXPIRY", threshold: 30 }],
      });
      assert.deepEqual(put.trustAnchor.notificationSettings?.[0], {
        enabled: true,
        event: "CA_CERTIFICATE_EXPIRY",
        threshold: 30,
        channel: "ALL",
        configuredBy: ACCOUNT,
      });
      const reset = await h.ok("ResetNotificationSettings", {
        trustAnchorId,
        notificationSettingKeys: [
          { event: "CA_CERTIFICATE_EXPIRY" },
          { event: "END_ENTITY_CERTIFICATE_EXPIRY" },
        ],
      });
      assert.deepEqual(reset.trustAnchor.notificationSettings, DEFAULT_NOTIFICATION_SETTINGS);
      const refused = await h.fail("PutNotificationSettings", {
        trustAnchorId,
        notificationSettings: [{ enabled: true, event: "CA_CERTIFICATE_EXPIRY", threshold: 361 }],
      });
      assert.deepEqual([refused.status, refused.type], [400, "ValidationException"]);
      assert.match(refused.message, /threshold.*less than or equal to 360/);
      const unknown = "0b7d0c6e-1111-4222-8333-444455556666";
      for (const failure of [
        await h.fail("PutNotificationSettings", { trustAnchorId: unknown, notificationSettings: [] }),
        await h.fail("ResetNotificationSettings", { trustAnchorId: unknown, notificationSettingKeys: [] }),
      ]) {
        assert.deepEqual([failure.status, failure.type], [404, "ResourceNotFoundException"]);
      }
    });
  });
}
