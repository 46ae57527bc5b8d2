// Real peers: the AWS SDK for JavaScript v3 clients (root devDependencies) against a node:http server
// that uses only the protocol codecs. The SDK's requests must decode to exactly the input it was given,
// and the SDK must parse our outputs and errors back into the objects we encoded.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  PutRolePolicyCommand,
  SimulateCustomPolicyCommand,
} from "@aws-sdk/client-iam";
import * as ra from "@aws-sdk/client-rolesanywhere";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

import { PeerError, startPeerServer, type PeerServer } from "./peer-server.fixture.js";

const ACCOUNT = "123456789012";
const ID = "0b7d0c6e-1111-2222-3333-444455556666";
const MISSING_ID = "0b7d0c6e-1111-2222-3333-00000000dead";
const ANCHOR_ARN = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/${ID}`;
const PROFILE_ARN = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/${ID}`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app`;
const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n";
const CREATED = new Date("2024-01-02T03:04:05.678Z");
const UPDATED = new Date("2024-01-03T00:00:00Z");
const CRL_BYTES = Buffer.from("-----BEGIN X509 CRL-----\nMIIB\n-----END X509 CRL-----\n");
const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "rolesanywhere.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
    },
  ],
});
const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};

// Detail shapes restricted to the members the installed client (3.332.0) knows; it drops the others.
const ANCHOR = {
  trustAnchorId: ID,
  trustAnchorArn: ANCHOR_ARN,
  name: "anchor",
  source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: PEM } },
  enabled: true,
  createdAt: CREATED,
  updatedAt: UPDATED,
};
const PROFILE = {
  profileId: ID,
  profileArn: PROFILE_ARN,
  name: "profile",
  requireInstanceProperties: false,
  enabled: true,
  createdBy: `arn:aws:iam::${ACCOUNT}:root`,
  sessionPolicy: '{"Version":"2012-10-17","Statement":[]}',
  roleArns: [ROLE_ARN],
  managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
  createdAt: CREATED,
  updatedAt: UPDATED,
  durationSeconds: 3600,
};
const CRL = {
  crlId: ID,
  crlArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:crl/${ID}`,
  name: "crl",
  enabled: false,
  crlData: CRL_BYTES,
  trustAnchorArn: ANCHOR_ARN,
  createdAt: CREATED,
  updatedAt: UPDATED,
};
const SUBJECT_SUMMARY = {
  subjectArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:subject/${ID}`,
  subjectId: ID,
  enabled: true,
  x509Subject: "CN=host1,O=Example",
  lastSeenAt: UPDATED,
  createdAt: CREATED,
  updatedAt: UPDATED,
};
const SUBJECT = {
  ...SUBJECT_SUMMARY,
  credentials: [
    {
      seenAt: UPDATED,
      serialNumber: "1234",
      issuer: "CN=CA",
      enabled: true,
      x509CertificateData: PEM,
      failed: false,
    },
  ],
  instanceProperties: [{ seenAt: UPDATED, properties: { hostname: "host1" }, failed: false }],
};
const TAGS = [{ key: "team", value: "pki" }];

type Row = readonly [name: string, command: { readonly input: object }, output: object];

// One call per operation the installed client has (26 of 30: it predates the attribute-mapping and
// notification-settings operations, which cli-peers.test.ts drives through the AWS CLI instead).
const RA_ROWS: readonly Row[] = [
  [
    "CreateTrustAnchor",
    new ra.CreateTrustAnchorCommand({ name: "anchor", source: ANCHOR.source, enabled: true, tags: TAGS }),
    { trustAnchor: ANCHOR },
  ],
  ["GetTrustAnchor", new ra.GetTrustAnchorCommand({ trustAnchorId: ID }), { trustAnchor: ANCHOR }],
  [
    "UpdateTrustAnchor",
    new ra.UpdateTrustAnchorCommand({ trustAnchorId: ID, name: "renamed", source: ANCHOR.source }),
    { trustAnchor: ANCHOR },
  ],
  ["DeleteTrustAnchor", new ra.DeleteTrustAnchorCommand({ trustAnchorId: ID }), { trustAnchor: ANCHOR }],
  ["EnableTrustAnchor", new ra.EnableTrustAnchorCommand({ trustAnchorId: ID }), { trustAnchor: ANCHOR }],
  [
    "DisableTrustAnchor",
    new ra.DisableTrustAnchorCommand({ trustAnchorId: ID }),
    { trustAnchor: { ...ANCHOR, enabled: false } },
  ],
  [
    "ListTrustAnchors",
    new ra.ListTrustAnchorsCommand({ pageSize: 2, nextToken: "page-1" }),
    { trustAnchors: [ANCHOR, ANCHOR], nextToken: "page-2" },
  ],
  [
    "CreateProfile",
    new ra.CreateProfileCommand({
      name: "profile",
      roleArns: [ROLE_ARN],
      managedPolicyArns: PROFILE.managedPolicyArns,
      sessionPolicy: PROFILE.sessionPolicy,
      durationSeconds: 3600,
      enabled: true,
      requireInstanceProperties: false,
      tags: TAGS,
    }),
    { profile: PROFILE },
  ],
  ["GetProfile", new ra.GetProfileCommand({ profileId: ID }), { profile: PROFILE }],
  [
    "UpdateProfile",
    new ra.UpdateProfileCommand({
      profileId: ID,
      name: "p2",
      roleArns: [],
      managedPolicyArns: [],
      durationSeconds: 43200,
      sessionPolicy: "{}",
    }),
    { profile: PROFILE },
  ],
  ["DeleteProfile", new ra.DeleteProfileCommand({ profileId: ID }), { profile: PROFILE }],
  ["EnableProfile", new ra.EnableProfileCommand({ profileId: ID }), { profile: PROFILE }],
  ["DisableProfile", new ra.DisableProfileCommand({ profileId: ID }), { profile: PROFILE }],
  ["ListProfiles", new ra.ListProfilesCommand({}), { profiles: [PROFILE] }],
  [
    "ImportCrl",
    new ra.ImportCrlCommand({
      name: "crl",
      crlData: CRL_BYTES,
      trustAnchorArn: ANCHOR_ARN,
      enabled: false,
      tags: TAGS,
    }),
    { crl: CRL },
  ],
  ["GetCrl", new ra.GetCrlCommand({ crlId: ID }), { crl: CRL }],
  [
    "UpdateCrl",
    new ra.UpdateCrlCommand({ crlId: ID, name: "crl2", crlData: Buffer.from([0, 1, 2, 255]) }),
    { crl: CRL },
  ],
  ["DeleteCrl", new ra.DeleteCrlCommand({ crlId: ID }), { crl: CRL }],
  ["EnableCrl", new ra.EnableCrlCommand({ crlId: ID }), { crl: CRL }],
  ["DisableCrl", new ra.DisableCrlCommand({ crlId: ID }), { crl: CRL }],
  ["ListCrls", new ra.ListCrlsCommand({ pageSize: 10 }), { crls: [CRL] }],
  ["GetSubject", new ra.GetSubjectCommand({ subjectId: ID }), { subject: SUBJECT }],
  ["ListSubjects", new ra.ListSubjectsCommand({}), { subjects: [SUBJECT_SUMMARY] }],
  ["ListTagsForResource", new ra.ListTagsForResourceCommand({ resourceArn: ANCHOR_ARN }), { tags: TAGS }],
  [
    "TagResource",
    new ra.TagResourceCommand({ resourceArn: PROFILE_ARN, tags: [{ key: "env", value: "" }] }),
    {},
  ],
  ["UntagResource", new ra.UntagResourceCommand({ resourceArn: PROFILE_ARN, tagKeys: ["env", "team"] }), {}],
];

/** The SDK's output without $metadata, with its Uint8Arrays as Buffers (what we encoded). */
function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(normalize);
  if (value instanceof Date || typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== "$metadata")
      .map(([k, v]) => [k, normalize(v)]),
  );
}

let server: PeerServer;
let outputs = new Map<string, object>();
before(async () => {
  server = await startPeerServer((_service, operation, input) => {
    const record = input as Record<string, unknown>;
    if (record.trustAnchorId === MISSING_ID) {
      throw new PeerError("ResourceNotFoundException", 404, `Trust anchor ${MISSING_ID} not found`);
    }
    if (operation === "GetRole" && record.RoleName === "missing") {
      throw new PeerError("NoSuchEntity", 404, "The role with name missing cannot be found.");
    }
    const output = outputs.get(operation);
    if (output === undefined) throw new Error(`no canned output for ${operation}`);
    return output;
  });
});
after(() => server.close());

describe("@aws-sdk/client-rolesanywhere", () => {
  let client: ra.RolesAnywhereClient;
  before(() => {
    client = new ra.RolesAnywhereClient({
      endpoint: server.endpoint,
      region: "us-east-1",
      credentials,
      maxAttempts: 1,
    });
  });
  after(() => client.destroy());
  const send = (command: object) =>
    (client.send as (c: object) => Promise<Record<string, unknown>>).call(client, command);

  test("the table covers every operation of the installed client", () => {
    assert.equal(RA_ROWS.length, 26);
    const commands = Object.keys(ra).filter((k) => k.endsWith("Command") && k !== "$Command");
    assert.deepEqual(RA_ROWS.map(([name]) => `${name}Command`).sort(), commands.sort());
  });

  for (const [name, command, output] of RA_ROWS) {
    test(`${name}: the SDK's request decodes to its input; our output parses back`, async () => {
      outputs = new Map([[name, output]]);
      const before = server.recorded.length;
      const result = await send(command);
      assert.equal(server.recorded.length, before + 1);
      const seen = server.recorded.at(-1);
      assert.equal(seen?.operation, name);
      assert.deepEqual(seen?.input, command.input);
      const metadata = result.$metadata as { httpStatusCode?: number };
      const expectedStatus = name === "TagResource" || /^(Create|Import)/.test(name) ? 201 : 200;
      assert.equal(metadata.httpStatusCode, expectedStatus);
      assert.deepEqual(normalize(result), output);
    });
  }

  test("a modelled error reaches the SDK as its exception with our message", async () => {
    await assert.rejects(send(new ra.GetTrustAnchorCommand({ trustAnchorId: MISSING_ID })), {
      name: "ResourceNotFoundException",
      message: `Trust anchor ${MISSING_ID} not found`,
    });
  });

  test("our validation error reaches the SDK as ValidationException", async () => {
    await assert.rejects(
      send(new ra.CreateProfileCommand({ name: "bad:name", roleArns: [], durationSeconds: 60 })),
      {
        name: "ValidationException",
        message:
          "2 validation errors detected: Value 'bad:name' at 'name' failed to satisfy constraint: " +
          "Member must satisfy regular expression pattern: [ a-zA-Z0-9-_]*; Value '60' at 'durationSeconds' " +
          "failed to satisfy constraint: Member must have value greater than or equal to 900",
      },
    );
  });

  test("a value of the wrong JSON type reaches the SDK as SerializationException", async () => {
    const input = {
      name: "p",
      roleArns: [],
      durationSeconds: "3600",
    } as unknown as ra.CreateProfileCommandInput;
    await assert.rejects(send(new ra.CreateProfileCommand(input)), {
      name: "SerializationException",
      message: "Expected an integer at 'durationSeconds', found a string",
    });
  });
});

