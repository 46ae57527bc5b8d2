import assert from "node:assert/strict";
import { test } from "node:test";

import { ROLESANYWHERE_MODEL } from "../generated/rolesanywhere.js";
import { UnknownOperationError } from "./errors.js";
import { compileTemplate, listRestJsonRoutes, matchTemplate, routeRestJson } from "./rest-json-router.js";

const ID = "0b7d0c6e-1111-2222-3333-444455556666";
const ANCHOR_ARN = `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/${ID}`;

// One request per operation, as the SDK and the CLI send them.
const SAMPLES: readonly [method: string, url: string, operation: string, labels: Record<string, string>][] = [
  ["POST", "/trustanchors", "CreateTrustAnchor", {}],
  ["GET", `/trustanchor/${ID}`, "GetTrustAnchor", { trustAnchorId: ID }],
  ["PATCH", `/trustanchor/${ID}`, "UpdateTrustAnchor", { trustAnchorId: ID }],
  ["DELETE", `/trustanchor/${ID}`, "DeleteTrustAnchor", { trustAnchorId: ID }],
  ["POST", `/trustanchor/${ID}/enable`, "EnableTrustAnchor", { trustAnchorId: ID }],
  ["POST", `/trustanchor/${ID}/disable`, "DisableTrustAnchor", { trustAnchorId: ID }],
  ["GET", "/trustanchors?nextToken=abc&pageSize=10", "ListTrustAnchors", {}],
  ["POST", "/profiles", "CreateProfile", {}],
  ["GET", `/profile/${ID}`, "GetProfile", { profileId: ID }],
  ["PATCH", `/profile/${ID}`, "UpdateProfile", { profileId: ID }],
  ["DELETE", `/profile/${ID}`, "DeleteProfile", { profileId: ID }],
  ["POST", `/profile/${ID}/enable`, "EnableProfile", { profileId: ID }],
  ["POST", `/profile/${ID}/disable`, "DisableProfile", { profileId: ID }],
  ["GET", "/profiles", "ListProfiles", {}],
  ["PUT", `/profiles/${ID}/mappings`, "PutAttributeMapping", { profileId: ID }],
  [
    "DELETE",
    `/profiles/${ID}/mappings?certificateField=x509SAN&specifiers=DNS&specifiers=URI`,
    "DeleteAttributeMapping",
    { profileId: ID },
  ],
  ["POST", "/crls", "ImportCrl", {}],
  ["GET", `/crl/${ID}`, "GetCrl", { crlId: ID }],
  ["PATCH", `/crl/${ID}`, "UpdateCrl", { crlId: ID }],
  ["DELETE", `/crl/${ID}`, "DeleteCrl", { crlId: ID }],
  ["POST", `/crl/${ID}/enable`, "EnableCrl", { crlId: ID }],
  ["POST", `/crl/${ID}/disable`, "DisableCrl", { crlId: ID }],
  ["GET", "/crls?pageSize=5", "ListCrls", {}],
  ["GET", `/subject/${ID}`, "GetSubject", { subjectId: ID }],
  ["GET", "/subjects", "ListSubjects", {}],
  ["GET", `/ListTagsForResource?resourceArn=${encodeURIComponent(ANCHOR_ARN)}`, "ListTagsForResource", {}],
  ["POST", "/TagResource", "TagResource", {}],
  ["POST", "/UntagResource", "UntagResource", {}],
  ["PATCH", "/put-notifications-settings", "PutNotificationSettings", {}],
  ["PATCH", "/reset-notifications-settings", "ResetNotificationSettings", {}],
];

test("the router resolves all 30 Roles Anywhere operations", () => {
  assert.equal(SAMPLES.length, 30);
  const seen = new Set<string>();
  for (const [method, url, operation, labels] of SAMPLES) {
    const u = new URL(url, "http://localhost");
    const match = routeRestJson(ROLESANYWHERE_MODEL, method, u.pathname, u.searchParams);
    assert.deepEqual(match, { operation, labels }, `${method} ${url}`);
    seen.add(match.operation);
  }
  assert.deepEqual([...seen].sort(), Object.keys(ROLESANYWHERE_MODEL.operations).sort());
});

