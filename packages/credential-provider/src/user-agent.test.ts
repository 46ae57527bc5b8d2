import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { PACKAGE_VERSION } from "./constants.js";
import { userAgent } from "./user-agent.js";

test("the User-Agent has the helper's shape with our product and node's facts", () => {
  assert.equal(
    userAgent("anchorage", "1.2.3", { versions: { node: "20.20.2" }, platform: "linux", arch: "x64" }),
    "anchorage/1.2.3 (node 20.20.2; linux; x64)",
  );
  assert.equal(
    userAgent(),
    `anchorage/${PACKAGE_VERSION} (node ${process.versions.node}; ${process.platform}; ${process.arch})`,
  );
});

test("PACKAGE_VERSION is package.json's version", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  assert.equal(PACKAGE_VERSION, pkg.version);
});
