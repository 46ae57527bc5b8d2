import assert from "node:assert/strict";
import { test } from "node:test";
import {
  formatCreateSessionResponse,
  formatExpiration,
  parseCreateSessionResponse,
  type CreateSessionResponse,
} from "./create-session-response.js";

const RESPONSE: CreateSessionResponse = {
  credentialSet: [
    {
      assumedRoleUser: {
        arn: "arn:aws:sts::123456789012:assumed-role/MyRole/1002",
        assumedRoleId: "AROAEXAMPLE:1002",
      },
      credentials: {
        accessKeyId: "ASIAEXAMPLEEXAMPLE12",
        expiration: "2024-01-01T13:00:00Z",
        secretAccessKey: "secret",
        sessionToken: "token",
      },
      packedPolicySize: 12,
      roleArn: "arn:aws:iam::123456789012:role/MyRole",
      sourceIdentity: "CN=host1",
    },
  ],
  subjectArn: "arn:aws:rolesanywhere:us-east-1:123456789012:subject/41cl0bae-6783-40d4-ab20-65dc5d922e45",
};

test("the body is AWS's, members in AWS's order", () => {
  assert.equal(
    formatCreateSessionResponse(RESPONSE),
    '{"credentialSet":[{"assumedRoleUser":{"arn":"arn:aws:sts::123456789012:assumed-role/MyRole/1002","assumedRoleId":"AROAEXAMPLE:1002"},"credentials":{"accessKeyId":"ASIAEXAMPLEEXAMPLE12","expiration":"2024-01-01T13:00:00Z","secretAccessKey":"secret","sessionToken":"token"},"packedPolicySize":12,"roleArn":"arn:aws:iam::123456789012:role/MyRole","sourceIdentity":"CN=host1"}],"subjectArn":"arn:aws:rolesanywhere:us-east-1:123456789012:subject/41cl0bae-6783-40d4-ab20-65dc5d922e45"}',
  );
});

test("format and parse are a pair", () => {
  assert.deepEqual(parseCreateSessionResponse(formatCreateSessionResponse(RESPONSE)), RESPONSE);
});

test("expiration is RFC 3339 UTC with whole seconds", () => {
  assert.equal(formatExpiration(new Date("2024-01-01T13:00:00.999Z")), "2024-01-01T13:00:00Z");
});

test("parse names what is missing", () => {
  assert.throws(() => parseCreateSessionResponse("{}"), /no credentialSet/);
  assert.throws(
    () => parseCreateSessionResponse('{"credentialSet":[{}],"subjectArn":"x"}'),
    /credentialSet\[0\]/,
  );
  const noArn = JSON.parse(formatCreateSessionResponse(RESPONSE)) as Record<string, unknown>;
  delete noArn.subjectArn;
  assert.throws(() => parseCreateSessionResponse(JSON.stringify(noArn)), /subjectArn/);
});
