// Real clients against the real app: AWS SDK v3 (STS GetCallerIdentity, Roles Anywhere
// ListTrustAnchors, IAM ListRoles), the AWS CLI (skipped when missing) and botocore's presigner.
// The test routes authenticate and answer a minimal valid body; the services come later.
// This file is a composition root: the server's clock is the real one, as the clients' are.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import {
  GetTrustAnchorCommand,
  ListTagsForResourceCommand,
  ListTrustAnchorsCommand,
  RolesAnywhereClient,
} from "@aws-sdk/client-rolesanywhere";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { buildApp, rawBody } from "../http/app.js";
import { AnchorageError } from "../http/errors.js";
import {
  ACCESS_KEY_ID,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN,
  TEMP_ACCESS_KEY_ID,
  TEMP_SECRET_ACCESS_KEY,
} from "./client-requests.fixture.js";
import type { ResolvedCredentials } from "./sigv4.js";
import { sigv4Authenticator } from "./sigv4.js";

const execFileAsync = promisify(execFile);
const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const ACCOUNT = "123456789012";

interface Principal {
  readonly arn: string;
  readonly userId: string;
}
const KEYS: Record<string, ResolvedCredentials<Principal> & { sessionToken?: string }> = {
  [ACCESS_KEY_ID]: {
    secretAccessKey: SECRET_ACCESS_KEY,
    principal: { arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT },
  },
  [TEMP_ACCESS_KEY_ID]: {
    secretAccessKey: TEMP_SECRET_ACCESS_KEY,
    sessionToken: SESSION_TOKEN,
    principal: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/s1`, userId: "AROAEXAMPLE:s1" },
  },
};

// Decided before any test is registered: with a top-level await between registrations, node:test
// would start running (and run the file's after() hook) before the later tests exist.
const cliMissing = await execFileAsync("aws", ["--version"]).then(
  () => false,
  () => "the AWS CLI (`aws`) is not installed",
);
const botocoreMissing = await execFileAsync("python3", ["-c", "import botocore.session"]).then(
  () => false,
  () => "python3 with botocore is not installed",
);

/** The server's clock may be set off the real one to exercise the SDK's skew correction. */
let clockOffsetMs = 0;
const clock = () => new Date(Date.now() + clockOffsetMs);

const app = buildApp({
  clock,
  log: { level: "silent" },
  authenticate: sigv4Authenticator({
    clock,
    region: "us-east-1",
    resolveCredentials: async ({ accessKeyId, sessionToken }) => {
      const key = KEYS[accessKeyId];
      return key !== undefined && key.sessionToken === sessionToken ? key : undefined;
    },
  }),
});
app.get(
  "/trustanchors",
  { config: { protocol: "rest-json", auth: { services: ["rolesanywhere"] } } },
  async () => ({
    trustAnchors: [],
  }),
);
// Labels and query values full of characters that need escaping, to compare the clients' encoding
// with the canonicalisation: an id of the model's length (36) that is not a UUID, and an ARN.
const ODD_ID = "a b:c+d/e%f!'()*~-_.ä€".padEnd(36, "0");
const ARN = "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/0b6f7a3e-9c2d-4e1f-8a7b-6c5d4e3f2a1b";
const RA_AUTH = { protocol: "rest-json", auth: { services: ["rolesanywhere"] } } as const;
app.get("/trustanchor/:trustAnchorId", { config: RA_AUTH }, async (request) => {
  const { trustAnchorId } = request.params as { trustAnchorId: string };
  if (trustAnchorId !== ODD_ID)
    throw new AnchorageError("NotFound", `Trust anchor ${trustAnchorId} not found.`);
  return { trustAnchor: { trustAnchorId, name: "odd", enabled: true } };
});
app.get("/ListTagsForResource", { config: RA_AUTH }, async (request) => {
  const { resourceArn } = request.query as { resourceArn?: string };
  if (resourceArn !== ARN) throw new AnchorageError("NotFound", `Resource ${resourceArn} not found.`);
  return { tags: [{ key: "k", value: "v w" }] };
});
app.route({
  method: ["GET", "POST"],
  url: "/",
  config: {
    protocol: "query",
    auth: { services: ["iam", "sts"] },
    xmlNamespace: (request) => (request.auth?.service === "sts" ? STS_NS : IAM_NS),
  },
  handler: async (request, reply) => {
    // Query parameters may come in the query string (GET, presigned URLs) and the form body.
    const form = new URLSearchParams(
      `${(request.raw.url ?? "").split("?")[1] ?? ""}&${rawBody(request).toString("utf8")}`,
    );
    const action = `${request.auth?.service}:${form.get("Action")}`;
    const principal = request.auth?.principal as Principal;
    const metadata = `<ResponseMetadata><RequestId>${request.id}</RequestId></ResponseMetadata>`;
    reply.type("text/xml");
    switch (action) {
      case "sts:GetCallerIdentity":
        return `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>${principal.arn}</Arn><UserId>${principal.userId}</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult>${metadata}</GetCallerIdentityResponse>`;
      case "iam:ListRoles":
        return `<ListRolesResponse xmlns="${IAM_NS}"><ListRolesResult><IsTruncated>false</IsTruncated><Roles/></ListRolesResult>${metadata}</ListRolesResponse>`;
      default:
        throw new AnchorageError(
          "UnknownOperation",
          `Could not find operation ${form.get("Action")} for version ${form.get("Version")}`,
        );
    }
  },
});

let endpoint = "";
before(async () => {
  await app.listen({ host: "127.0.0.1", port: 0 });
  endpoint = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
after(() => app.close());

const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
const sdk = (
  overrides: {
    credentials?: typeof credentials & { sessionToken?: string };
    maxAttempts?: number;
    region?: string;
  } = {},
) => ({
  region: overrides.region ?? "us-east-1",
  endpoint,
  credentials: overrides.credentials ?? credentials,
  maxAttempts: overrides.maxAttempts ?? 1,
});

/** The SDK's error name, status and request id. */
async function sdkError(
  call: Promise<unknown>,
): Promise<{ name: string; status: number | undefined; requestId: string | undefined }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, requestId: e.$metadata?.requestId };
  }
  return assert.fail("the call succeeded");
}

describe("AWS SDK for JavaScript v3", () => {
  test("STS GetCallerIdentity (Query, signed as sts)", async () => {
    const out = await new STSClient(sdk()).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([out.Arn, out.UserId, out.Account], [`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT, ACCOUNT]);
    assert.match(out.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/);
  });

  test("STS GetCallerIdentity with temporary credentials (session token)", async () => {
    const client = new STSClient(
      sdk({
        credentials: {
          accessKeyId: TEMP_ACCESS_KEY_ID,
          secretAccessKey: TEMP_SECRET_ACCESS_KEY,
          sessionToken: SESSION_TOKEN,
        },
      }),
    );
    assert.equal(
      (await client.send(new GetCallerIdentityCommand({}))).Arn,
      `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/s1`,
    );
  });

  test("Roles Anywhere ListTrustAnchors (rest-json, signed as rolesanywhere)", async () => {
    const out = await new RolesAnywhereClient(sdk()).send(new ListTrustAnchorsCommand({}));
    assert.deepEqual(out.trustAnchors, []);
  });

  test("Roles Anywhere with escaped path labels and query values (GetTrustAnchor, ListTagsForResource)", async () => {
    const client = new RolesAnywhereClient(sdk());
    assert.equal(
      (await client.send(new GetTrustAnchorCommand({ trustAnchorId: ODD_ID }))).trustAnchor?.trustAnchorId,
      ODD_ID,
    );
    assert.deepEqual((await client.send(new ListTagsForResourceCommand({ resourceArn: ARN }))).tags, [
      { key: "k", value: "v w" },
    ]);
  });

  test("IAM ListRoles (Query, signed as iam)", async () => {
    const out = await new IAMClient(sdk()).send(new ListRolesCommand({}));
    assert.deepEqual([out.Roles, out.IsTruncated], [[], false]);
  });

  test("rejections reach the SDK as its typed errors with status and request id", async () => {
    const wrong = {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: "wrong-secret-wrong-secret-wrong-secret-00",
    };
    assert.deepEqual(
      {
        ...(await sdkError(
          new STSClient(sdk({ credentials: wrong })).send(new GetCallerIdentityCommand({})),
        )),
        requestId: undefined,
      },
      { name: "SignatureDoesNotMatch", status: 403, requestId: undefined },
    );
    const ra = await sdkError(
      new RolesAnywhereClient(sdk({ credentials: wrong })).send(new ListTrustAnchorsCommand({})),
    );
    assert.deepEqual([ra.name, ra.status], ["InvalidSignatureException", 403]);
    assert.match(ra.requestId ?? "", /^[0-9a-f-]{36}$/);
    const unknown = { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: SECRET_ACCESS_KEY };
    const iam = await sdkError(new IAMClient(sdk({ credentials: unknown })).send(new ListRolesCommand({})));
    assert.deepEqual([iam.name, iam.status], ["InvalidClientTokenId", 403]);
    const region = await sdkError(
      new RolesAnywhereClient(sdk({ region: "eu-west-1" })).send(new ListTrustAnchorsCommand({})),
    );
    assert.deepEqual([region.name, region.status], ["InvalidSignatureException", 403]);
  });

  test("a client whose clock is 10 minutes off corrects it from our Date header", async (t) => {
    clockOffsetMs = 10 * 60_000;
    t.after(() => (clockOffsetMs = 0));
    // One client of each protocol: the first call fails on skew, the client takes the server's
    // time from the error's Date header, and its next call succeeds.
    const sts = new STSClient(sdk());
    const stsFirst = await sdkError(sts.send(new GetCallerIdentityCommand({})));
    assert.deepEqual([stsFirst.name, stsFirst.status], ["SignatureDoesNotMatch", 403]);
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).$metadata.httpStatusCode, 200);
    const ra = new RolesAnywhereClient(sdk());
    const raFirst = await sdkError(ra.send(new ListTrustAnchorsCommand({})));
    assert.deepEqual([raFirst.name, raFirst.status], ["InvalidSignatureException", 403]);
    assert.equal((await ra.send(new ListTrustAnchorsCommand({}))).$metadata.httpStatusCode, 200);
  });
});

