// Two replicas on one database (SQLite file, and PostgreSQL when ANCHORAGE_TEST_PG_URL is set):
// each opens the other's session tokens (the sealing keys are shared through the store, rotation
// included), and a policy change made on one is honoured by the other's decisions (its policy cache
// polls the store every 200 ms here).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import pg from "pg";
import { createServer, sealingKeyringFor, type AnchorageServer } from "@anchorage/server";
import { policy, sha256Hex, signRequest, signedFetch, type Keys } from "./iam-harness.fixture.js";

const PG_URL = process.env.ANCHORAGE_TEST_PG_URL;

interface Replica {
  readonly server: AnchorageServer;
  readonly url: string;
}

async function replica(database: string): Promise<Replica> {
  const server = await createServer({
    database,
    region: "us-east-1",
    log: { level: "silent" },
    policyCacheWatchMs: 200,
  });
  await server.app.listen({ host: "127.0.0.1", port: 0 });
  return { server, url: `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}` };
}

/** A Query call (IAM or STS) signed with `keys`; the XML text, or an error with the status. */
async function query(
  r: Replica,
  service: "iam" | "sts",
  keys: Keys,
  params: Record<string, string>,
): Promise<string> {
  const response = await signedFetch(
    {
      method: "POST",
      url: `${r.url}/`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        Version: service === "iam" ? "2010-05-08" : "2011-06-15",
        ...params,
      }).toString(),
    },
    keys,
    { service },
  );
  if (response.status !== 200)
    throw new Error(`${params.Action}: HTTP ${response.status}: ${String(response.body)}`);
  return String(response.body);
}

const element = (xml: string, name: string): string => {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (m?.[1] === undefined) throw new Error(`no <${name}> in ${xml}`);
  return m[1];
};
const credentialsOf = (xml: string): Keys => ({
  accessKeyId: element(xml, "AccessKeyId"),
  secretAccessKey: element(xml, "SecretAccessKey"),
  sessionToken: element(xml, "SessionToken"),
});

async function decide(r: Replica, gate: Keys, session: Keys, action: string): Promise<string> {
  const signed = await signRequest({ method: "GET", url: "http://downstream.local/bucket/key" }, session, {
    service: "s3",
  });
  const response = await signedFetch(
    {
      method: "POST",
      url: `${r.url}/v1/authorize`,
      body: JSON.stringify({
        request: { method: "GET", path: "/bucket/key", headers: signed.headers, payloadHash: sha256Hex("") },
        action,
        resource: "arn:aws:s3:::bucket/key",
      }),
    },
    gate,
    { service: "anchorage" },
  );
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return (response.body as { decision: string }).decision;
}

