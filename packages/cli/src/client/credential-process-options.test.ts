import assert from "node:assert/strict";
import test from "node:test";
import { camelCase, CREDENTIAL_PROCESS_OPTIONS, flagsFromValues } from "./credential-process-options.js";

test("18 flags: the helper v1.4's 13, --pkcs8-password, --passphrase-file, the helper's --pkcs11-lib and --reuse-pin, and --cache", () => {
  assert.deepEqual(
    CREDENTIAL_PROCESS_OPTIONS.map((o) => o.name),
    [
      "certificate",
      "private-key",
      "intermediates",
      "trust-anchor-arn",
      "profile-arn",
      "role-arn",
      "session-duration",
      "role-session-name",
      "region",
      "endpoint",
      "no-verify-ssl",
      "with-proxy",
      "debug",
      "pkcs8-password",
      "passphrase-file",
      "pkcs11-lib",
      "reuse-pin",
      "cache",
    ],
  );
});

test("parseArgs values become commander's shape: camel case, --no-verify-ssl as verifySsl: false", () => {
  assert.equal(camelCase("trust-anchor-arn"), "trustAnchorArn");
  assert.deepEqual(
    flagsFromValues({ "trust-anchor-arn": "a", "no-verify-ssl": true, "with-proxy": true, debug: undefined }),
    { trustAnchorArn: "a", verifySsl: false, withProxy: true },
  );
  assert.deepEqual(flagsFromValues({}), {});
});
