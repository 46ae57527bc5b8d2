import { test } from "node:test";
import { routeConfigProblem, type ServiceRouteConfig } from "./route-config.js";

const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const CASES: ReadonlyArray<
  readonly [string, Partial<ServiceRouteConfig> | undefined, boolean, RegExp | undefined]
> = [
  [
    "a rest-json route with auth",
    { protocol: "rest-json", auth: { services: ["rolesanywhere"] } },
    true,
    undefined,
  ],
  ["an unauthenticated json route", { protocol: "json", auth: "none" }, false, undefined],
  [
    "a query route with its namespace",
    { protocol: "query", auth: { services: ["iam"] }, xmlNamespace: IAM_NS },
    true,
    undefined,
  ],
  ["no config", undefined, true, /config\.protocol/],
  ["an unknown protocol", { protocol: "xml" as "query", auth: "none" }, true, /config\.protocol/],
  ["no auth", { protocol: "rest-json" }, true, /config\.auth must be/],
  ["no services", { protocol: "rest-json", auth: { services: [] } }, true, /must list the signing names/],
  [
    "auth without an authenticator",
    { protocol: "rest-json", auth: { services: ["rolesanywhere"] } },
    false,
    /no authenticate/,
  ],
  ["a query route without namespace", { protocol: "query", auth: "none" }, true, /xmlNamespace/],
];

test("route configs are checked when routes are registered", (t) => {
  t.plan(CASES.length);
  for (const [name, config, canAuthenticate, problem] of CASES) {
    const found = routeConfigProblem(config, canAuthenticate);
    const ok = problem === undefined ? found === undefined : found !== undefined && problem.test(found);
    t.assert.equal(ok, true, `${name}: ${found}`);
  }
});