test("method names are matched case-insensitively", () => {
  assert.equal(routeRestJson(ROLESANYWHERE_MODEL, "get", "/profiles").operation, "ListProfiles");
});

const UNKNOWN: readonly [method: string, path: string, allowed: readonly string[], message: string][] = [
  ["GET", "/nothing", [], "No operation matches GET /nothing"],
  ["PUT", "/trustanchors", ["GET", "POST"], "PUT is not supported on /trustanchors; use GET or POST"],
  ["GET", "/trustanchor/", [], "No operation matches GET /trustanchor/"],
  ["GET", "/trustanchors/", [], "No operation matches GET /trustanchors/"],
  ["GET", `/trustanchor/${ID}/extra`, [], `No operation matches GET /trustanchor/${ID}/extra`],
  [
    "POST",
    `/trustanchor/${ID}`,
    ["DELETE", "GET", "PATCH"],
    `POST is not supported on /trustanchor/${ID}; use DELETE or GET or PATCH`,
  ],
  ["GET", "trustanchors", [], "No operation matches GET trustanchors"],
];

test("an unknown route is an UnknownOperationError saying which methods the path takes", () => {
  assert.equal(UNKNOWN.length, 7);
  for (const [method, path, allowed, message] of UNKNOWN) {
    assert.throws(
      () => routeRestJson(ROLESANYWHERE_MODEL, method, path),
      (error: unknown) =>
        error instanceof UnknownOperationError &&
        error.message === message &&
        JSON.stringify(error.allowedMethods) === JSON.stringify(allowed),
      `${method} ${path}`,
    );
  }
});

test("templates: greedy labels, static query parts, raw labels", () => {
  const greedy = compileTemplate("GetObject", "GET", "/{Bucket}/{Key+}");
  assert.deepEqual(matchTemplate(greedy, "/b/a/b%2Fc/d"), { Bucket: "b", Key: "a/b%2Fc/d" });
  assert.equal(matchTemplate(greedy, "/b/"), undefined);
  const withQuery = compileTemplate("GetAcl", "GET", "/{Bucket}?acl");
  assert.deepEqual(matchTemplate(withQuery, "/b", new URLSearchParams("acl")), { Bucket: "b" });
  assert.equal(matchTemplate(withQuery, "/b", new URLSearchParams("x=1")), undefined);
  const valued = compileTemplate("List", "GET", "/?list-type=2");
  assert.deepEqual(matchTemplate(valued, "/", new URLSearchParams("list-type=2")), {});
  assert.equal(matchTemplate(valued, "/", new URLSearchParams("list-type=1")), undefined);
});

test("listRestJsonRoutes gives every operation's route for a framework, most specific first", () => {
  const routes = listRestJsonRoutes(ROLESANYWHERE_MODEL);
  assert.equal(routes.length, 30);
  const byOperation = new Map(routes.map((r) => [r.operation, r]));
  assert.deepEqual(byOperation.get("DeleteAttributeMapping"), {
    operation: "DeleteAttributeMapping",
    method: "DELETE",
    template: "/profiles/{profileId}/mappings",
    fastifyUrl: "/profiles/:profileId/mappings",
  });
  assert.equal(byOperation.get("GetTrustAnchor")?.fastifyUrl, "/trustanchor/:trustAnchorId");
  assert.equal(byOperation.get("ListTagsForResource")?.fastifyUrl, "/ListTagsForResource");
  const literals = routes.map(
    (r) => r.template.split("/").filter((s) => s !== "" && !s.startsWith("{")).length,
  );
  assert.deepEqual(
    literals,
    [...literals].sort((a, b) => b - a),
  );
});