/** Runs the real AWS CLI with only the test's credentials and no user configuration. */
async function awsCli(
  args: readonly string[],
  keys: { id: string; secret: string } = { id: ACCESS_KEY_ID, secret: SECRET_ACCESS_KEY },
) {
  const home = mkdtempSync(join(tmpdir(), "anchorage-cli-"));
  try {
    writeFileSync(join(home, "config"), "");
    writeFileSync(join(home, "credentials"), "");
    const env = {
      PATH: process.env["PATH"] ?? "",
      HOME: home,
      AWS_ACCESS_KEY_ID: keys.id,
      AWS_SECRET_ACCESS_KEY: keys.secret,
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_CONFIG_FILE: join(home, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_PAGER: "",
    };
    return await execFileAsync("aws", [...args, "--endpoint-url", endpoint, "--output", "json"], {
      env,
      timeout: 60_000,
    }).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        stdout: error.stdout ?? "",
        stderr: error.stderr ?? "",
      }),
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

describe("AWS CLI", { skip: cliMissing }, () => {
  test("aws sts get-caller-identity", async () => {
    const out = await awsCli(["sts", "get-caller-identity"]);
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), {
      Arn: `arn:aws:iam::${ACCOUNT}:root`,
      UserId: ACCOUNT,
      Account: ACCOUNT,
    });
  });

  test("aws rolesanywhere list-trust-anchors", async () => {
    const out = await awsCli(["rolesanywhere", "list-trust-anchors"]);
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), { trustAnchors: [] });
  });

  test("aws rolesanywhere get-trust-anchor and list-tags-for-resource with characters to escape", async () => {
    const anchor = await awsCli(["rolesanywhere", "get-trust-anchor", "--trust-anchor-id", ODD_ID]);
    assert.equal(anchor.code, 0, anchor.stderr);
    assert.equal(
      (JSON.parse(anchor.stdout) as { trustAnchor: { trustAnchorId: string } }).trustAnchor.trustAnchorId,
      ODD_ID,
    );
    const tags = await awsCli(["rolesanywhere", "list-tags-for-resource", "--resource-arn", ARN]);
    assert.equal(tags.code, 0, tags.stderr);
    assert.deepEqual(JSON.parse(tags.stdout), { tags: [{ key: "k", value: "v w" }] });
  });

  test("aws iam list-roles", async () => {
    const out = await awsCli(["iam", "list-roles"]);
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), { Roles: [] });
  });

  test("the CLI reports our rejections by their AWS names", async () => {
    const wrong = { id: ACCESS_KEY_ID, secret: "wrong-secret-wrong-secret-wrong-secret-00" };
    const sts = await awsCli(["sts", "get-caller-identity"], wrong);
    assert.match(
      sts.stderr,
      /\(SignatureDoesNotMatch\) when calling the GetCallerIdentity operation: The request signature we calculated/,
    );
    const ra = await awsCli(["rolesanywhere", "list-trust-anchors"], {
      id: "AKIAUNKNOWNKEY000000",
      secret: SECRET_ACCESS_KEY,
    });
    assert.match(
      ra.stderr,
      /\(UnrecognizedClientException\) when calling the ListTrustAnchors operation: The security token included in the request is invalid/,
    );
    assert.notEqual(sts.code, 0);
    assert.notEqual(ra.code, 0);
  });
});

