import assert from "node:assert/strict";
import { test } from "node:test";
import { CREDENTIAL_PROCESS_OPTIONS } from "../client/credential-process-options.js";
import { doctorConfig, DoctorUsageError, resourceId, roleName } from "./doctor-config.js";
import { DOCTOR_OPTIONS } from "./doctor-options.js";

const ANCHOR =
  "arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/4f1b6f2e-0000-4000-8000-000000000001";
const PROFILE = "arn:aws:rolesanywhere:eu-west-1:123456789012:profile/4f1b6f2e-0000-4000-8000-000000000002";
const ROLE = "arn:aws:iam::123456789012:role/team/app";
const FLAGS = {
  certificate: "c.pem",
  privateKey: "k.pem",
  trustAnchorArn: ANCHOR,
  profileArn: PROFILE,
  roleArn: ROLE,
};

test("defaults follow credential-process: region from the anchor ARN, 3600 s, AWS's endpoint", () => {
  const c = doctorConfig(FLAGS);
  assert.deepEqual(
    [
      c.session.region,
      c.session.durationSeconds,
      c.durationFromFlag,
      c.session.endpoint.href,
      c.accountId,
      c.partition,
    ],
    ["eu-west-1", 3600, false, "https://rolesanywhere.eu-west-1.amazonaws.com/", "123456789012", "aws"],
  );
  assert.deepEqual([c.verifySsl, c.json, c.material.passphrase], [true, false, undefined]);
});

test("bad usage is a DoctorUsageError naming the flag", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ certificate: "" }, /--certificate is required/],
    [{ trustAnchorArn: "nope" }, /--trust-anchor-arn/],
    [{ sessionDuration: "1h" }, /--session-duration "1h" is not a whole number/],
    [{ sessionDuration: "60" }, /--session-duration/],
    [{ iamEndpoint: "not a url" }, /--iam-endpoint "not a url" is not a URL/],
    [{ iamEndpoint: "ftp://x" }, /must be http\(s\)/],
  ];
  assert.equal(cases.length, 6);
  for (const [change, message] of cases)
    assert.throws(
      () => doctorConfig({ ...FLAGS, ...change }),
      (e: unknown) => e instanceof DoctorUsageError && message.test(e.message),
    );
});

test("ids and role names come from the ARNs (the role's path dropped)", () => {
  assert.deepEqual([resourceId(ANCHOR), roleName(ROLE)], ["4f1b6f2e-0000-4000-8000-000000000001", "app"]);
});

test("every credential-process flag is a doctor flag, so a credential_process line can be pasted", () => {
  const names = new Set(DOCTOR_OPTIONS.map((o) => o.name));
  assert.equal(CREDENTIAL_PROCESS_OPTIONS.length > 15, true);
  for (const o of CREDENTIAL_PROCESS_OPTIONS) assert.ok(names.has(o.name), o.name);
  assert.match(DOCTOR_OPTIONS.find((o) => o.name === "cache")?.description ?? "", /^ignored/);
});
