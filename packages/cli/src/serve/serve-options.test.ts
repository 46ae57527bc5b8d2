import assert from "node:assert/strict";
import test from "node:test";
import { baseUrl, CREDENTIAL_OPTIONS, isLoopback, resolveServeSettings } from "./serve-options.js";

test("defaults are the helper's: 127.0.0.1:9911, hop limit 64", () => {
  assert.deepEqual(resolveServeSettings({}), { port: 9911, host: "127.0.0.1", hopLimit: 64, ecs: false });
});

test("--host / --bind take IPv4 and IPv6 (bracketed or not)", () => {
  assert.equal(resolveServeSettings({ host: "::1" }).host, "::1");
  assert.equal(resolveServeSettings({ bind: "[::1]" }).host, "::1");
  assert.equal(resolveServeSettings({ host: "0.0.0.0", bind: "0.0.0.0" }).host, "0.0.0.0");
  assert.throws(() => resolveServeSettings({ host: "example.com" }), /not an IPv4 or IPv6 address/);
  assert.throws(() => resolveServeSettings({ port: "-1" }), /--port "-1"/);
  assert.throws(() => resolveServeSettings({ hopLimit: "256" }), /--hop-limit "256"/);
});

test("the URL to export: IPv6 bracketed, the unspecified address as loopback", () => {
  assert.equal(baseUrl("127.0.0.1", 9911), "http://127.0.0.1:9911/");
  assert.equal(baseUrl("::1", 80), "http://[::1]:80/");
  assert.equal(baseUrl("0.0.0.0", 1), "http://127.0.0.1:1/");
  assert.equal(baseUrl("::", 1), "http://[::1]:1/");
  assert.deepEqual(["127.0.0.2", "::1", "10.0.0.1"].map(isLoopback), [true, true, false]);
});

test("serve and update take every credential-process flag but --cache", () => {
  assert.ok(!CREDENTIAL_OPTIONS.some((o) => o.name === "cache"));
  assert.ok(CREDENTIAL_OPTIONS.some((o) => o.name === "trust-anchor-arn"));
});
