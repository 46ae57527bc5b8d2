// Policy-based authorization of every call to Anchorage itself (issue 5 item 4), through the real
// AWS CLI: Roles Anywhere, IAM and STS calls of users and role sessions are decided by their
// identity policies, permissions boundaries and session policies, with AWS's resource ARNs and
// AccessDenied messages. The root is allowed everything.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AWS_CLI_MISSING,
  awsError,
  awsJson,
  createUserWithKey,
  keysOf,
  policy,
  startAnchorage,
  type Anchorage,
} from "./iam-harness.fixture.js";

let a: Anchorage;
const TRUST = () =>
  JSON.stringify(
    policy({
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${a.accountId}:root` },
      Action: "sts:AssumeRole",
    }),
  );
const PEM_SOURCE = "sourceType=CERTIFICATE_BUNDLE,sourceData={x509CertificateData=not-a-certificate}";

describe("every call to Anchorage is authorized by the caller's policies", { skip: AWS_CLI_MISSING }, () => {
  before(async () => {
    a = await startAnchorage();
  });
  after(() => a?.close());

  test("Roles Anywhere: a user with only rolesanywhere:List* lists trust anchors but cannot create one", async () => {
    const lister = await createUserWithKey(
      a,
      "lister",
      policy({ Effect: "Allow", Action: "rolesanywhere:List*", Resource: "*" }),
    );
    assert.deepEqual((await awsJson(a, ["rolesanywhere", "list-trust-anchors"], lister)).trustAnchors, []);
    assert.match(
      await awsError(
        a,
        ["rolesanywhere", "create-trust-anchor", "--name", "ca", "--source", PEM_SOURCE],
        lister,
      ),
      new RegExp(
        `\\(AccessDeniedException\\).*User: ${lister.arn} is not authorized to perform: rolesanywhere:CreateTrustAnchor on resource: .* because no identity-based policy allows the rolesanywhere:CreateTrustAnchor action`,
      ),
    );
    assert.match(
      await awsError(a, ["rolesanywhere", "list-profiles"], await createUserWithKey(a, "nobody")),
      /\(AccessDeniedException\).*rolesanywhere:ListProfiles/,
    );
  });

  test("IAM: an inline iam:* policy allows; a permissions boundary narrows it; an explicit deny wins", async () => {
    const admin = await createUserWithKey(
      a,
      "iam-admin",
      policy({ Effect: "Allow", Action: "iam:*", Resource: "*" }),
    );
    await awsJson(
      a,
      ["iam", "create-role", "--role-name", "MadeByAdmin", "--assume-role-policy-document", TRUST()],
      admin,
    );
    await awsJson(a, [
      "iam",
      "create-user",
      "--user-name",
      "bounded",
      "--permissions-boundary",
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
    ]);
    await awsJson(a, [
      "iam",
      "put-user-policy",
      "--user-name",
      "bounded",
      "--policy-name",
      "all",
      "--policy-document",
      JSON.stringify(policy({ Effect: "Allow", Action: "iam:*", Resource: "*" })),
    ]);
    const key = (await awsJson(a, ["iam", "create-access-key", "--user-name", "bounded"])).AccessKey as {
      AccessKeyId: string;
      SecretAccessKey: string;
    };
    const bounded = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
    await awsJson(a, ["iam", "list-roles"], bounded);
    assert.match(
      await awsError(
        a,
        ["iam", "create-role", "--role-name", "Nope", "--assume-role-policy-document", TRUST()],
        bounded,
      ),
      /\(AccessDenied\).*iam:CreateRole on resource: arn:aws:iam::\d{12}:role\/Nope because no permissions boundary allows the iam:CreateRole action/,
    );
    await awsJson(a, [
      "iam",
      "put-user-policy",
      "--user-name",
      "iam-admin",
      "--policy-name",
      "no-delete",
      "--policy-document",
      JSON.stringify(policy({ Effect: "Deny", Action: "iam:Delete*", Resource: "*" })),
    ]);
    assert.match(
      await awsError(a, ["iam", "delete-role", "--role-name", "MadeByAdmin"], admin),
      /\(AccessDenied\).*iam:DeleteRole on resource: arn:aws:iam::\d{12}:role\/MadeByAdmin with an explicit deny in an identity-based policy/,
    );
    assert.equal(
      (await awsJson(a, ["sts", "get-caller-identity"], admin)).Arn,
      admin.arn,
      "GetCallerIdentity needs no permission",
    );
  });

  test("IAM: resource ARNs with paths, and request-tag conditions", async () => {
    const scoped = await createUserWithKey(
      a,
      "scoped",
      policy(
        { Effect: "Allow", Action: "iam:GetRole", Resource: `arn:aws:iam::${a.accountId}:role/app/*` },
        {
          Effect: "Allow",
          Action: "iam:CreateRole",
          Resource: "*",
          Condition: { StringEquals: { "aws:RequestTag/team": "blue" } },
        },
      ),
    );
    await awsJson(a, [
      "iam",
      "create-role",
      "--role-name",
      "InApp",
      "--path",
      "/app/",
      "--assume-role-policy-document",
      TRUST(),
    ]);
    await awsJson(a, [
      "iam",
      "create-role",
      "--role-name",
      "Elsewhere",
      "--assume-role-policy-document",
      TRUST(),
    ]);
    await awsJson(a, ["iam", "get-role", "--role-name", "InApp"], scoped);
    assert.match(
      await awsError(a, ["iam", "get-role", "--role-name", "Elsewhere"], scoped),
      /on resource: arn:aws:iam::\d{12}:role\/Elsewhere because/,
    );
    assert.match(
      await awsError(
        a,
        ["iam", "create-role", "--role-name", "Untagged", "--assume-role-policy-document", TRUST()],
        scoped,
      ),
      /\(AccessDenied\).*iam:CreateRole/,
    );
    await awsJson(
      a,
      [
        "iam",
        "create-role",
        "--role-name",
        "Tagged",
        "--assume-role-policy-document",
        TRUST(),
        "--tags",
        "Key=team,Value=blue",
      ],
      scoped,
    );
  });

  test("a session policy narrows an assumed role (AdministratorAccess narrowed to ReadOnlyAccess)", async () => {
    const user = await createUserWithKey(
      a,
      "assumer",
      policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }),
    );
    await awsJson(a, [
      "iam",
      "create-role",
      "--role-name",
      "Admin",
      "--assume-role-policy-document",
      TRUST(),
    ]);
    await awsJson(a, [
      "iam",
      "attach-role-policy",
      "--role-name",
      "Admin",
      "--policy-arn",
      "arn:aws:iam::aws:policy/AdministratorAccess",
    ]);
    const full = keysOf(
      await awsJson(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          `arn:aws:iam::${a.accountId}:role/Admin`,
          "--role-session-name",
          "full",
        ],
        user,
      ),
    );
    await awsJson(
      a,
      ["iam", "create-role", "--role-name", "ByFullAdmin", "--assume-role-policy-document", TRUST()],
      full,
    );
    const narrowed = keysOf(
      await awsJson(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          `arn:aws:iam::${a.accountId}:role/Admin`,
          "--role-session-name",
          "ro",
          "--policy-arns",
          "arn=arn:aws:iam::aws:policy/ReadOnlyAccess",
        ],
        user,
      ),
    );
    await awsJson(a, ["iam", "list-roles"], narrowed);
    await awsJson(a, ["rolesanywhere", "list-trust-anchors"], narrowed);
    assert.match(
      await awsError(
        a,
        ["iam", "create-role", "--role-name", "ByNarrowed", "--assume-role-policy-document", TRUST()],
        narrowed,
      ),
      new RegExp(
        `User: arn:aws:sts::${a.accountId}:assumed-role/Admin/ro is not authorized to perform: iam:CreateRole on resource: .* because no session policy allows the iam:CreateRole action`,
      ),
    );
  });

  test("PowerUserAccess: everything but IAM (except its listed actions)", async () => {
    const power = await createUserWithKey(a, "power");
    await awsJson(a, [
      "iam",
      "attach-user-policy",
      "--user-name",
      "power",
      "--policy-arn",
      "arn:aws:iam::aws:policy/PowerUserAccess",
    ]);
    await awsJson(a, ["iam", "list-roles"], power);
    await awsJson(a, ["rolesanywhere", "list-profiles"], power);
    assert.match(await awsError(a, ["iam", "list-users"], power), /\(AccessDenied\).*iam:ListUsers/);
  });

  test("request facts are condition keys: aws:SourceIp, aws:SecureTransport, aws:RequestedRegion", async () => {
    const local = await createUserWithKey(
      a,
      "local",
      policy({
        Effect: "Allow",
        Action: "iam:ListRoles",
        Resource: "*",
        Condition: {
          IpAddress: { "aws:SourceIp": "127.0.0.0/8" },
          StringEquals: { "aws:RequestedRegion": "us-east-1" },
        },
      }),
    );
    await awsJson(a, ["iam", "list-roles"], local);
    const remote = await createUserWithKey(
      a,
      "remote",
      policy({
        Effect: "Allow",
        Action: "iam:ListRoles",
        Resource: "*",
        Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
      }),
    );
    assert.match(await awsError(a, ["iam", "list-roles"], remote), /\(AccessDenied\).*iam:ListRoles/);
    const tlsOnly = await createUserWithKey(
      a,
      "tls-only",
      policy(
        { Effect: "Allow", Action: "iam:ListRoles", Resource: "*" },
        {
          Effect: "Deny",
          Action: "*",
          Resource: "*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ),
    );
    assert.match(
      await awsError(a, ["iam", "list-roles"], tlsOnly),
      /with an explicit deny in an identity-based policy/,
    );
  });

  test("the root is allowed everything, with no policy", async () => {
    await awsJson(a, ["iam", "list-users"]);
    await awsJson(a, ["rolesanywhere", "list-trust-anchors"]);
  });
});
