// The IAM client over the network seam: what goes on the wire, how answers and errors are read.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { HttpSend, WireRequest } from "../../aws/http-send.js";
import { AwsApiError } from "../../aws/signed-request.js";
import { IamApi } from "./iam-api.js";
import { formEncode } from "./query-call.js";

const TRUST =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":"sts:AssumeRole"}]}';

function fake(status: number, xml: string): { send: HttpSend; sent: WireRequest[] } {
  const sent: WireRequest[] = [];
  return {
    sent,
    send: async (request) => {
      sent.push(request);
      return { status, headers: { "x-amzn-requestid": "r-9" }, body: Buffer.from(xml) };
    },
  };
}

const client = (send: HttpSend) =>
  new IamApi({
    endpoint: new URL("http://127.0.0.1:7911"),
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test" },
    now: () => new Date("2026-01-15T12:00:00Z"),
    send,
  });

test("GetRole: a signed form POST; the role with its trust policy decoded", async () => {
  const { send, sent } = fake(
    200,
    `<GetRoleResponse><GetRoleResult><Role><Path>/</Path><AssumeRolePolicyDocument>${encodeURIComponent(TRUST)}</AssumeRolePolicyDocument><MaxSessionDuration>7200</MaxSessionDuration><RoleName>app</RoleName><Arn>arn:aws:iam::123456789012:role/app</Arn></Role></GetRoleResult></GetRoleResponse>`,
  );
  const role = await client(send).getRole("app");
  assert.deepEqual(role, {
    roleName: "app",
    arn: "arn:aws:iam::123456789012:role/app",
    path: "/",
    maxSessionDuration: 7200,
    trustPolicy: TRUST,
  });
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.body?.toString(), "Action=GetRole&Version=2010-05-08&RoleName=app");
  assert.match(
    sent[0]!.headers.authorization ?? "",
    /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260115\/us-east-1\/iam\/aws4_request/,
  );
});

test("an error document becomes AwsApiError with IAM's code", async () => {
  const { send } = fake(
    404,
    "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name app cannot be found.</Message></Error><RequestId>r-9</RequestId></ErrorResponse>",
  );
  await assert.rejects(client(send).getRole("app"), (e: unknown) => {
    assert.ok(e instanceof AwsApiError);
    assert.deepEqual(
      [e.status, e.code, e.serviceMessage, e.requestId],
      [404, "NoSuchEntity", "The role with name app cannot be found.", "r-9"],
    );
    return true;
  });
});

test("form encoding keeps RFC 3986's unreserved characters only", () => {
  assert.equal(
    formEncode({ A: "x y*'()!~._-", "Tags.member.1.Key": "k" }),
    "A=x%20y%2A%27%28%29%21~._-&Tags.member.1.Key=k",
  );
});
