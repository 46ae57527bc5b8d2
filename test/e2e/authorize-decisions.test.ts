// The seeds' scenario end to end at the API level (issue 5 items 5 and 6): a role allowing s3:*,
// a user trusted by it, `aws sts assume-role --policy-arns …AmazonS3ReadOnlyAccess`, then requests
// signed with those credentials to a small downstream HTTP service that asks Anchorage's decision
// API before serving each one: GetObject allowed, PutObject denied, a tampered signature, an
// expired session and an unknown key denied. Plus the API's own authentication, authorization and
// input validation.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runAwsCli } from "./aws-cli.fixture.js";
import {
  AWS_CLI_MISSING,
  aws,
  awsJson,
  createUserWithKey,
  keysOf,
  policy,
  sha256Hex,
  signRequest,
  signedFetch,
  startAnchorage,
  type Anchorage,
  type Keys,
} from "./iam-harness.fixture.js";

let a: Anchorage;
/** The server's clock runs `offsetMs` ahead of the real one (to expire sessions). */
let offsetMs = 0;
const serverNow = () => new Date(Date.now() + offsetMs);
let gate: Keys; // the downstream service's own credentials (anchorage:Authorize)
let session: Keys; // the assumed role session, narrowed to S3 read-only
let downstream: Server;
let downstreamUrl: string;
const seen: { decision: string; reason: string; authentication?: { code: string } }[] = [];

interface Decision {
  decision: string;
  principal: {
    arn: string;
    accountId: string;
    type: string;
    sessionName?: string;
    expiresAt?: string;
  } | null;
  matchedStatements: { policy: string; gate: string; effect: string; start: { line: number } }[];
  reason: string;
  authentication?: { code: string; message: string };
}

/** The downstream service: maps each request to an S3 action and asks Anchorage before serving it. */
function startDownstream(): Promise<Server> {
  const objects = new Map<string, Buffer>([["/bucket/report.csv", Buffer.from("a,b\n1,2\n")]]);
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const [path = "/", query = ""] = (req.url ?? "/").split("?", 2);
    const headers: Record<string, string[]> = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      (headers[(req.rawHeaders[i] ?? "").toLowerCase()] ??= []).push(req.rawHeaders[i + 1] ?? "");
    const action = req.method === "PUT" ? "s3:PutObject" : "s3:GetObject";
    const answer = await signedFetch(
      {
        method: "POST",
        url: `${a.url}/v1/authorize`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          request: { method: req.method, path, query, headers, payloadHash: sha256Hex(body) },
          action,
          resource: `arn:aws:s3:::${path.slice(1)}`,
          context: { "aws:SourceIp": req.socket.remoteAddress ?? "" },
        }),
      },
      gate,
      { service: "anchorage", signingDate: serverNow() },
    );
    const decision = answer.body as Decision;
    seen.push(decision);
    if (answer.status !== 200 || decision.decision !== "Allow") {
      res
        .writeHead(403, { "content-type": "application/xml" })
        .end(`<Error><Code>AccessDenied</Code><Message>${decision.reason}</Message></Error>`);
      return;
    }
    if (req.method === "PUT") objects.set(path, body);
    res.writeHead(200).end(objects.get(path) ?? "");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const s3 = (method: string, key: string, keys: Keys, body?: string, signingDate?: Date) =>
  signRequest(
    { method, url: `${downstreamUrl}/bucket/${key}`, ...(body === undefined ? {} : { body }) },
    keys,
    {
      service: "s3",
      ...(signingDate === undefined ? {} : { signingDate }),
    },
  );

async function send(signed: Awaited<ReturnType<typeof signRequest>>) {
  const response = await fetch(signed.url, {
    method: signed.method,
    headers: signed.headers,
    ...(signed.body === undefined ? {} : { body: signed.body }),
  });
  return { status: response.status, text: await response.text() };
}

