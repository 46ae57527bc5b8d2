import assert from "node:assert/strict";
import { test } from "node:test";
import {
  awsConfigSection,
  credentialProcessArgv,
  credentialProcessLine,
  parseProcessCredentials,
} from "./credential-process-line.js";

const TARGET = {
  bin: "/opt/anchorage/bin/anchorage.js",
  certificate: "/home/me/my quickstart/client/quickstart-client.cert.pem",
  privateKey: "/home/me/my quickstart/client/quickstart-client.key.pem",
  trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/a",
  profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/p",
  roleArn: "arn:aws:iam::123456789012:role/anchorage-quickstart",
  endpoint: "http://127.0.0.1:7911",
  region: "us-east-1",
};

test("the config line quotes what the AWS CLI would split, and matches the argv", () => {
  const line = credentialProcessLine(TARGET);
  assert.equal(
    line,
    "/opt/anchorage/bin/anchorage.js credential-process --certificate '/home/me/my quickstart/client/quickstart-client.cert.pem' --private-key '/home/me/my quickstart/client/quickstart-client.key.pem' --trust-anchor-arn arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/a --profile-arn arn:aws:rolesanywhere:us-east-1:123456789012:profile/p --role-arn arn:aws:iam::123456789012:role/anchorage-quickstart --endpoint http://127.0.0.1:7911 --region us-east-1",
  );
  assert.equal(credentialProcessArgv(TARGET).length, 16);
  const section = awsConfigSection(TARGET);
  assert.deepEqual(section.split("\n").slice(0, 3), [
    "[profile anchorage-quickstart]",
    "region = us-east-1",
    "endpoint_url = http://127.0.0.1:7911",
  ]);
  assert.ok(section.includes(`credential_process = ${line}\n`));
});

test("credential-process output is read, and a wrong shape is refused without quoting secrets", () => {
  const ok = parseProcessCredentials(
    '{"Version":1,"AccessKeyId":"ASIAX","SecretAccessKey":"s3cr3t","SessionToken":"t","Expiration":"2026-01-01T01:00:00Z"}',
  );
  assert.equal(ok.expiration, "2026-01-01T01:00:00Z");
  assert.throws(() => parseProcessCredentials("nope"), /printed no JSON/);
  assert.throws(() => parseProcessCredentials('{"Version":2}'), /Version 2, not 1/);
  assert.throws(
    () =>
      parseProcessCredentials('{"Version":1,"AccessKeyId":"A","SecretAccessKey":"s3cr3t","Expiration":"x"}'),
    (e: unknown) => e instanceof Error && /no SessionToken/.test(e.message) && !e.message.includes("s3cr3t"),
  );
});
