// Real peer: the AWS CLI (botocore) against a node:http server that uses only the protocol codecs.
// It also drives the four Roles Anywhere operations the installed JavaScript client predates.
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { after, before, describe, test } from "node:test";

import { PeerError, startPeerServer, type PeerServer } from "./peer-server.fixture.js";

const probe = spawnSync("aws", ["--version"], { encoding: "utf8" });
const skip = probe.error !== undefined || probe.status !== 0 ? "the AWS CLI (`aws`) is not installed" : false;

const ACCOUNT = "123456789012";
const ID = "0b7d0c6e-1111-2222-3333-444455556666";
const BAD_ID = "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ";
const ANCHOR_ARN = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/${ID}`;
const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n";
const CREATED = new Date("2024-01-02T03:04:05.678Z");
const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "rolesanywhere.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});
const SETTINGS = [
  { enabled: true, event: "CA_CERTIFICATE_EXPIRY", threshold: 30, channel: "ALL", configuredBy: ACCOUNT },
  {
    enabled: true,
    event: "END_ENTITY_CERTIFICATE_EXPIRY",
    threshold: 45,
    channel: "ALL",
    configuredBy: "rolesanywhere.amazonaws.com",
  },
];
const anchor = (name: string) => ({
  trustAnchorId: ID,
  trustAnchorArn: ANCHOR_ARN,
  name,
  source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: PEM } },
  enabled: true,
  createdAt: CREATED,
  updatedAt: CREATED,
  notificationSettings: SETTINGS,
});
const PROFILE = {
  profileId: ID,
  name: "profile",
  roleArns: [`arn:aws:iam::${ACCOUNT}:role/app`],
  durationSeconds: 3600,
  acceptRoleSessionName: false,
  attributeMappings: [
    { certificateField: "x509Subject", mappingRules: [{ specifier: "CN" }, { specifier: "OU" }] },
  ],
};
const ROLE = {
  Path: "/team/",
  RoleName: "app",
  RoleId: "AROAEXAMPLEID1234567",
  Arn: `arn:aws:iam::${ACCOUNT}:role/team/app`,
  CreateDate: CREATED,
  AssumeRolePolicyDocument: TRUST,
  MaxSessionDuration: 7200,
};

function respond(_service: string, operation: string, input: unknown): unknown {
  const record = input as Record<string, unknown>;
  switch (operation) {
    case "CreateRole":
      return { Role: ROLE };
    case "GetRole":
      throw new PeerError(
        "NoSuchEntity",
        404,
        `The role with name ${String(record.RoleName)} cannot be found.`,
      );
    case "GetCallerIdentity":
      return { UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` };
    case "SimulateCustomPolicy":
      return {
        EvaluationResults: [
          {
            EvalActionName: "s3:GetObject",
            EvalResourceName: "*",
            EvalDecision: "allowed",
            EvalDecisionDetails: { "PolicyInputList.1": "allowed" },
          },
          {
            EvalActionName: "s3:PutObject",
            EvalResourceName: "*",
            EvalDecision: "implicitDeny",
            MissingContextValues: [],
          },
        ],
        IsTruncated: false,
      };
    case "CreateTrustAnchor":
    case "PutNotificationSettings":
    case "ResetNotificationSettings":
      return { trustAnchor: anchor("anchor") };
    case "ListTrustAnchors":
      return record.nextToken === undefined
        ? { trustAnchors: [anchor("first")], nextToken: "page-2" }
        : { trustAnchors: [anchor("second")] };
    case "PutAttributeMapping":
    case "DeleteAttributeMapping":
      return { profile: PROFILE };
    default:
      throw new Error(`no canned output for ${operation}`);
  }
}

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let server: PeerServer;
let cliEnv: NodeJS.ProcessEnv;

