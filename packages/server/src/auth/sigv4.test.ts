import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { test } from "node:test";
import { AnchorageError, type ErrorCode } from "../http/errors.js";
import {
  ACCESS_KEY_ID,
  NOW,
  presign,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN,
  signHeader,
  TEMP_ACCESS_KEY_ID,
  TEMP_SECRET_ACCESS_KEY,
  type PlainRequest,
} from "./client-requests.fixture.js";
import {
  minutes,
  PRINCIPAL,
  REJECTIONS,
  SECRETS,
  TEMP_PRINCIPAL,
  testResolver,
  type Templates,
} from "./rejections.fixture.js";
import { authenticateSigV4, sigv4Authenticator, type SignedRequest, type SigV4Options } from "./sigv4.js";

const HOST = "127.0.0.1:7911";
const LATER = minutes(60);
const resolver = testResolver;

const options = (
  overrides: Partial<SigV4Options<typeof PRINCIPAL>> = {},
): SigV4Options<typeof PRINCIPAL> => ({
  resolveCredentials: resolver(),
  now: NOW,
  region: "us-east-1",
  service: "rolesanywhere",
  ...overrides,
});

const CREATE_PROFILE: PlainRequest = {
  method: "POST",
  host: HOST,
  path: "/profiles",
  headers: { "content-type": "application/json" },
  body: '{"name":"p","roleArns":["arn:aws:iam::123456789012:role/R"]}',
};
const LIST_ANCHORS: PlainRequest = {
  method: "GET",
  host: HOST,
  path: "/trustanchors",
  query: { pageSize: "5", nextToken: "a/b c" },
};

async function rejects(
  request: Promise<unknown>,
  code: ErrorCode,
  message?: RegExp,
): Promise<AnchorageError> {
  let caught: unknown;
  await assert.rejects(request, (error: unknown) => {
    caught = error;
    return (
      error instanceof AnchorageError &&
      error.code === code &&
      (message === undefined || message.test(error.message))
    );
  });
  return caught as AnchorageError;
}

test("accepts a header-signed POST and says who signed it", async () => {
  const request = await signHeader(CREATE_PROFILE);
  const who = await authenticateSigV4(request, options());
  assert.deepEqual(who, {
    accessKeyId: ACCESS_KEY_ID,
    principal: PRINCIPAL,
    service: "rolesanywhere",
    region: "us-east-1",
    signedAt: NOW,
    form: "header",
    withSessionToken: false,
  });
});

test("accepts a header-signed GET with a query, and the payload hash instead of the body", async () => {
  const request = await signHeader(LIST_ANCHORS);
  assert.equal((await authenticateSigV4(request, options())).form, "header");
  const { body, ...withoutBody } = request;
  const byHash: SignedRequest = {
    ...withoutBody,
    payloadSha256: createHash("sha256").update(body).digest("hex"),
  };
  assert.equal((await authenticateSigV4(byHash, options())).principal, PRINCIPAL);
});

test("temporary credentials: the session token reaches the seam and expiry is reported", async () => {
  const calls: Array<{ accessKeyId: string; sessionToken?: string }> = [];
  const request = await signHeader(LIST_ANCHORS, {
    accessKeyId: TEMP_ACCESS_KEY_ID,
    secretAccessKey: TEMP_SECRET_ACCESS_KEY,
    sessionToken: SESSION_TOKEN,
  });
  const who = await authenticateSigV4(request, options({ resolveCredentials: resolver(calls) }));
  assert.deepEqual(calls, [{ accessKeyId: TEMP_ACCESS_KEY_ID, sessionToken: SESSION_TOKEN }]);
  assert.deepEqual([who.principal, who.withSessionToken, who.expiresAt], [TEMP_PRINCIPAL, true, LATER]);
});

test("accepts a presigned URL, with and without a session token", async () => {
  const plain = await presign(LIST_ANCHORS);
  assert.equal((await authenticateSigV4(plain, options())).form, "presigned");
  const temp = await presign(
    { method: "GET", host: HOST, path: "/", query: { Action: "GetCallerIdentity", Version: "2011-06-15" } },
    {
      accessKeyId: TEMP_ACCESS_KEY_ID,
      secretAccessKey: TEMP_SECRET_ACCESS_KEY,
      sessionToken: SESSION_TOKEN,
      service: "sts",
    },
  );
  assert.match(temp.rawUrl, /X-Amz-Security-Token=/);
  const who = await authenticateSigV4(temp, options({ service: ["sts"] }));
  assert.deepEqual([who.form, who.service, who.principal], ["presigned", "sts", TEMP_PRINCIPAL]);
});

test("accepts the Date header in place of X-Amz-Date (checked against an independent HMAC chain)", async () => {
  const date = "Wed, 01 May 2024 12:00:00 GMT";
  const canonical = [
    "GET",
    "/trustanchors",
    "",
    `date:${date}`,
    `host:${HOST}`,
    "",
    "date;host",
    createHash("sha256").digest("hex"),
  ].join("\n");
  const scope = "20240501/us-east-1/rolesanywhere/aws4_request";
  const stringToSign = [
    "AWS4-HMAC-SHA256",
    "20240501T120000Z",
    scope,
    createHash("sha256").update(canonical).digest("hex"),
  ].join("\n");
  const key = ["20240501", "us-east-1", "rolesanywhere", "aws4_request"].reduce<Buffer>(
    (k, part) => createHmac("sha256", k).update(part).digest(),
    Buffer.from(`AWS4${SECRET_ACCESS_KEY}`),
  );
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  const request: SignedRequest = {
    method: "GET",
    rawUrl: "/trustanchors",
    headers: {
      Host: HOST,
      Date: date,
      Authorization: `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/${scope}, SignedHeaders=date;host, Signature=${signature}`,
    },
    body: Buffer.alloc(0),
  };
  assert.equal((await authenticateSigV4(request, options())).signedAt.getTime(), NOW.getTime());
});

