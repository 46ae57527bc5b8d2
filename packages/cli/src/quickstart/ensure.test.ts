// The reuse rules, against small in-memory fakes of the APIs (the seam ensure-* reads through).
import assert from "node:assert/strict";
import { test } from "node:test";
import { AwsApiError } from "../aws/signed-request.js";
import type { RoleDetail } from "../doctor/api/iam-api.js";
import type { ProfileDetail, TrustAnchorDetail } from "../doctor/api/roles-anywhere-api.js";
import { INLINE_POLICY_NAME, quickstartTrustPolicy, S3_ALL_POLICY, SESSION_POLICY_ARN } from "./documents.js";
import { ensureProfile } from "./ensure-profile.js";
import { ensureRole } from "./ensure-role.js";
import { ensureTrustAnchor } from "./ensure-trust-anchor.js";

const PEM = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
const ROLE_ARN = "arn:aws:iam::123456789012:role/anchorage-quickstart";

function anchors(initial: TrustAnchorDetail[] = []) {
  const all = [...initial];
  const calls: string[] = [];
  const set = (id: string, change: Partial<TrustAnchorDetail>) => {
    const i = all.findIndex((a) => a.trustAnchorId === id);
    all[i] = { ...all[i]!, ...change };
    return all[i]!;
  };
  return {
    all,
    calls,
    api: {
      listTrustAnchors: async () => [...all],
      createTrustAnchor: async (input: { name: string; bundlePem: string; enabled: boolean }) => {
        calls.push("create");
        const a: TrustAnchorDetail = {
          trustAnchorId: `id-${all.length}`,
          trustAnchorArn: `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/id-${all.length}`,
          name: input.name,
          enabled: input.enabled,
          source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: input.bundlePem } },
        };
        all.push(a);
        return a;
      },
      updateTrustAnchorBundle: async (id: string, bundlePem: string) => {
        calls.push("update");
        return set(id, {
          source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: bundlePem } },
        });
      },
      enableTrustAnchor: async (id: string) => {
        calls.push("enable");
        return set(id, { enabled: true });
      },
    },
  };
}

test("trust anchor: created once, then reused; a changed CA or a disabled anchor is put right", async () => {
  const fake = anchors();
  const first = await ensureTrustAnchor(fake.api, "anchorage-quickstart", PEM);
  const second = await ensureTrustAnchor(fake.api, "anchorage-quickstart", PEM.replace(/\n/g, "\r\n"));
  assert.deepEqual([first.action, second.action, fake.all.length], ["created", "reused", 1]);
  fake.all[0] = { ...fake.all[0]!, enabled: false };
  const third = await ensureTrustAnchor(fake.api, "anchorage-quickstart", PEM.replace("AAAA", "BBBB"));
  assert.deepEqual(
    [third.action, third.changes, fake.all.length],
    ["updated", ["bundle replaced with the CA certificate", "enabled"], 1],
  );
  assert.deepEqual(fake.calls, ["create", "update", "enable"]);
});

test("profile: created once with the role and AmazonS3ReadOnlyAccess, then reused", async () => {
  const all: ProfileDetail[] = [];
  const calls: string[] = [];
  const api = {
    listProfiles: async () => [...all],
    createProfile: async (input: {
      name: string;
      roleArns: readonly string[];
      managedPolicyArns: readonly string[];
      enabled: boolean;
    }) => {
      calls.push(`create ${input.managedPolicyArns.join()}`);
      const p: ProfileDetail = {
        profileId: "p1",
        profileArn: "arn:p1",
        name: input.name,
        enabled: input.enabled,
        roleArns: input.roleArns,
        managedPolicyArns: input.managedPolicyArns,
      };
      all.push(p);
      return p;
    },
    updateProfile: async (_id: string, input: { roleArns?: readonly string[] }) => {
      calls.push("update");
      all[0] = { ...all[0]!, roleArns: input.roleArns ?? [] };
      return all[0];
    },
    enableProfile: async () => {
      calls.push("enable");
      all[0] = { ...all[0]!, enabled: true };
      return all[0];
    },
  };
  assert.equal((await ensureProfile(api, "anchorage-quickstart", ROLE_ARN)).action, "created");
  assert.equal((await ensureProfile(api, "anchorage-quickstart", ROLE_ARN)).action, "reused");
  all[0] = { ...all[0]!, roleArns: [], enabled: false };
  const fixed = await ensureProfile(api, "anchorage-quickstart", ROLE_ARN);
  assert.deepEqual(
    [fixed.action, all.length, all[0]!.roleArns, all[0]!.enabled],
    ["updated", 1, [ROLE_ARN], true],
  );
  assert.deepEqual(calls, [`create ${SESSION_POLICY_ARN}`, "update", "enable"]);
});

test("role: created with its inline policy, then reused; a changed trust policy is put back", async () => {
  let role: RoleDetail | undefined;
  const inline = new Map<string, string>();
  const calls: string[] = [];
  const missing = () => new AwsApiError(404, "NoSuchEntity", "not found", undefined);
  const api = {
    getRole: async () => role ?? Promise.reject(missing()),
    createRole: async (input: { roleName: string; trustPolicy: string }) => {
      calls.push("create");
      return (role = {
        roleName: input.roleName,
        arn: ROLE_ARN,
        path: "/",
        maxSessionDuration: 3600,
        trustPolicy: input.trustPolicy,
      });
    },
    updateAssumeRolePolicy: async (_name: string, doc: string) => {
      calls.push("update-trust");
      role = { ...role!, trustPolicy: doc };
    },
    putRolePolicy: async (_n: string, policyName: string, doc: string) => {
      calls.push(`put ${policyName}`);
      inline.set(policyName, doc);
    },
    getRolePolicy: async (_n: string, policyName: string) =>
      inline.get(policyName) ?? Promise.reject(missing()),
  };
  const trust = quickstartTrustPolicy(
    "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/a",
    "quickstart-client",
  );
  assert.equal((await ensureRole(api, "anchorage-quickstart", trust)).action, "created");
  assert.equal(
    (await ensureRole(api, "anchorage-quickstart", JSON.stringify(JSON.parse(trust), null, 2))).action,
    "reused",
  );
  const moved = quickstartTrustPolicy(
    "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/b",
    "quickstart-client",
  );
  const updated = await ensureRole(api, "anchorage-quickstart", moved);
  assert.deepEqual([updated.action, updated.changes], ["updated", ["trust policy put back"]]);
  assert.deepEqual(calls, ["create", `put ${INLINE_POLICY_NAME}`, "update-trust"]);
  assert.equal(inline.get(INLINE_POLICY_NAME), S3_ALL_POLICY);
  await assert.rejects(
    ensureRole(
      { ...api, getRole: async () => Promise.reject(new AwsApiError(403, "AccessDenied", "no", undefined)) },
      "x",
      trust,
    ),
    AwsApiError,
  );
});
