import assert from "node:assert/strict";
import test from "node:test";
import { cleanPath, routeImds } from "./imds-paths.js";

const ROUTES: readonly [string, ReturnType<typeof routeImds>][] = [
  ["/latest/api/token", { kind: "token" }],
  ["/latest/api/token/", { kind: "not-found" }],
  ["/latest/meta-data/iam/security-credentials/test-role", { kind: "credentials" }],
  ["/latest/meta-data/iam/security-credentials/", { kind: "role-name" }],
  ["/latest/meta-data/iam/security-credentials/other-role", { kind: "role-name" }],
  ["/latest/meta-data/iam/security-credentials/test-role/", { kind: "role-name" }],
  [
    "/latest/meta-data/iam/security-credentials",
    { kind: "redirect", location: "/latest/meta-data/iam/security-credentials/" },
  ],
  ["/latest/meta-data/", { kind: "not-found" }],
  ["/", { kind: "not-found" }],
  ["//latest/api/token", { kind: "redirect", location: "/latest/api/token" }],
  ["/latest/./api/token", { kind: "redirect", location: "/latest/api/token" }],
  ["/x/../latest/api/token", { kind: "redirect", location: "/latest/api/token" }],
];

test("routes as the helper v1.4's ServeMux (serve.json's paths and Go's path cleaning)", () => {
  let n = 0;
  for (const [path, route] of ROUTES) {
    assert.deepEqual(routeImds(path, "test-role"), route, path);
    n++;
  }
  assert.equal(n, ROUTES.length);
});

test("cleanPath keeps a trailing slash and never climbs above the root", () => {
  assert.equal(cleanPath("/a/b/"), "/a/b/");
  assert.equal(cleanPath("/../../a"), "/a");
  assert.equal(cleanPath(""), "/");
  assert.equal(cleanPath("/"), "/");
});