test(
  "botocore's presigned STS GetCallerIdentity URLs are accepted for the method they were signed for",
  { skip: botocoreMissing },
  async () => {
    const script = [
      "import sys, botocore.session",
      "s = botocore.session.get_session()",
      "c = s.create_client('sts', region_name='us-east-1', endpoint_url=sys.argv[1], aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])",
      "print(c.generate_presigned_url('get_caller_identity', Params={}, ExpiresIn=60, HttpMethod='GET'))",
      "print(c.generate_presigned_url('get_caller_identity', Params={}, ExpiresIn=60))",
    ].join("\n");
    const { stdout } = await execFileAsync(
      "python3",
      ["-c", script, endpoint, ACCESS_KEY_ID, SECRET_ACCESS_KEY],
      {
        env: {
          PATH: process.env["PATH"] ?? "",
          AWS_CONFIG_FILE: "/dev/null",
          AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
          AWS_EC2_METADATA_DISABLED: "true",
        },
      },
    );
    const [forGet = "", forPost = ""] = stdout.trim().split("\n");
    assert.match(forGet, /X-Amz-Signature=[0-9a-f]{64}/);
    const get = await fetch(forGet);
    assert.equal(get.status, 200, await get.clone().text());
    assert.match(await get.text(), /<Arn>arn:aws:iam::123456789012:root<\/Arn>/);
    // Without HttpMethod botocore signs for the operation's method, POST: valid with POST only, as
    // on AWS (a GET with it fails: boto/boto3#756).
    assert.equal((await fetch(forPost, { method: "POST" })).status, 200);
    assert.equal((await fetch(forPost)).status, 403);
    assert.equal(
      (await fetch(forGet.replace(/X-Amz-Expires=\d+/, "X-Amz-Expires=61"))).status,
      403,
      "X-Amz-Expires is signed",
    );
  },
);
