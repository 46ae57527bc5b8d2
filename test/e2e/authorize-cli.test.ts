// `anchorage authorize` (issue 5 item 5): the CLI wraps the decision API for scripts. Exit 0 for
// Allow, 1 for a denial, 2 when no decision could be had; the decision is printed as JSON.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { mintRoleSession } from "@anchorage/server";
import {
  anchorageCli,
  CLI_BUNDLE_MISSING,
  policy,
  sha256Hex,
  signRequest,
  startAnchorage,
  type Anchorage,
  type Keys,
} from "./iam-harness.fixture.js";

let a: Anchorage;
let dir: string;
let gate: Keys;
let session: Keys;

async function userWithKey(name: string, document: object): Promise<Keys> {
  const store = a.server.store;
  const user = await store.users.create({
    id: `AIDA${randomBytes(8).toString("hex").toUpperCase()}`,
    name,
    path: "/",
    arn: `arn:aws:iam::${a.accountId}:user/${name}`,
  });
  await store.userPolicies.put(user.name, "p", JSON.stringify(document));
  const key = {
    id: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
    secret: randomBytes(30).toString("base64"),
  };
  await store.accessKeys.create({
    id: key.id,
    userName: user.name,
    secretAccessKey: key.secret,
    status: "Active",
  });
  return { accessKeyId: key.id, secretAccessKey: key.secret };
}

const envOf = (keys: Keys) => ({
  AWS_ACCESS_KEY_ID: keys.accessKeyId,
  AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
  AWS_REGION: "us-east-1",
});

async function requestFile(name: string, method: string, body = ""): Promise<string> {
  const signed = await signRequest(
    { method, url: "http://files.internal:8080/bucket/report.csv", ...(body === "" ? {} : { body }) },
    session,
    { service: "s3" },
  );
  const path = join(dir, name);
  await writeFile(
    path,
    JSON.stringify({
      method,
      path: "/bucket/report.csv",
      headers: signed.headers,
      payloadHash: sha256Hex(body),
    }),
  );
  return path;
}

describe("anchorage authorize", { skip: CLI_BUNDLE_MISSING }, () => {
  before(async () => {
    a = await startAnchorage();
    dir = await mkdtemp(join(tmpdir(), "anchorage-authorize-"));
    gate = await userWithKey(
      "gateway",
      policy({ Effect: "Allow", Action: "anchorage:Authorize", Resource: "*" }),
    );
    const store = a.server.store;
    const role = await store.roles.create({
      id: "AROAEXAMPLEEXAMPLE12",
      name: "S3Role",
      path: "/",
      arn: `arn:aws:iam::${a.accountId}:role/S3Role`,
      assumeRolePolicyDocument: JSON.stringify(
        policy({ Effect: "Allow", Principal: { AWS: a.accountId }, Action: "sts:AssumeRole" }),
      ),
      maxSessionDuration: 3600,
    });
    await store.rolePolicies.put(
      "S3Role",
      "S3All",
      JSON.stringify(policy({ Effect: "Allow", Action: "s3:*", Resource: "*" })),
    );
    const minted = await mintRoleSession(
      { store, clock: () => new Date(), random: randomBytes, accountId: a.accountId },
      {
        role,
        sessionName: "reader",
        durationSeconds: 3600,
        sessionPolicies: { managedArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
        issuer: "test",
      },
    );
    session = {
      accessKeyId: minted.accessKeyId,
      secretAccessKey: minted.secretAccessKey,
      sessionToken: minted.sessionToken,
    };
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await a?.close();
  });

  test("Allow: exit 0 and the decision as JSON", async () => {
    const file = await requestFile("get.json", "GET");
    const run = await anchorageCli(
      [
        "authorize",
        "--endpoint",
        a.url,
        "--action",
        "s3:GetObject",
        "--resource",
        "arn:aws:s3:::bucket/report.csv",
        "--request-file",
        file,
      ],
      envOf(gate),
    );
    assert.equal(run.code, 0, run.stderr);
    const decision = JSON.parse(run.stdout) as { decision: string; principal: { arn: string } };
    assert.equal(decision.decision, "Allow");
    assert.equal(decision.principal.arn, `arn:aws:sts::${a.accountId}:assumed-role/S3Role/reader`);
  });

  test("a denial: exit 1, with the reason", async () => {
    const file = await requestFile("put.json", "PUT", "x,y\n");
    const run = await anchorageCli(
      [
        "authorize",
        "--endpoint",
        a.url,
        "--action",
        "s3:PutObject",
        "--resource",
        "arn:aws:s3:::bucket/report.csv",
        "--request-file",
        file,
      ],
      envOf(gate),
    );
    assert.equal(run.code, 1, run.stderr);
    const decision = JSON.parse(run.stdout) as { decision: string; reason: string };
    assert.equal(decision.decision, "ImplicitDeny");
    assert.match(decision.reason, /session polic/);
  });

  test("no decision: exit 2 (bad usage, caller without anchorage:Authorize, unreachable endpoint)", async () => {
    const file = await requestFile("get2.json", "GET");
    const noPermission = await userWithKey(
      "nobody",
      policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }),
    );
    const getObject = (endpoint: string) => [
      "authorize",
      "--endpoint",
      endpoint,
      "--action",
      "s3:GetObject",
      "--resource",
      "*",
      "--request-file",
      file,
    ];
    const runs: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [
        ["authorize", "--endpoint", a.url, "--resource", "*", "--request-file", file],
        envOf(gate),
        /--action is required/,
      ],
      [getObject(a.url), envOf(noPermission), /AccessDeniedException.*anchorage:Authorize/],
      [getObject("http://127.0.0.1:1"), envOf(gate), /ECONNREFUSED/],
      [
        getObject(a.url),
        { AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent" },
        /no AWS credentials/,
      ],
      [["authorize", "--no-such-flag"], envOf(gate), /unknown option/],
    ];
    assert.equal(runs.length, 5);
    for (const [args, env, message] of runs) {
      const run = await anchorageCli(args, env);
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
  });
});
