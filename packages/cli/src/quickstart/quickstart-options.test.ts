import assert from "node:assert/strict";
import { test } from "node:test";
import { quickstartSettings, QuickstartUsageError } from "./quickstart-options.js";

test("defaults: ./anchorage-quickstart made absolute, a free port, us-east-1, stop at the end", () => {
  assert.deepEqual(quickstartSettings({}, "/home/me"), {
    dir: "/home/me/anchorage-quickstart",
    port: 0,
    region: "us-east-1",
    keepRunning: false,
  });
  assert.deepEqual(
    quickstartSettings({ dir: "/tmp/q/", port: "7911", region: "eu-west-1", keepRunning: true }, "/x"),
    {
      dir: "/tmp/q",
      port: 7911,
      region: "eu-west-1",
      keepRunning: true,
    },
  );
});

test("bad values are usage errors naming the flag", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ port: "70000" }, /--port must be a port number/],
    [{ port: "http" }, /--port must be a port number/],
    [{ region: "mars" }, /--region must be an AWS region/],
    [{ dir: " " }, /--dir must not be empty/],
  ];
  assert.equal(cases.length, 4);
  for (const [flags, message] of cases)
    assert.throws(
      () => quickstartSettings(flags, "/"),
      (e: unknown) => e instanceof QuickstartUsageError && message.test(e.message),
    );
});