/** Runs `aws <args> --endpoint-url <server>` asynchronously (the server runs in this process). */
function aws(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      "aws",
      [...args, "--endpoint-url", server.endpoint, "--output", "json"],
      { env: cliEnv, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function awsJson(...args: string[]): Promise<Record<string, unknown>> {
  const result = await aws(...args);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

const lastInput = () => server.recorded.at(-1)?.input;

describe("the AWS CLI as a peer", { skip }, () => {
  before(async () => {
    server = await startPeerServer(respond);
    cliEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
    Object.assign(cliEnv, {
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_MAX_ATTEMPTS: "1",
      AWS_PAGER: "",
    });
  });
  after(() => server?.close());

  test("aws iam create-role: Tags decoded; the policy document comes back decoded by botocore", async () => {
    const out = await awsJson(
      "iam",
      "create-role",
      "--role-name",
      "app",
      "--path",
      "/team/",
      "--assume-role-policy-document",
      TRUST,
      "--max-session-duration",
      "7200",
      "--tags",
      "Key=team,Value=pki",
      "Key=env,Value=",
    );
    assert.deepEqual(lastInput(), {
      Path: "/team/",
      RoleName: "app",
      AssumeRolePolicyDocument: TRUST,
      MaxSessionDuration: 7200,
      Tags: [
        { Key: "team", Value: "pki" },
        { Key: "env", Value: "" },
      ],
    });
    const role = out.Role as Record<string, unknown>;
    assert.equal(role.Arn, ROLE.Arn);
    assert.deepEqual(role.AssumeRolePolicyDocument, JSON.parse(TRUST));
    assert.equal(new Date(String(role.CreateDate)).getTime(), CREATED.getTime());
  });

  test("aws iam get-role of a missing role: NoSuchEntity", async () => {
    const result = await aws("iam", "get-role", "--role-name", "missing");
    assert.notEqual(result.code, 0);
    assert.match(
      result.stderr,
      /An error occurred \(NoSuchEntity\) when calling the GetRole operation: The role with name missing cannot be found\./,
    );
  });

  test("aws iam simulate-custom-policy: context entries in; results with a map out", async () => {
    const policy =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}';
    const out = await awsJson(
      "iam",
      "simulate-custom-policy",
      "--policy-input-list",
      policy,
      "--action-names",
      "s3:GetObject",
      "s3:PutObject",
      "--context-entries",
      "ContextKeyName=aws:SourceIp,ContextKeyValues=10.0.0.1,ContextKeyType=ip",
    );
    assert.deepEqual(lastInput(), {
      PolicyInputList: [policy],
      ActionNames: ["s3:GetObject", "s3:PutObject"],
      ContextEntries: [
        { ContextKeyName: "aws:SourceIp", ContextKeyValues: ["10.0.0.1"], ContextKeyType: "ip" },
      ],
    });
    const results = out.EvaluationResults as Record<string, unknown>[];
    assert.deepEqual(
      results.map((r) => r.EvalDecision),
      ["allowed", "implicitDeny"],
    );
    assert.deepEqual(results[0]?.EvalDecisionDetails, { "PolicyInputList.1": "allowed" });
  });

  test("aws sts get-caller-identity", async () => {
    const out = await awsJson("sts", "get-caller-identity");
    assert.deepEqual(lastInput(), {});
    assert.deepEqual(out, { UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });
  });

  test("aws rolesanywhere create-trust-anchor: the union, tags and notification settings", async () => {
    const source = { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: PEM } };
    const out = await awsJson(
      "rolesanywhere",
      "create-trust-anchor",
      "--name",
      "anchor",
      "--source",
      JSON.stringify(source),
      "--enabled",
      "--tags",
      "key=team,value=pki",
      "--notification-settings",
      "enabled=true,event=CA_CERTIFICATE_EXPIRY,threshold=30,channel=ALL",
    );
    assert.deepEqual(lastInput(), {
      name: "anchor",
      source,
      enabled: true,
      tags: [{ key: "team", value: "pki" }],
      notificationSettings: [
        { enabled: true, event: "CA_CERTIFICATE_EXPIRY", threshold: 30, channel: "ALL" },
      ],
    });
    const detail = out.trustAnchor as Record<string, unknown>;
    assert.equal(detail.trustAnchorArn, ANCHOR_ARN);
    assert.deepEqual(detail.source, source);
    assert.deepEqual(detail.notificationSettings, SETTINGS);
    assert.equal(new Date(String(detail.createdAt)).getTime(), CREATED.getTime());
  });

  test("aws rolesanywhere list-trust-anchors follows nextToken across pages", async () => {
    const from = server.recorded.length;
    const out = await awsJson("rolesanywhere", "list-trust-anchors");
    assert.deepEqual(
      server.recorded.slice(from).map((r) => r.input),
      [{}, { nextToken: "page-2" }],
    );
    assert.deepEqual(
      (out.trustAnchors as { name: string }[]).map((a) => a.name),
      ["first", "second"],
    );
    const single = await awsJson("rolesanywhere", "list-trust-anchors", "--no-paginate");
    assert.equal(single.nextToken, "page-2");
    const sized = server.recorded.length;
    await awsJson("rolesanywhere", "list-trust-anchors", "--page-size", "1");
    assert.deepEqual(
      server.recorded.slice(sized).map((r) => r.input),
      [{ pageSize: 1 }, { pageSize: 1, nextToken: "page-2" }],
    );
  });

  test("aws rolesanywhere put-attribute-mapping and delete-attribute-mapping (query list)", async () => {
    const put = await awsJson(
      "rolesanywhere",
      "put-attribute-mapping",
      "--profile-id",
      ID,
      "--certificate-field",
      "x509Subject",
      "--mapping-rules",
      "specifier=CN",
      "specifier=OU",
    );
    assert.deepEqual(lastInput(), {
      profileId: ID,
      certificateField: "x509Subject",
      mappingRules: [{ specifier: "CN" }, { specifier: "OU" }],
    });
    assert.deepEqual(put.profile, PROFILE);
    await awsJson(
      "rolesanywhere",
      "delete-attribute-mapping",
      "--profile-id",
      ID,
      "--certificate-field",
      "x509SAN",
      "--specifiers",
      "DNS",
      "Name/*",
    );
    assert.deepEqual(lastInput(), {
      profileId: ID,
      certificateField: "x509SAN",
      specifiers: ["DNS", "Name/*"],
    });
    assert.equal(server.recorded.at(-1)?.request.method, "DELETE");
  });

  test("aws rolesanywhere put-notification-settings and reset-notification-settings", async () => {
    await awsJson(
      "rolesanywhere",
      "put-notification-settings",
      "--trust-anchor-id",
      ID,
      "--notification-settings",
      "enabled=false,event=END_ENTITY_CERTIFICATE_EXPIRY,threshold=10",
    );
    assert.deepEqual(lastInput(), {
      trustAnchorId: ID,
      notificationSettings: [{ enabled: false, event: "END_ENTITY_CERTIFICATE_EXPIRY", threshold: 10 }],
    });
    const out = await awsJson(
      "rolesanywhere",
      "reset-notification-settings",
      "--trust-anchor-id",
      ID,
      "--notification-setting-keys",
      "event=CA_CERTIFICATE_EXPIRY,channel=ALL",
    );
    assert.deepEqual(lastInput(), {
      trustAnchorId: ID,
      notificationSettingKeys: [{ event: "CA_CERTIFICATE_EXPIRY", channel: "ALL" }],
    });
    assert.equal((out.trustAnchor as { name: string }).name, "anchor");
  });

  test("aws rolesanywhere get-trust-anchor with a bad id: our ValidationException, verbatim", async () => {
    // 36 characters: botocore checks lengths itself, but not patterns.
    const result = await aws("rolesanywhere", "get-trust-anchor", "--trust-anchor-id", BAD_ID);
    assert.notEqual(result.code, 0);
    assert.ok(
      result.stderr.includes(
        "An error occurred (ValidationException) when calling the GetTrustAnchor operation: 1 validation error detected: " +
          `Value '${BAD_ID}' at 'trustAnchorId' failed to satisfy constraint: Member must satisfy regular expression pattern: ` +
          ".*[a-f0-9]{8}-([a-z0-9]{4}-){3}[a-z0-9]{12}.*",
      ),
      result.stderr,
    );
  });
});