test("IAM and STS may sign with us-east-1 whatever the server's region; other services may not", async () => {
  const iam = await signHeader(
    { method: "POST", host: HOST, path: "/", body: "Action=ListRoles&Version=2010-05-08" },
    { service: "iam" },
  );
  assert.equal(
    (await authenticateSigV4(iam, options({ region: "eu-west-1", service: ["iam", "sts"] }))).region,
    "us-east-1",
  );
  const regional = await signHeader(
    { method: "POST", host: HOST, path: "/", body: "Action=ListRoles" },
    { service: "iam", region: "eu-west-1" },
  );
  assert.equal(
    (await authenticateSigV4(regional, options({ region: "eu-west-1", service: "iam" }))).region,
    "eu-west-1",
  );
  const ra = await signHeader(LIST_ANCHORS);
  await rejects(
    authenticateSigV4(ra, options({ region: "eu-west-1" })),
    "SignatureDoesNotMatch",
    /^Credential should be scoped to a valid region: this server's region is 'eu-west-1', not 'us-east-1'\.$/,
  );
});

test("x-amz-content-sha256 must be the body's hash; UNSIGNED-PAYLOAD is refused", async () => {
  const hash = createHash("sha256")
    .update(CREATE_PROFILE.body ?? "")
    .digest("hex");
  const good = await signHeader({
    ...CREATE_PROFILE,
    headers: { ...CREATE_PROFILE.headers, "x-amz-content-sha256": hash },
  });
  assert.equal((await authenticateSigV4(good, options())).form, "header");
  const wrong = await signHeader({ ...CREATE_PROFILE, headers: { "x-amz-content-sha256": "0".repeat(64) } });
  await rejects(
    authenticateSigV4(wrong, options()),
    "SignatureDoesNotMatch",
    /x-amz-content-sha256' header does not match/,
  );
  const unsigned = await signHeader({
    ...CREATE_PROFILE,
    headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
  });
  await rejects(
    authenticateSigV4(unsigned, options()),
    "SignatureDoesNotMatch",
    /only accepted by Amazon S3/,
  );
});

const TEMPLATES: Templates = { get: LIST_ANCHORS, post: CREATE_PROFILE, service: "rolesanywhere" };

test("every rejection has its code and message, consults the key store only when due, reveals no secret", async (t) => {
  t.plan(REJECTIONS.length);
  for (const rejection of REJECTIONS) {
    const calls: Array<{ accessKeyId: string; sessionToken?: string }> = [];
    const request = await rejection.request(TEMPLATES);
    const opts = options({
      resolveCredentials: testResolver(calls, rejection.expiredCredentials ? minutes(-1) : minutes(60)),
    });
    let outcome = "accepted";
    try {
      await authenticateSigV4(request, opts);
    } catch (error) {
      const e = error as AnchorageError;
      const shown = `${e.message} ${JSON.stringify(e.detail ?? {})}`;
      const leaked = SECRETS.filter((secret) => shown.includes(secret));
      const expected =
        e instanceof AnchorageError && e.code === rejection.code && rejection.message.test(e.message);
      outcome =
        expected && leaked.length === 0
          ? "as expected"
          : `${e.code}: ${e.message} (leaked: ${leaked.join(",")})`;
    }
    t.assert.deepEqual(
      { outcome, looksUp: calls.length > 0 },
      { outcome: "as expected", looksUp: rejection.looksUp },
      rejection.name,
    );
  }
});

test("a signature mismatch logs the canonical request with the session token redacted", async () => {
  const request = await signHeader(LIST_ANCHORS, {
    accessKeyId: TEMP_ACCESS_KEY_ID,
    secretAccessKey: "wrong-secret-wrong-secret-wrong-secret-00",
    sessionToken: SESSION_TOKEN,
  });
  const error = await rejects(authenticateSigV4(request, options()), "SignatureDoesNotMatch");
  const canonical = String(error.detail?.["canonicalRequest"]);
  assert.match(canonical, /^GET\n\/trustanchors\nnextToken=a%2Fb%20c&pageSize=5\n/);
  assert.match(canonical, /x-amz-security-token:\[redacted\]/);
  assert.ok(!canonical.includes(SESSION_TOKEN));
  assert.match(
    String(error.detail?.["stringToSign"]),
    /^AWS4-HMAC-SHA256\n20240501T120000Z\n20240501\/us-east-1\/rolesanywhere\/aws4_request\n[0-9a-f]{64}$/,
  );
});

test("sigv4Authenticator reads the clock per request and passes the route's services", async () => {
  let now = NOW;
  const authenticate = sigv4Authenticator({
    resolveCredentials: resolver(),
    clock: () => now,
    region: "us-east-1",
  });
  const request = await signHeader(LIST_ANCHORS);
  assert.equal((await authenticate(request, ["rolesanywhere"])).accessKeyId, ACCESS_KEY_ID);
  await rejects(authenticate(request, ["iam"]), "SignatureDoesNotMatch", /correct service: 'iam'/);
  now = minutes(10);
  await rejects(authenticate(request, ["rolesanywhere"]), "SignatureDoesNotMatch", /^Signature expired/);
});