describe("@aws-sdk/client-iam and @aws-sdk/client-sts", () => {
  let iam: IAMClient;
  let sts: STSClient;
  before(() => {
    iam = new IAMClient({ endpoint: server.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
    sts = new STSClient({ endpoint: server.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
  });
  after(() => {
    iam.destroy();
    sts.destroy();
  });
  const ROLE = {
    Path: "/team/",
    RoleName: "app",
    RoleId: "AROAEXAMPLEID1234567",
    Arn: `arn:aws:iam::${ACCOUNT}:role/team/app`,
    CreateDate: CREATED,
    AssumeRolePolicyDocument: TRUST,
    MaxSessionDuration: 7200,
    Tags: [{ Key: "team", Value: "pki" }],
  };

  test("CreateRole: Tags decoded; Role.Arn parsed; the trust policy arrives URL-encoded", async () => {
    outputs = new Map([["CreateRole", { Role: ROLE }]]);
    const input = {
      RoleName: "app",
      Path: "/team/",
      AssumeRolePolicyDocument: TRUST,
      Description: "the app's role",
      MaxSessionDuration: 7200,
      Tags: [
        { Key: "team", Value: "pki" },
        { Key: "cost-center", Value: "42" },
      ],
    };
    const out = await iam.send(new CreateRoleCommand(input));
    assert.deepEqual(server.recorded.at(-1)?.input, input);
    assert.equal(out.Role?.Arn, ROLE.Arn);
    assert.deepEqual(out.Role?.CreateDate, CREATED);
    assert.deepEqual(out.Role?.Tags, ROLE.Tags);
    assert.equal(out.Role?.AssumeRolePolicyDocument, encodeURIComponent(TRUST));
    assert.deepEqual(
      JSON.parse(decodeURIComponent(out.Role?.AssumeRolePolicyDocument ?? "")),
      JSON.parse(TRUST),
    );
  });

  test("GetRole of a missing role: NoSuchEntityException with our message", async () => {
    await assert.rejects(iam.send(new GetRoleCommand({ RoleName: "missing" })), {
      name: "NoSuchEntityException",
      message: "The role with name missing cannot be found.",
    });
  });

  test("ListRoles: the list, IsTruncated and Marker", async () => {
    const { AssumeRolePolicyDocument: _doc, Tags: _tags, ...listed } = ROLE;
    outputs = new Map([
      ["ListRoles", { Roles: [listed, { ...listed, RoleName: "b" }], IsTruncated: true, Marker: "m2" }],
    ]);
    const out = await iam.send(new ListRolesCommand({ PathPrefix: "/team/", MaxItems: 2, Marker: "m1" }));
    assert.deepEqual(server.recorded.at(-1)?.input, { PathPrefix: "/team/", MaxItems: 2, Marker: "m1" });
    assert.deepEqual(
      out.Roles?.map((r) => r.RoleName),
      ["app", "b"],
    );
    assert.equal(out.IsTruncated, true);
    assert.equal(out.Marker, "m2");
  });

  test("PutRolePolicy and DeleteRole: operations without output", async () => {
    outputs = new Map([
      ["PutRolePolicy", {}],
      ["DeleteRole", {}],
    ]);
    const put = { RoleName: "app", PolicyName: "inline", PolicyDocument: TRUST };
    const out = await iam.send(new PutRolePolicyCommand(put));
    assert.deepEqual(server.recorded.at(-1)?.input, put);
    assert.match(out.$metadata.requestId ?? "", /^req-\d+$/);
    await iam.send(new DeleteRoleCommand({ RoleName: "app" }));
    assert.deepEqual(server.recorded.at(-1)?.input, { RoleName: "app" });
  });

  test("SimulateCustomPolicy: ContextEntries in; EvaluationResults with a map out", async () => {
    outputs = new Map([
      [
        "SimulateCustomPolicy",
        {
          EvaluationResults: [
            {
              EvalActionName: "s3:GetObject",
              EvalResourceName: "*",
              EvalDecision: "allowed",
              MatchedStatements: [
                {
                  SourcePolicyId: "PolicyInputList.1",
                  SourcePolicyType: "none",
                  StartPosition: { Line: 1, Column: 40 },
                  EndPosition: { Line: 1, Column: 90 },
                },
              ],
              MissingContextValues: [],
              EvalDecisionDetails: { "PolicyInputList.1": "allowed" },
            },
          ],
          IsTruncated: false,
        },
      ],
    ]);
    const input = {
      PolicyInputList: [
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}',
      ],
      ActionNames: ["s3:GetObject"],
      ContextEntries: [
        {
          ContextKeyName: "aws:SourceIp",
          ContextKeyValues: ["10.0.0.1", "10.0.0.2"],
          ContextKeyType: "ipList" as const,
        },
        {
          ContextKeyName: "aws:PrincipalTag/team",
          ContextKeyValues: ["pki"],
          ContextKeyType: "string" as const,
        },
      ],
    };
    const out = await iam.send(new SimulateCustomPolicyCommand(input));
    assert.deepEqual(server.recorded.at(-1)?.input, input);
    const result = out.EvaluationResults?.[0];
    assert.equal(result?.EvalDecision, "allowed");
    assert.deepEqual(result?.EvalDecisionDetails, { "PolicyInputList.1": "allowed" });
    assert.deepEqual(result?.MatchedStatements?.[0]?.StartPosition, { Line: 1, Column: 40 });
  });

  test("AssumeRole: PolicyArns, Tags and TransitiveTagKeys in; credentials out", async () => {
    const expiration = new Date("2024-01-02T04:04:05Z");
    const output = {
      Credentials: {
        AccessKeyId: "ASIAEXAMPLE123456789",
        SecretAccessKey: "secret/key+value",
        SessionToken: "token==",
        Expiration: expiration,
      },
      AssumedRoleUser: {
        AssumedRoleId: "AROAEXAMPLEID1234567:build",
        Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app/build`,
      },
      PackedPolicySize: 7,
      SourceIdentity: "CN=host1",
    };
    outputs = new Map([["AssumeRole", output]]);
    const input = {
      RoleArn: ROLE_ARN,
      RoleSessionName: "build",
      PolicyArns: [{ arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }],
      Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
      DurationSeconds: 900,
      Tags: [
        { Key: "project", Value: "anchorage" },
        { Key: "owner", Value: "pki team" },
      ],
      TransitiveTagKeys: ["project"],
      SourceIdentity: "CN=host1",
    };
    const out = await sts.send(new AssumeRoleCommand(input));
    assert.deepEqual(server.recorded.at(-1)?.input, input);
    assert.deepEqual(normalize(out), output);
  });

  test("GetCallerIdentity", async () => {
    const output = { UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` };
    outputs = new Map([["GetCallerIdentity", output]]);
    const out = await sts.send(new GetCallerIdentityCommand({}));
    assert.deepEqual(server.recorded.at(-1)?.input, {});
    assert.deepEqual(normalize(out), output);
  });

  test("our validation error reaches the SDK as ValidationError", async () => {
    await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "a:b" })), {
      name: "ValidationError",
      message:
        "1 validation error detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    });
  });
});
