import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_ATTRIBUTE_MAPPINGS } from "../rolesanywhere/attribute-mappings.js";
import { CreateSessionRefusal } from "./refusal.js";
import { resolving } from "./resolve.fixture.js";
import { resolveProfile } from "./resolve-profile.js";
import { ACCOUNT, PROFILE_ARN, PROFILE_ID, REGION, ROLE_ARN } from "./sessions.fixture.js";

const SCOPE = { partition: "aws", region: REGION, accountId: ACCOUNT };

test("the profile must be this server's, exist, be enabled and list the role exactly", async (t) => {
  const r = await resolving(t);
  const code = async (profileArn: string, roleArn = ROLE_ARN) =>
    resolveProfile(profileArn, roleArn, SCOPE, r.caches).then(
      (p) => `ok ${p.record.name}`,
      (e: unknown) => (e instanceof CreateSessionRefusal ? `${e.step}/${e.code}` : String(e)),
    );
  assert.equal(await code(PROFILE_ARN), "profile/ProfileNotFound");
  await r.store.profiles.create({
    id: PROFILE_ID,
    arn: PROFILE_ARN,
    name: "p",
    enabled: true,
    roleArns: [ROLE_ARN],
    managedPolicyArns: [],
    durationSeconds: 3600,
    requireInstanceProperties: false,
    acceptRoleSessionName: false,
    attributeMappings: DEFAULT_ATTRIBUTE_MAPPINGS.map((m) => ({ ...m })),
  });
  await r.refresh();
  assert.equal(await code(PROFILE_ARN), "ok p");
  assert.equal(await code(PROFILE_ARN.replace(ACCOUNT, "999999999999")), "profile/ProfileNotInThisAccount");
  assert.equal(
    await code(PROFILE_ARN, ROLE_ARN.toUpperCase()),
    "profile/RoleNotInProfile",
    "exact match only",
  );
  assert.equal(await code(PROFILE_ARN, `arn:aws:iam::${ACCOUNT}:role/path/app`), "profile/RoleNotInProfile");
  await r.store.profiles.update(PROFILE_ID, { enabled: false });
  await r.refresh();
  assert.equal(await code(PROFILE_ARN), "profile/ProfileDisabled");
});
