import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assumedRolePrincipal,
  compileAwsPrincipal,
  compileServicePrincipal,
  describePrincipal,
  matchPrincipal,
  notPrincipalApplies,
  rootPrincipal,
  servicePrincipal,
  userPrincipal,
  type PrincipalEntry,
} from "./principal.js";

const session = assumedRolePrincipal("arn:aws:iam::111122223333:role/path/App", "s1");
const entry = (v: string): PrincipalEntry => {
  const e = compileAwsPrincipal(v);
  assert.ok(typeof e !== "string", `${v}: ${String(e)}`);
  return e;
};

test("principal constructors", () => {
  assert.equal(describePrincipal(session), "arn:aws:sts::111122223333:assumed-role/App/s1");
  assert.deepEqual(userPrincipal("arn:aws:iam::111122223333:user/ops/bob"), {
    type: "User",
    account: "111122223333",
    arn: "arn:aws:iam::111122223333:user/ops/bob",
  });
  assert.equal(describePrincipal(rootPrincipal("111122223333")), "arn:aws:iam::111122223333:root");
  assert.throws(() => userPrincipal("arn:aws:iam::111122223333:role/x"), TypeError);
});

test("AWS principal values compile to entries (iam-sts.md §1.1)", () => {
  assert.deepEqual(entry("111122223333"), { kind: "account", account: "111122223333" });
  assert.deepEqual(entry("arn:aws:iam::111122223333:root"), { kind: "account", account: "111122223333" });
  assert.equal(entry("arn:aws:iam::111122223333:role/path/App").kind, "role");
  assert.equal(entry("arn:aws:sts::111122223333:assumed-role/App/s1").kind, "session");
  assert.equal(entry("arn:aws:iam::111122223333:user/bob").kind, "user");
  assert.match(
    String(compileAwsPrincipal("arn:aws:iam::111122223333:role/*")),
    /wildcards are allowed only as "\*"/,
  );
  assert.match(String(compileAwsPrincipal("bob")), /expected an account id/);
  assert.match(
    String(compileAwsPrincipal("arn:aws:sts::111122223333:role/x")),
    /role ARNs use the iam service/,
  );
  assert.equal(typeof compileServicePrincipal("Not A Service"), "string");
});

test("the strongest matching entry decides the kind", () => {
  const account = entry("111122223333");
  const role = entry("arn:aws:iam::111122223333:role/path/App");
  const sess = entry("arn:aws:sts::111122223333:assumed-role/App/s1");
  assert.equal(matchPrincipal([account], session), "account");
  assert.equal(matchPrincipal([account, role], session), "role");
  assert.equal(matchPrincipal([role, sess, account], session), "direct");
  assert.equal(matchPrincipal([entry("arn:aws:iam::111122223333:role/App")], session), undefined);
  assert.equal(matchPrincipal([account], rootPrincipal("111122223333")), "direct");
  assert.equal(
    matchPrincipal(
      [{ kind: "service", service: "rolesanywhere.amazonaws.com" }],
      servicePrincipal("RolesAnywhere.amazonaws.com"),
    ),
    "direct",
  );
});

test("NotPrincipal excludes a session only when session, role and account are all listed", () => {
  const all = [
    entry("arn:aws:sts::111122223333:assumed-role/App/s1"),
    entry("arn:aws:iam::111122223333:role/path/App"),
    entry("arn:aws:iam::111122223333:root"),
  ];
  assert.equal(notPrincipalApplies(all, session), false);
  assert.equal(notPrincipalApplies(all.slice(0, 2), session), true);
  assert.equal(notPrincipalApplies([entry("*")], session), false);
  assert.equal(notPrincipalApplies(all, { type: "Anonymous" }), true);
});
