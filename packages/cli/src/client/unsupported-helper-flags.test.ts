import assert from "node:assert/strict";
import { test } from "node:test";

import { UNSUPPORTED_HELPER_FLAGS, unsupportedHelperFlag } from "./unsupported-helper-flags.js";
import { CREDENTIAL_PROCESS_OPTIONS } from "./credential-process-options.js";

test("each refused helper flag is named in its message, with what to use instead", () => {
  assert.deepEqual(Object.keys(UNSUPPORTED_HELPER_FLAGS).sort(), [
    "cert-selector",
    "no-tpm-key-password",
    "system-store-name",
    "tpm-key-password",
    "use-latest-expiring-certificate",
  ]);
  for (const [name, message] of Object.entries(UNSUPPORTED_HELPER_FLAGS)) {
    assert.ok(message.startsWith(`--${name} `), message);
    assert.match(message, /--certificate|--private-key/);
  }
});

test("no refused flag is also one we accept", () => {
  const accepted = new Set(CREDENTIAL_PROCESS_OPTIONS.map((o) => o.name));
  for (const name of Object.keys(UNSUPPORTED_HELPER_FLAGS)) assert.ok(!accepted.has(name), name);
});

test("finds --flag and --flag=value anywhere before --, and nothing else", () => {
  const cases: [string[], string | undefined][] = [
    [["--cert-selector", "Key=x509Subject,Value=CN=a"], "cert-selector"],
    [["--role-arn", "arn", "--cert-selector=Key=x509Serial,Value=01"], "cert-selector"],
    [["--no-tpm-key-password"], "no-tpm-key-password"],
    [["--system-store-name", "MY", "--tpm-key-password", "x"], "system-store-name"],
    [["--use-latest-expiring-certificate"], "use-latest-expiring-certificate"],
    [["--certificate", "c.pem", "--private-key", "k.pem"], undefined],
    [["--cert-selectors"], undefined],
    [["-cert-selector"], undefined],
    [["--", "--cert-selector"], undefined],
    [["--constructor"], undefined],
    [[], undefined],
  ];
  for (const [args, flag] of cases) {
    assert.equal(
      unsupportedHelperFlag(args),
      flag === undefined ? undefined : UNSUPPORTED_HELPER_FLAGS[flag],
      args.join(" "),
    );
  }
});
