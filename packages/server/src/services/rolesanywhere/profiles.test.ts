import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULT_ATTRIBUTE_MAPPINGS } from "./attribute-mappings.js";
import { ACCOUNT, BACKENDS, REGION, defined, startHarness } from "./harness.fixture.js";
import { QUOTAS } from "./quotas.js";

const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const UNKNOWN_ID = "0b7d0c6e-1111-4222-8333-444455556666";
const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
});

for (const { name: backend, skip } of BACKENDS) {
  describe(`profiles (${backend})`, { skip }, () => {
    test("CreateProfile with only the required members stores AWS's defaults; createdBy is the caller", async (t) => {
      const h = await startHarness(t, { backend });
      const reply = await h.op("CreateProfile", { name: "app", roleArns: [ROLE] });
      assert.equal(reply.status, 201);
      const { profile } = JSON.parse(reply.body) as { profile: Record<string, unknown> };
      const id = String(profile.profileId);
      assert.equal(profile.profileArn, `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/${id}`);
      assert.deepEqual(
        {
          enabled: profile.enabled,
          durationSeconds: profile.durationSeconds,
          acceptRoleSessionName: profile.acceptRoleSessionName,
          requireInstanceProperties: profile.requireInstanceProperties,
          managedPolicyArns: profile.managedPolicyArns,
          roleArns: profile.roleArns,
          createdBy: profile.createdBy,
          attributeMappings: profile.attributeMappings,
          sessionPolicy: profile.sessionPolicy,
        },
        {
          enabled: false,
          durationSeconds: 3600,
          acceptRoleSessionName: false,
          requireInstanceProperties: false,
          managedPolicyArns: [],
          roleArns: [ROLE],
          createdBy: `arn:aws:iam::${ACCOUNT}:root`,
          attributeMappings: DEFAULT_ATTRIBUTE_MAPPINGS,
          sessionPolicy: undefined,
        },
      );
      assert.deepEqual((await h.ok("GetProfile", { profileId: id })).profile, profile);
    });

    test("every member given is stored and returned", async (t) => {
      const h = await startHarness(t, { backend });
      const profile = defined(
        (
          await h.ok("CreateProfile", {
            name: "full profile",
            roleArns: [ROLE, `arn:aws:iam::${ACCOUNT}:role/path/other`],
            managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
            sessionPolicy: POLICY,
            durationSeconds: 43200,
            enabled: true,
            requireInstanceProperties: true,
            acceptRoleSessionName: true,
          })
        ).profile,
      );
      assert.deepEqual(
        [
          profile.enabled,
          profile.durationSeconds,
          profile.acceptRoleSessionName,
          profile.requireInstanceProperties,
          profile.sessionPolicy,
          profile.managedPolicyArns,
          profile.roleArns?.length,
        ],
        [true, 43200, true, true, POLICY, ["arn:aws:iam::aws:policy/ReadOnlyAccess"], 2],
      );
    });

    test("UpdateProfile changes what it models and nothing else (not enabled, not requireInstanceProperties)", async (t) => {
      const h = await startHarness(t, { backend });
      const created =
        (await h.ok("CreateProfile", { name: "p", roleArns: [ROLE], enabled: true })).profile ??
        assert.fail("no profile");
      const id = created.profileId ?? "";
      const reply = await h.raw({
        method: "PATCH",
        path: `/profile/${id}`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name: "renamed",
          roleArns: [],
          managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
          sessionPolicy: POLICY,
          durationSeconds: 900,
          acceptRoleSessionName: true,
          enabled: false,
          requireInstanceProperties: true,
        }),
      });
      assert.equal(reply.status, 200, reply.body);
      const { profile } = JSON.parse(reply.body) as { profile: Record<string, unknown> };
      assert.deepEqual(
        [
          profile.name,
          profile.roleArns,
          profile.sessionPolicy,
          profile.durationSeconds,
          profile.acceptRoleSessionName,
        ],
        ["renamed", [], POLICY, 900, true],
      );
      assert.equal(profile.enabled, true, "Update cannot change enabled");
      assert.equal(
        profile.requireInstanceProperties,
        false,
        "Update cannot change requireInstanceProperties",
      );
      assert.equal(profile.createdAt, created.createdAt);
      assert.ok(String(profile.updatedAt) > String(created.updatedAt));
    });

    test("Enable, Disable, Delete (returns the deleted profile, with its tags gone)", async (t) => {
      const h = await startHarness(t, { backend });
      const created =
        (await h.ok("CreateProfile", { name: "p", roleArns: [ROLE], tags: [{ key: "a", value: "b" }] }))
          .profile ?? assert.fail("no profile");
      const id = created.profileId ?? "";
      assert.equal((await h.ok("EnableProfile", { profileId: id })).profile?.enabled, true);
      assert.equal((await h.ok("DisableProfile", { profileId: id })).profile?.enabled, false);
      const deleted = await h.ok("DeleteProfile", { profileId: id });
      assert.equal(deleted.profile?.profileId, id);
      assert.equal(deleted.profile?.enabled, false);
      assert.equal((await h.fail("GetProfile", { profileId: id })).status, 404);
      assert.deepEqual(await h.store.tags.list(created.profileArn ?? ""), []);
    });

    test("model limits: durationSeconds, names, role ARNs (the 250-role quota) are ValidationException naming the field", async (t) => {
      const h = await startHarness(t, { backend });
      const cases = [
        {
          input: { name: "p", roleArns: [ROLE], durationSeconds: 43201 },
          field: /'durationSeconds'.*less than or equal to 43200/,
        },
        {
          input: { name: "p", roleArns: [ROLE], durationSeconds: 899 },
          field: /'durationSeconds'.*greater than or equal to 900/,
        },
        { input: { name: "bad:name", roleArns: [ROLE] }, field: /'name'.*regular expression pattern/ },
        { input: { name: "p", roleArns: ["arn:aws:s3:::bucket"] }, field: /'roleArns\.1\.member'/ },
        {
          input: {
            name: "p",
            roleArns: Array.from({ length: QUOTAS.rolesPerProfile + 1 }, (_, i) => `${ROLE}${i}`),
          },
          field: /'roleArns'.*length less than or equal to 250/,
        },
      ];
      for (const c of cases) {
        const failure = await h.fail("CreateProfile", c.input);
        assert.deepEqual([failure.status, failure.type], [400, "ValidationException"]);
        assert.match(failure.message, c.field);
      }
      assert.equal(cases.length, 5);
      assert.equal(await h.store.profiles.count(), 0);
      const ok = await h.ok("CreateProfile", {
        name: "p",
        roleArns: Array.from({ length: QUOTAS.rolesPerProfile }, (_, i) => `${ROLE}${i}`),
      });
      assert.equal(ok.profile?.roleArns?.length, 250);
    });

    test("a session policy must be a valid policy document", async (t) => {
      const h = await startHarness(t, { backend });
      const failure = await h.fail("CreateProfile", {
        name: "p",
        roleArns: [ROLE],
        sessionPolicy: '{"Version":"2012-10-17"',
      });
      assert.deepEqual([failure.status, failure.type], [400, "ValidationException"]);
      assert.match(failure.message, /'sessionPolicy'/);
      const id = (await h.ok("CreateProfile", { name: "p", roleArns: [ROLE] })).profile?.profileId ?? "";
      const update = await h.fail("UpdateProfile", {
        profileId: id,
        sessionPolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Permit", Action: "*", Resource: "*" }],
        }),
      });
      assert.match(update.message, /'sessionPolicy'.*Effect/);
      assert.equal((await h.ok("GetProfile", { profileId: id })).profile?.sessionPolicy, undefined);
    });

    test("unknown ids are ResourceNotFoundException; malformed ones ValidationException", async (t) => {
      const h = await startHarness(t, { backend });
      const operations = [
        "GetProfile",
        "UpdateProfile",
        "DeleteProfile",
        "EnableProfile",
        "DisableProfile",
      ] as const;
      for (const operation of operations) {
        const missing = await h.fail(operation, { profileId: UNKNOWN_ID });
        assert.deepEqual([missing.status, missing.type], [404, "ResourceNotFoundException"], operation);
        assert.match(missing.message, /no profile with id/);
        assert.equal(
          (await h.fail(operation, { profileId: "x".repeat(36) })).type,
          "ValidationException",
          operation,
        );
      }
      assert.equal(operations.length, 5);
    });

    test(`at most ${QUOTAS.profiles} profiles`, async (t) => {
      const h = await startHarness(t, { backend });
      await Promise.all(
        Array.from({ length: QUOTAS.profiles }, (_, i) =>
          h.ok("CreateProfile", { name: `p${i}`, roleArns: [ROLE] }),
        ),
      );
      const failure = await h.fail("CreateProfile", { name: "one more", roleArns: [ROLE] });
      assert.deepEqual([failure.status, failure.type], [400, "ValidationException"]);
      assert.match(failure.message, /at most 250 profiles/);
      assert.equal(await h.store.profiles.count(), QUOTAS.profiles);
    });
  });
}
