import assert from "node:assert/strict";
import { test } from "node:test";
import { CreateSessionRefusal } from "./refusal.js";
import { resolving } from "./resolve.fixture.js";
import { resolveRole } from "./resolve-role.js";
import { ACCOUNT, trustPolicy } from "./sessions.fixture.js";

test("the role must be a role of this account that exists, with the path as named", async (t) => {
  const r = await resolving(t);
  const account = { accountId: ACCOUNT, partition: "aws" };
  const code = async (roleArn: string) =>
    resolveRole(roleArn, account, r.engine).then(
      (role) => `ok ${role.record.arn} ${role.trust.kind}`,
      (e: unknown) => (e instanceof CreateSessionRefusal ? `${e.step}/${e.code}` : String(e)),
    );
  const arn = `arn:aws:iam::${ACCOUNT}:role/team/app`;
  assert.equal(await code(arn), "role/RoleNotFound");
  await r.store.roles.create({
    id: "AROAEXAMPLEEXAMPLE01",
    name: "app",
    path: "/team/",
    arn,
    assumeRolePolicyDocument: trustPolicy(),
    maxSessionDuration: 3600,
  });
  await r.refresh();
  assert.equal(await code(arn), `ok ${arn} trust`);
  assert.equal(await code(`arn:aws:iam::${ACCOUNT}:role/app`), "role/RoleNotFound", "the path must match");
  assert.equal(await code(`arn:aws:iam::999999999999:role/team/app`), "role/RoleNotInThisAccount");
  assert.equal(await code(`arn:aws:iam::${ACCOUNT}:user/app`), "role/RoleNotInThisAccount");
});
