import assert from "node:assert/strict";
import test from "node:test";
import { formatEcsCredentials, formatImdsCredentials, goTime } from "./imds-credentials-json.js";

const CREDENTIALS = {
  accessKeyId: "ASIAEXAMPLEACCESSKEY",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+Zz=",
  sessionToken: "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN/abc+def==",
  expiration: "2045-01-01T00:00:00Z",
};

test("the IMDS document is serve.json's body byte for byte (pinned clock)", () => {
  assert.equal(
    formatImdsCredentials(CREDENTIALS, Date.parse("2026-01-15T12:00:00Z")),
    '{"AccessKeyId":"ASIAEXAMPLEACCESSKEY","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+Zz=","Token":"IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN/abc+def==","Code":"Success","Type":"AWS-HMAC","Expiration":"2045-01-01T00:00:00Z","LastUpdated":"2026-01-15T12:00:00Z"}\n',
  );
});

test("Go's time form: whole seconds bare, fractions kept; Go's HTML escaping", () => {
  assert.equal(goTime(Date.parse("2026-01-15T12:00:00.250Z")), "2026-01-15T12:00:00.250Z");
  assert.match(formatImdsCredentials({ ...CREDENTIALS, sessionToken: "a<b" }, 0), /"Token":"a\\u003cb"/);
});

test("the ECS document has the four fields the SDKs read, and the role", () => {
  assert.deepEqual(JSON.parse(formatEcsCredentials(CREDENTIALS, "arn:aws:iam::1:role/r")), {
    AccessKeyId: CREDENTIALS.accessKeyId,
    SecretAccessKey: CREDENTIALS.secretAccessKey,
    Token: CREDENTIALS.sessionToken,
    Expiration: "2045-01-01T00:00:00Z",
    RoleArn: "arn:aws:iam::1:role/r",
  });
});