describe("the decision API enforces the credentials Anchorage mints", { skip: AWS_CLI_MISSING }, () => {
  before(async () => {
    a = await startAnchorage({ clock: serverNow });
    const alice = await createUserWithKey(a, "alice");
    gate = await createUserWithKey(
      a,
      "gateway",
      policy({ Effect: "Allow", Action: "anchorage:Authorize", Resource: "*" }),
    );
    await awsJson(a, [
      "iam",
      "create-role",
      "--role-name",
      "S3Role",
      "--assume-role-policy-document",
      JSON.stringify(policy({ Effect: "Allow", Principal: { AWS: alice.arn }, Action: "sts:AssumeRole" })),
    ]);
    await awsJson(a, [
      "iam",
      "put-role-policy",
      "--role-name",
      "S3Role",
      "--policy-name",
      "S3All",
      "--policy-document",
      JSON.stringify(policy({ Effect: "Allow", Action: "s3:*", Resource: "*" })),
    ]);
    session = keysOf(
      await awsJson(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          `arn:aws:iam::${a.accountId}:role/S3Role`,
          "--role-session-name",
          "reader",
          "--policy-arns",
          "arn=arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        ],
        alice,
      ),
    );
    downstream = await startDownstream();
    downstreamUrl = `http://127.0.0.1:${(downstream.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((r) => downstream?.close(r));
    await a?.close();
  });

  test("s3:GetObject is allowed: the role allows s3:*, the session policy AmazonS3ReadOnlyAccess allows Get*", async () => {
    const response = await send(await s3("GET", "report.csv", session));
    assert.equal(response.status, 200);
    assert.equal(response.text, "a,b\n1,2\n");
    const d = seen.at(-1) as Decision;
    assert.equal(d.decision, "Allow");
    assert.deepEqual(d.principal, {
      arn: `arn:aws:sts::${a.accountId}:assumed-role/S3Role/reader`,
      accountId: a.accountId,
      type: "AssumedRole",
      sessionName: "reader",
      expiresAt: d.principal?.expiresAt,
    });
    assert.deepEqual(
      d.matchedStatements.map((m) => [m.gate, m.policy, m.effect]),
      [
        ["identity", "S3Role/S3All (inline)", "Allow"],
        ["session", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "Allow"],
      ],
    );
  });

  test("s3:PutObject is denied by the session policy", async () => {
    const response = await send(await s3("PUT", "new.csv", session, "x,y\n"));
    assert.equal(response.status, 403);
    const d = seen.at(-1) as Decision;
    assert.equal(d.decision, "ImplicitDeny");
    assert.match(d.reason, /session polic.*s3:PutObject/);
  });

  test("a tampered signature is denied (SignatureDoesNotMatch)", async () => {
    const signed = await s3("GET", "report.csv", session);
    const authorization = signed.headers.authorization ?? "";
    const last = authorization.at(-1) === "0" ? "1" : "0";
    const response = await send({
      ...signed,
      headers: { ...signed.headers, authorization: `${authorization.slice(0, -1)}${last}` },
    });
    assert.equal(response.status, 403);
    assert.equal(seen.at(-1)?.authentication?.code, "SignatureDoesNotMatch");
    const changedPath = await s3("GET", "report.csv", session);
    assert.equal(
      (await send({ ...changedPath, url: `${downstreamUrl}/bucket/other.csv` })).status,
      403,
      "the signature covers the path",
    );
    assert.equal(seen.at(-1)?.authentication?.code, "SignatureDoesNotMatch");
  });

  test("an unknown key is denied (InvalidClientTokenId)", async () => {
    const response = await send(
      await s3("GET", "report.csv", { accessKeyId: "AKIAAAAAAAAAAAAAAAAA", secretAccessKey: "x".repeat(40) }),
    );
    assert.equal(response.status, 403);
    assert.equal(seen.at(-1)?.authentication?.code, "InvalidClientTokenId");
    const forged = await send(
      await s3("GET", "report.csv", { ...session, sessionToken: `${session.sessionToken ?? ""}A` }),
    );
    assert.equal(forged.status, 403);
    assert.equal(seen.at(-1)?.authentication?.code, "InvalidClientTokenId");
  });

  test("the AWS CLI's own S3 signing (s3api get-object / put-object) goes through the same decisions", async () => {
    const dir = await mkdtemp(join(tmpdir(), "anchorage-s3api-"));
    const env = {
      HOME: dir,
      AWS_ACCESS_KEY_ID: session.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
      AWS_SESSION_TOKEN: session.sessionToken ?? "",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      AWS_MAX_ATTEMPTS: "1",
      AWS_EC2_METADATA_DISABLED: "true",
    };
    const s3api = (...args: string[]) => runAwsCli(["s3api", ...args, "--endpoint-url", downstreamUrl], env);
    try {
      const get = await s3api("get-object", "--bucket", "bucket", "--key", "report.csv", join(dir, "out"));
      assert.equal(get.code, 0, get.stderr);
      assert.equal(await readFile(join(dir, "out"), "utf8"), "a,b\n1,2\n");
      assert.equal(seen.at(-1)?.decision, "Allow");
      await writeFile(join(dir, "in"), "new\n");
      const put = await s3api(
        "put-object",
        "--bucket",
        "bucket",
        "--key",
        "x.csv",
        "--body",
        join(dir, "in"),
      );
      assert.notEqual(put.code, 0);
      assert.match(put.stderr, /AccessDenied/);
      assert.equal(seen.at(-1)?.decision, "ImplicitDeny");
      assert.equal(seen.at(-1)?.authentication, undefined, "the CLI's signature verified; the policy denied");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("the decision API itself: unsigned 403, no anchorage:Authorize 403, bad input 400", async () => {
    const body = JSON.stringify({
      request: { method: "GET", path: "/", headers: {}, payloadHash: sha256Hex("") },
      action: "s3:GetObject",
      resource: "*",
    });
    const unsigned = await fetch(`${a.url}/v1/authorize`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers.get("x-amzn-errortype"), "MissingAuthenticationTokenException");
    const denied = await signedFetch({ method: "POST", url: `${a.url}/v1/authorize`, body }, session, {
      service: "anchorage",
      signingDate: serverNow(),
    });
    assert.equal(denied.status, 403);
    assert.equal(denied.headers.get("x-amzn-errortype"), "AccessDeniedException");
    assert.match(String((denied.body as { message: string }).message), /anchorage:Authorize/);
    const bad: [string, number, string][] = [
      ["{", 400, "SerializationException"],
      [JSON.stringify({ action: "s3:GetObject" }), 400, "ValidationException"],
      [
        JSON.stringify({
          request: { method: "GET", path: "/", headers: {}, payloadHash: sha256Hex("") },
          action: "s3:GetObject",
          resource: "*",
          context: { "aws:PrincipalArn": "x" },
        }),
        400,
        "ValidationException",
      ],
      [
        JSON.stringify({
          request: { method: "GET", path: "/", headers: {}, payloadHash: "00" },
          action: "s3:GetObject",
          resource: "*",
        }),
        400,
        "ValidationException",
      ],
      ["x".repeat(70 * 1024), 413, "RequestEntityTooLargeException"],
    ];
    for (const [text, status, type] of bad) {
      const response = await signedFetch({ method: "POST", url: `${a.url}/v1/authorize`, body: text }, gate, {
        service: "anchorage",
        signingDate: serverNow(),
      });
      assert.equal(response.status, status, text.slice(0, 80));
      assert.equal(response.headers.get("x-amzn-errortype"), type);
    }
    const unsignedDownstream = await signedFetch(
      { method: "POST", url: `${a.url}/v1/authorize`, body },
      gate,
      { service: "anchorage", signingDate: serverNow() },
    );
    assert.equal(unsignedDownstream.status, 200);
    assert.equal((unsignedDownstream.body as Decision).authentication?.code, "MissingAuthenticationToken");
  });

  test("an expired session is denied (ExpiredToken), checked on every use", async () => {
    offsetMs = 2 * 3600_000;
    try {
      const response = await send(await s3("GET", "report.csv", session, undefined, serverNow()));
      assert.equal(response.status, 403);
      const d = seen.at(-1) as Decision;
      assert.equal(d.decision, "ImplicitDeny");
      assert.equal(d.authentication?.code, "ExpiredToken");
      assert.match(d.reason, /expired/);
    } finally {
      offsetMs = 0;
    }
    const response = await aws(a, ["sts", "get-caller-identity"], session);
    assert.equal(response.code, 0, "the same session works again at the real time");
  });
});
