// The plugin as a whole, over HTTP: every operation is routed from the model and asks the
// authorizer first; non-root callers are refused under the root-only authorizer; bad input of any
// kind is a 4xx with a message (never a 5xx) and writes nothing.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { rootOnlyAuthorizer, type AuthorizationQuestion, type Authorizer } from "../../authorize.js";
import type { RolesAnywhereOperationName } from "../../generated/rolesanywhere.js";
import { ROLESANYWHERE_MODEL } from "../../generated/rolesanywhere.js";
import { AnchorageError } from "../../http/errors.js";
import { DEFAULT_BODY_LIMIT } from "../../http/app.js";
import { listRestJsonRoutes } from "../../protocol/index.js";
import {
  ACCOUNT,
  BACKENDS,
  REGION,
  failureOf,
  startHarness,
  type Harness,
  type Input,
} from "./harness.fixture.js";
import { bundle, pkiFixtures } from "./pki.fixture.js";

const ID = "0b7d0c6e-1111-4222-8333-444455556666";
const arn = (type: string) => `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:${type}/${ID}`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/r`;
const TAGS = [{ key: "team", value: "blue" }];
const TAG_CONTEXT = { "aws:TagKeys": ["team"], "aws:RequestTag/team": "blue" };

interface Case<K extends RolesAnywhereOperationName> {
  readonly operation: K;
  readonly input: Input<K>;
  readonly resource: string;
  readonly context?: Record<string, unknown>;
}
const c = <K extends RolesAnywhereOperationName>(
  operation: K,
  input: Input<K>,
  resource: string,
  context?: Record<string, unknown>,
): Case<K> => ({ operation, input, resource, ...(context === undefined ? {} : { context }) });

/** Every operation, with an input that passes the model and the resource AWS authorizes it on. */
const CASES = (pem: string, crl: Buffer) => [
  c("CreateTrustAnchor", { name: "a", source: bundle(pem), tags: TAGS }, "*", TAG_CONTEXT),
  c("GetTrustAnchor", { trustAnchorId: ID }, arn("trust-anchor")),
  c("UpdateTrustAnchor", { trustAnchorId: ID, name: "b" }, arn("trust-anchor")),
  c("DeleteTrustAnchor", { trustAnchorId: ID }, arn("trust-anchor")),
  c("EnableTrustAnchor", { trustAnchorId: ID }, arn("trust-anchor")),
  c("DisableTrustAnchor", { trustAnchorId: ID }, arn("trust-anchor")),
  c("ListTrustAnchors", {}, "*"),
  c("CreateProfile", { name: "p", roleArns: [ROLE], tags: TAGS }, "*", TAG_CONTEXT),
  c("GetProfile", { profileId: ID }, arn("profile")),
  c("UpdateProfile", { profileId: ID, durationSeconds: 900 }, arn("profile")),
  c("DeleteProfile", { profileId: ID }, arn("profile")),
  c("EnableProfile", { profileId: ID }, arn("profile")),
  c("DisableProfile", { profileId: ID }, arn("profile")),
  c("ListProfiles", {}, "*"),
  c(
    "PutAttributeMapping",
    { profileId: ID, certificateField: "x509Subject", mappingRules: [{ specifier: "CN" }] },
    arn("profile"),
  ),
  c("DeleteAttributeMapping", { profileId: ID, certificateField: "x509Subject" }, arn("profile")),
  c(
    "ImportCrl",
    { name: "c", crlData: crl, trustAnchorArn: arn("trust-anchor"), tags: TAGS },
    "*",
    TAG_CONTEXT,
  ),
  c("GetCrl", { crlId: ID }, arn("crl")),
  c("UpdateCrl", { crlId: ID, name: "d" }, arn("crl")),
  c("DeleteCrl", { crlId: ID }, arn("crl")),
  c("EnableCrl", { crlId: ID }, arn("crl")),
  c("DisableCrl", { crlId: ID }, arn("crl")),
  c("ListCrls", {}, "*"),
  c("GetSubject", { subjectId: ID }, arn("subject")),
  c("ListSubjects", {}, "*"),
  c("TagResource", { resourceArn: arn("profile"), tags: TAGS }, arn("profile"), TAG_CONTEXT),
  c("UntagResource", { resourceArn: arn("profile"), tagKeys: ["team"] }, arn("profile"), {
    "aws:TagKeys": ["team"],
  }),
  c("ListTagsForResource", { resourceArn: arn("crl") }, arn("crl")),
  c(
    "PutNotificationSettings",
    { trustAnchorId: ID, notificationSettings: [{ enabled: false, event: "CA_CERTIFICATE_EXPIRY" }] },
    arn("trust-anchor"),
  ),
  c(
    "ResetNotificationSettings",
    { trustAnchorId: ID, notificationSettingKeys: [{ event: "CA_CERTIFICATE_EXPIRY" }] },
    arn("trust-anchor"),
  ),
];

async function storeIsEmpty(h: Harness): Promise<void> {
  assert.deepEqual(
    [await h.store.trustAnchors.count(), await h.store.profiles.count(), await h.store.crls.count()],
    [0, 0, 0],
  );
}

for (const { name: backend, skip } of BACKENDS) {
  describe(`the Roles Anywhere plugin (${backend})`, { skip }, () => {
    test("all 30 operations are routed, ask rolesanywhere:<Operation> on AWS's resource, and stop at a refusal", async (t) => {
      const questions: AuthorizationQuestion[] = [];
      const refuse: Authorizer = async (q) => {
        questions.push(q);
        throw new AnchorageError(
          "AccessDenied",
          `User: ${q.caller.arn} is not authorized to perform: ${q.action}`,
        );
      };
      const h = await startHarness(t, { backend, authorizer: refuse });
      const { rootPem, crlPem } = await pkiFixtures();
      const cases = CASES(rootPem, crlPem);
      assert.equal(new Set(cases.map((x) => x.operation)).size, 30);
      assert.equal(listRestJsonRoutes(ROLESANYWHERE_MODEL).length, 30);
      for (const x of cases) {
        questions.length = 0;
        const failure = failureOf(await h.op(x.operation, x.input as never));
        assert.deepEqual([failure.status, failure.type], [403, "AccessDeniedException"], x.operation);
        assert.match(failure.message, new RegExp(`rolesanywhere:${x.operation}$`));
        assert.equal(questions.length, 1, x.operation);
        assert.deepEqual(
          {
            action: questions[0]?.action,
            resource: questions[0]?.resource,
            caller: questions[0]?.caller.arn,
            context: questions[0]?.context,
            // aws:SourceIp, aws:SecureTransport and aws:RequestedRegion come from these.
            request: questions[0]?.request,
          },
          {
            action: `rolesanywhere:${x.operation}`,
            resource: x.resource,
            caller: `arn:aws:iam::${ACCOUNT}:root`,
            context: x.context,
            request: { sourceIp: "127.0.0.1", secureTransport: false, requestedRegion: REGION },
          },
          x.operation,
        );
      }
      await storeIsEmpty(h);
    });

    test("a caller other than the root is refused under the root-only authorizer (403 AccessDeniedException)", async (t) => {
      const h = await startHarness(t, { backend, authorizer: rootOnlyAuthorizer });
      await h.store.users.create({
        id: "AIDAANCHORAGETEST001",
        name: "alice",
        path: "/",
        arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      });
      const alice = {
        accessKeyId: "AKIAANCHORAGEALICE01",
        secretAccessKey: "alice-secret-alice-secret-alice-secret00",
      };
      await h.store.accessKeys.create({
        id: alice.accessKeyId,
        userName: "alice",
        secretAccessKey: alice.secretAccessKey,
        status: "Active",
      });
      const { rootPem } = await pkiFixtures();
      const failure = failureOf(
        await h.op("CreateTrustAnchor", { name: "a", source: bundle(rootPem) }, alice),
      );
      assert.deepEqual([failure.status, failure.type], [403, "AccessDeniedException"]);
      assert.equal(
        failure.message,
        `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: rolesanywhere:CreateTrustAnchor ` +
          "on resource: * because no identity-based policy allows the action",
      );
      assert.equal(failureOf(await h.op("ListProfiles", {}, alice)).type, "AccessDeniedException");
      await storeIsEmpty(h);
      assert.equal((await h.op("ListProfiles", {})).status, 200, "the root still may");
    });

    test("bad requests are a 4xx with a useful message, never a 5xx, and write nothing", async (t) => {
      const h = await startHarness(t, { backend });
      const json = { "content-type": "application/json" };
      const cases = [
        {
          name: "malformed JSON",
          request: { method: "POST", path: "/trustanchors", headers: json, body: '{"name": "a",' },
          expect: [400, "SerializationException", /not valid JSON/],
        },
        {
          name: "a body that is not an object",
          request: { method: "POST", path: "/profiles", headers: json, body: "[1,2]" },
          expect: [400, "SerializationException", /must be a JSON object, found/],
        },
        {
          name: "a wrong type",
          request: {
            method: "POST",
            path: "/profiles",
            headers: json,
            body: JSON.stringify({ name: 5, roleArns: [] }),
          },
          expect: [400, "SerializationException", /'name'/],
        },
        {
          name: "a wrong type in a list",
          request: {
            method: "POST",
            path: "/profiles",
            headers: json,
            body: JSON.stringify({ name: "p", roleArns: "arn:aws:iam::1:role/r" }),
          },
          expect: [400, "SerializationException", /'roleArns'/],
        },
        {
          name: "a missing required member",
          request: { method: "POST", path: "/profiles", headers: json, body: JSON.stringify({ name: "p" }) },
          expect: [400, "ValidationException", /Value null at 'roleArns'/],
        },
        {
          name: "a body over the limit",
          request: {
            method: "POST",
            path: "/trustanchors",
            headers: json,
            body: "x".repeat(DEFAULT_BODY_LIMIT + 1),
          },
          expect: [413, "RequestEntityTooLargeException", /./],
        },
        {
          name: "a pageSize that is not a number",
          request: { method: "GET", path: "/profiles", query: { pageSize: "ten" } },
          expect: [400, "SerializationException", /pageSize/],
        },
        {
          name: "an unknown operation",
          request: { method: "GET", path: "/nothing-here" },
          expect: [404, "UnknownOperationException", /No operation matches GET \/nothing-here/],
        },
        {
          name: "an unsigned request",
          request: { method: "GET", path: "/trustanchors", unsigned: true },
          expect: [403, "MissingAuthenticationTokenException", /./],
        },
        {
          name: "a signature with the wrong secret",
          request: { method: "GET", path: "/trustanchors", secret: "x".repeat(40) },
          expect: [403, "InvalidSignatureException", /signature/i],
        },
      ] as const;
      for (const x of cases) {
        const failure = failureOf(await h.raw(x.request));
        assert.equal(failure.status, x.expect[0], x.name);
        assert.equal(failure.type, x.expect[1], x.name);
        assert.match(failure.message, x.expect[2], x.name);
      }
      assert.equal(cases.length, 10);
      await storeIsEmpty(h);
    });
  });
}
