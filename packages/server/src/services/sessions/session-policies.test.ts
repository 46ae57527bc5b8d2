import assert from "node:assert/strict";
import { test } from "node:test";
import { PolicyEngine } from "../../authorization/policy-engine.js";
import { openStore } from "../../store/open-store.js";
import type { ProfileRecord } from "../../store/store.js";
import { temporarySqliteDatabase } from "../../store/test-databases.js";
import { CreateSessionRefusal } from "./refusal.js";
import type { UsableProfile } from "./resolve-profile.js";
import { sessionPolicies } from "./session-policies.js";

const S3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const usable = (record: Partial<ProfileRecord>, plaintext = 0): UsableProfile =>
  ({
    found: true,
    record: { name: "p", arn: "arn:p", managedPolicyArns: [], ...record },
    roleArns: new Set(),
    mappings: { subject: "all", issuer: "all", sanDns: true, sanUri: true, sanName: "all" },
    sessionPolicyPlaintext: plaintext,
  }) as unknown as UsableProfile;

test("STS's limits and existence, per request; what passes goes to the session", async (t) => {
  const db = await temporarySqliteDatabase();
  const store = await openStore(db.url, { clock: () => new Date("2026-01-01T00:00:00Z") });
  t.after(async () => {
    await store.close();
    await db.dispose();
  });
  const engine = new PolicyEngine({ store, clock: () => new Date(), cache: { watchIntervalMs: false } });
  const inline =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}';
  assert.deepEqual(
    await sessionPolicies(usable({ managedPolicyArns: [S3], sessionPolicy: inline }, 100), engine),
    {
      inline,
      managedArns: [S3],
    },
  );
  assert.deepEqual(await sessionPolicies(usable({}), engine), { managedArns: [] });
  const refused = async (profile: UsableProfile, code: string, message: RegExp) =>
    assert.rejects(
      sessionPolicies(profile, engine),
      (e: unknown) => e instanceof CreateSessionRefusal && e.code === code && message.test(e.reason),
    );
  await refused(
    usable({ managedPolicyArns: Array<string>(11).fill(S3) }),
    "SessionPoliciesTooLarge",
    /11 managed policies; a session takes at most 10/,
  );
  await refused(usable({}, 2049), "SessionPoliciesTooLarge", /2049 characters .* at most 2048/);
  await refused(
    usable({ managedPolicyArns: ["arn:aws:iam::123456789012:policy/missing"] }),
    "SessionPolicyNotFound",
    /policy\/missing, which does not exist/,
  );
  await refused(
    usable({ managedPolicyArns: ["arn:aws:iam::aws:policy/NoSuchAwsPolicy"] }),
    "SessionPolicyNotFound",
    /NoSuchAwsPolicy/,
  );
});