function scenario(
  name: string,
  database: () => Promise<{ url: string; dispose(): Promise<void> }>,
  skip: string | false,
) {
  test(
    `two replicas on ${name}: each opens the other's tokens, rotation included; policy changes reach both`,
    { skip },
    async () => {
      const db = await database();
      const a = await replica(db.url);
      const b = await replica(db.url);
      try {
        const rootKey = a.server.bootstrap.createdRootKey ?? b.server.bootstrap.createdRootKey;
        assert.ok(rootKey !== undefined, "one replica created the root key");
        assert.equal(b.server.bootstrap.accountId, a.server.bootstrap.accountId);
        const root: Keys = rootKey;
        const account = a.server.bootstrap.accountId;
        await query(a, "iam", root, { Action: "CreateUser", UserName: "alice" });
        const aliceKey = await query(a, "iam", root, { Action: "CreateAccessKey", UserName: "alice" });
        const alice: Keys = {
          accessKeyId: element(aliceKey, "AccessKeyId"),
          secretAccessKey: element(aliceKey, "SecretAccessKey"),
        };
        await query(a, "iam", root, { Action: "CreateUser", UserName: "gateway" });
        await query(a, "iam", root, {
          Action: "PutUserPolicy",
          UserName: "gateway",
          PolicyName: "p",
          PolicyDocument: JSON.stringify(
            policy({ Effect: "Allow", Action: "anchorage:Authorize", Resource: "*" }),
          ),
        });
        const gateKey = await query(a, "iam", root, { Action: "CreateAccessKey", UserName: "gateway" });
        const gate: Keys = {
          accessKeyId: element(gateKey, "AccessKeyId"),
          secretAccessKey: element(gateKey, "SecretAccessKey"),
        };
        await query(a, "iam", root, {
          Action: "CreateRole",
          RoleName: "S3Role",
          AssumeRolePolicyDocument: JSON.stringify(
            policy({
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${account}:user/alice` },
              Action: "sts:AssumeRole",
            }),
          ),
        });
        await query(a, "iam", root, {
          Action: "PutRolePolicy",
          RoleName: "S3Role",
          PolicyName: "S3All",
          PolicyDocument: JSON.stringify(policy({ Effect: "Allow", Action: "s3:*", Resource: "*" })),
        });

        // B mints (creating the first sealing key), A opens; and the other way round.
        const roleArn = `arn:aws:iam::${account}:role/S3Role`;
        const fromB = credentialsOf(
          await query(b, "sts", alice, { Action: "AssumeRole", RoleArn: roleArn, RoleSessionName: "from-b" }),
        );
        assert.match(
          await query(a, "sts", fromB, { Action: "GetCallerIdentity" }),
          /assumed-role\/S3Role\/from-b/,
        );
        const fromA = credentialsOf(
          await query(a, "sts", alice, { Action: "AssumeRole", RoleArn: roleArn, RoleSessionName: "from-a" }),
        );
        assert.match(
          await query(b, "sts", fromA, { Action: "GetCallerIdentity" }),
          /assumed-role\/S3Role\/from-a/,
        );

        // Rotation on A: A seals with the new key; B opens it; tokens of the old key still open on both.
        const keyring = sealingKeyringFor(a.server.store, { random: randomBytes, clock: () => new Date() });
        const rotated = await keyring.rotate();
        const afterRotation = credentialsOf(
          await query(a, "sts", alice, {
            Action: "AssumeRole",
            RoleArn: roleArn,
            RoleSessionName: "rotated",
          }),
        );
        assert.equal(
          Buffer.from(afterRotation.sessionToken ?? "", "base64url")
            .subarray(2, 2 + rotated.id.length)
            .toString(),
          rotated.id,
        );
        assert.match(await query(b, "sts", afterRotation, { Action: "GetCallerIdentity" }), /rotated/);
        assert.match(await query(b, "sts", fromB, { Action: "GetCallerIdentity" }), /from-b/);
        assert.match(await query(a, "sts", fromA, { Action: "GetCallerIdentity" }), /from-a/);

        // A policy change on A reaches B's decisions (waiting up to 10 s: CI machines are busy).
        assert.equal(await decide(b, gate, fromB, "s3:GetObject"), "Allow");
        await query(a, "iam", root, {
          Action: "PutRolePolicy",
          RoleName: "S3Role",
          PolicyName: "NoGet",
          PolicyDocument: JSON.stringify(policy({ Effect: "Deny", Action: "s3:GetObject", Resource: "*" })),
        });
        const started = Date.now();
        let decision = "Allow";
        while (decision === "Allow" && Date.now() - started < 10_000) {
          await new Promise((r) => setTimeout(r, 50));
          decision = await decide(b, gate, fromB, "s3:GetObject");
        }
        assert.equal(decision, "ExplicitDeny");
      } finally {
        await a.server.close();
        await b.server.close();
        await db.dispose();
      }
    },
  );
}

describe("replicas share sealing keys and policy changes", () => {
  scenario(
    "one SQLite file",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "anchorage-replicas-"));
      return {
        url: `sqlite:${join(dir, "anchorage.db")}`,
        dispose: () => rm(dir, { recursive: true, force: true }),
      };
    },
    false,
  );
  scenario(
    "one PostgreSQL database",
    async () => {
      const schema = `anchorage_test_${randomBytes(8).toString("hex")}`;
      const url = new URL(PG_URL ?? "");
      url.searchParams.set("schema", schema);
      return {
        url: url.toString(),
        async dispose() {
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          try {
            await client.query(`drop schema if exists ${schema} cascade`);
          } finally {
            await client.end();
          }
        },
      };
    },
    PG_URL === undefined || PG_URL === ""
      ? "ANCHORAGE_TEST_PG_URL is not set; run with npm test (it starts PostgreSQL)"
      : false,
  );
});
