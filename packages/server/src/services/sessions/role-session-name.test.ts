import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { test } from "node:test";
import { sharedPkiCache } from "@anchorage/pki";
import type { ProfileRecord } from "../../store/store.js";
import { CreateSessionRefusal } from "./refusal.js";
import { roleSessionName } from "./role-session-name.js";
import { testPki } from "./sessions.fixture.js";

const profile = (acceptRoleSessionName: boolean) =>
  ({ id: "p", arn: "arn:p", name: "build", acceptRoleSessionName }) as unknown as ProfileRecord;

test("the default session name is the leaf serial in upper-case hex; a requested one needs acceptRoleSessionName", async () => {
  const pki = await testPki();
  const leaf = sharedPkiCache().certificate(new X509Certificate(pki.client.certPem).raw);
  assert.equal(roleSessionName(undefined, profile(false), leaf), pki.client.serialHex);
  assert.match(pki.client.serialHex, /^[0-9A-F]+$/);
  assert.equal(roleSessionName(undefined, profile(true), leaf), pki.client.serialHex);
  assert.equal(roleSessionName("build-7", profile(true), leaf), "build-7");
  assert.throws(
    () => roleSessionName("build-7", profile(false), leaf),
    (e: unknown) =>
      e instanceof CreateSessionRefusal &&
      e.code === "RoleSessionNameNotAccepted" &&
      /profile build does not accept role session names \(acceptRoleSessionName is false\)/.test(e.reason),
  );
});
