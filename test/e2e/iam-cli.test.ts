// The real AWS CLI drives Anchorage's IAM API (issue 5 item 2): roles, inline and managed
// policies and their versions, the AWS-managed catalogue, users and access keys, pagination,
// and IAM's errors with AWS's codes, statuses and messages.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AWS_CLI_MISSING,
  awsError,
  awsJson,
  createUserWithKey,
  policy,
  signedFetch,
  startAnchorage,
  type Anchorage,
  type Keys,
} from "./iam-harness.fixture.js";

const TRUST = (account: string) =>
  JSON.stringify(
    policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" }),
  );
const S3_ALL = JSON.stringify(policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }));
const READ_ONLY_ARN = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

let a: Anchorage;
let admin: Keys;

describe("the AWS CLI drives IAM", { skip: AWS_CLI_MISSING }, () => {
  before(async () => {
    a = await startAnchorage();
    const ini = (await import("node:fs/promises")).readFile(a.adminCredentialsFile, "utf8");
    const text = await ini;
    admin = {
      accessKeyId: /aws_access_key_id = (\S+)/.exec(text)?.[1] ?? "",
      secretAccessKey: /aws_secret_access_key = (\S+)/.exec(text)?.[1] ?? "",
    };
  });
  after(() => a?.close());

  test("roles: create, get, update, trust policy, tags, boundary, delete", async () => {
    const created = (
      await awsJson(a, [
        "iam",
        "create-role",
        "--role-name",
        "App",
        "--path",
        "/team/",
        "--description",
        "the app",
        "--max-session-duration",
        "7200",
        "--assume-role-policy-document",
        TRUST(a.accountId),
        "--tags",
        "Key=team,Value=blue",
        "Key=env,Value=dev",
      ])
    ).Role as Record<string, unknown>;
    assert.equal(created.Arn, `arn:aws:iam::${a.accountId}:role/team/App`);
    assert.match(String(created.RoleId), /^AROA[A-Z2-7]{16}$/);
    assert.deepEqual(created.AssumeRolePolicyDocument, JSON.parse(TRUST(a.accountId)));
    assert.equal(created.MaxSessionDuration, 7200);

    assert.match(
      await awsError(a, [
        "iam",
        "create-role",
        "--role-name",
        "app",
        "--assume-role-policy-document",
        TRUST(a.accountId),
      ]),
      /\(EntityAlreadyExists\) when calling the CreateRole operation: Role with name app already exists\./,
    );

    await awsJson(a, [
      "iam",
      "update-role",
      "--role-name",
      "App",
      "--description",
      "renamed",
      "--max-session-duration",
      "3600",
    ]);
    await awsJson(a, [
      "iam",
      "tag-role",
      "--role-name",
      "App",
      "--tags",
      "Key=TEAM,Value=red",
      "Key=owner,Value=ops",
    ]);
    await awsJson(a, ["iam", "untag-role", "--role-name", "App", "--tag-keys", "env"]);
    await awsJson(a, [
      "iam",
      "put-role-permissions-boundary",
      "--role-name",
      "App",
      "--permissions-boundary",
      READ_ONLY_ARN,
    ]);
    const role = (await awsJson(a, ["iam", "get-role", "--role-name", "App"])).Role as Record<
      string,
      unknown
    >;
    assert.equal(role.Description, "renamed");
    assert.equal(role.MaxSessionDuration, 3600);
    assert.deepEqual(role.PermissionsBoundary, {
      PermissionsBoundaryType: "PermissionsBoundaryPolicy",
      PermissionsBoundaryArn: READ_ONLY_ARN,
    });
    assert.deepEqual(role.RoleLastUsed, {});
    const tags = (await awsJson(a, ["iam", "list-role-tags", "--role-name", "App"])).Tags;
    assert.deepEqual(tags, [
      { Key: "TEAM", Value: "red" },
      { Key: "owner", Value: "ops" },
    ]);
    await awsJson(a, ["iam", "delete-role-permissions-boundary", "--role-name", "App"]);

    assert.match(
      await awsError(a, [
        "iam",
        "update-assume-role-policy",
        "--role-name",
        "App",
        "--policy-document",
        S3_ALL,
      ]),
      /\(MalformedPolicyDocument\) when calling the UpdateAssumeRolePolicy operation: Statement\[0\].*(line 1, column \d+)/,
    );
    await awsJson(a, ["iam", "delete-role", "--role-name", "App"]);
    assert.match(
      await awsError(a, ["iam", "get-role", "--role-name", "App"]),
      /\(NoSuchEntity\) when calling the GetRole operation: The role with name App cannot be found\./,
    );
  });

  test("inline and attached role policies; DeleteRole refuses while they remain", async () => {
    await awsJson(a, [
      "iam",
      "create-role",
      "--role-name",
      "S3Role",
      "--assume-role-policy-document",
      TRUST(a.accountId),
    ]);
    await awsJson(a, [
      "iam",
      "put-role-policy",
      "--role-name",
      "S3Role",
      "--policy-name",
      "S3All",
      "--policy-document",
      S3_ALL,
    ]);
    const got = await awsJson(a, [
      "iam",
      "get-role-policy",
      "--role-name",
      "S3Role",
      "--policy-name",
      "S3All",
    ]);
    assert.deepEqual(got.PolicyDocument, JSON.parse(S3_ALL));
    assert.deepEqual((await awsJson(a, ["iam", "list-role-policies", "--role-name", "S3Role"])).PolicyNames, [
      "S3All",
    ]);
    await awsJson(a, ["iam", "attach-role-policy", "--role-name", "S3Role", "--policy-arn", READ_ONLY_ARN]);
    assert.deepEqual(
      (await awsJson(a, ["iam", "list-attached-role-policies", "--role-name", "S3Role"])).AttachedPolicies,
      [{ PolicyName: "AmazonS3ReadOnlyAccess", PolicyArn: READ_ONLY_ARN }],
    );
    assert.equal(
      (
        (await awsJson(a, ["iam", "get-policy", "--policy-arn", READ_ONLY_ARN])).Policy as {
          AttachmentCount: number;
        }
      ).AttachmentCount,
      1,
    );
    assert.match(
      await awsError(a, ["iam", "delete-role", "--role-name", "S3Role"]),
      /\(DeleteConflict\).*Cannot delete entity, must delete policies first\./,
    );
    await awsJson(a, ["iam", "delete-role-policy", "--role-name", "S3Role", "--policy-name", "S3All"]);
    assert.match(
      await awsError(a, ["iam", "delete-role", "--role-name", "S3Role"]),
      /\(DeleteConflict\).*must detach all policies first\./,
    );
    await awsJson(a, ["iam", "detach-role-policy", "--role-name", "S3Role", "--policy-arn", READ_ONLY_ARN]);
    assert.match(
      await awsError(a, [
        "iam",
        "detach-role-policy",
        "--role-name",
        "S3Role",
        "--policy-arn",
        READ_ONLY_ARN,
      ]),
      /\(NoSuchEntity\).*Policy arn:aws:iam::aws:policy\/AmazonS3ReadOnlyAccess was not found\./,
    );
    assert.match(
      await awsError(a, [
        "iam",
        "attach-role-policy",
        "--role-name",
        "S3Role",
        "--policy-arn",
        `arn:aws:iam::${a.accountId}:policy/Nope`,
      ]),
      /\(NoSuchEntity\).*does not exist or is not attachable\./,
    );
    await awsJson(a, ["iam", "delete-role", "--role-name", "S3Role"]);
  });

  test("managed policies and versions; the five-version limit; DeletePolicy rules", async () => {
    const p = (
      await awsJson(a, [
        "iam",
        "create-policy",
        "--policy-name",
        "Reader",
        "--path",
        "/ops/",
        "--policy-document",
        S3_ALL,
        "--description",
        "d",
      ])
    ).Policy as Record<string, unknown>;
    const arn = String(p.Arn);
    assert.equal(arn, `arn:aws:iam::${a.accountId}:policy/ops/Reader`);
    assert.equal(p.DefaultVersionId, "v1");
    assert.match(String(p.PolicyId), /^ANPA/);
    assert.match(
      await awsError(a, ["iam", "create-policy", "--policy-name", "reader", "--policy-document", S3_ALL]),
      /\(EntityAlreadyExists\).*A policy called reader already exists/,
    );
    const v2 = JSON.stringify(policy({ Effect: "Allow", Action: "s3:Get*", Resource: "*" }));
    const created = (
      await awsJson(a, [
        "iam",
        "create-policy-version",
        "--policy-arn",
        arn,
        "--policy-document",
        v2,
        "--set-as-default",
      ])
    ).PolicyVersion as Record<string, unknown>;
    assert.equal(created.VersionId, "v2");
    assert.equal(created.IsDefaultVersion, true);
    assert.deepEqual(
      (
        (await awsJson(a, ["iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v2"]))
          .PolicyVersion as { Document: unknown }
      ).Document,
      JSON.parse(v2),
    );
    assert.match(
      await awsError(a, ["iam", "delete-policy-version", "--policy-arn", arn, "--version-id", "v2"]),
      /\(DeleteConflict\).*Cannot delete the default version of a policy\./,
    );
    for (let i = 3; i <= 5; i++)
      await awsJson(a, ["iam", "create-policy-version", "--policy-arn", arn, "--policy-document", v2]);
    assert.match(
      await awsError(a, ["iam", "create-policy-version", "--policy-arn", arn, "--policy-document", v2]),
      /\(LimitExceeded\).*A managed policy can have up to 5 versions/,
    );
    const versions = (await awsJson(a, ["iam", "list-policy-versions", "--policy-arn", arn])).Versions as {
      VersionId: string;
    }[];
    assert.deepEqual(versions.map((v) => v.VersionId).sort(), ["v1", "v2", "v3", "v4", "v5"]);
    await awsJson(a, ["iam", "set-default-policy-version", "--policy-arn", arn, "--version-id", "v1"]);
    assert.match(
      await awsError(a, ["iam", "delete-policy", "--policy-arn", arn]),
      /\(DeleteConflict\).*more than one version/,
    );
    for (const v of ["v2", "v3", "v4", "v5"])
      await awsJson(a, ["iam", "delete-policy-version", "--policy-arn", arn, "--version-id", v]);
    const local = (await awsJson(a, ["iam", "list-policies", "--scope", "Local"])).Policies as {
      Arn: string;
    }[];
    assert.deepEqual(
      local.map((x) => x.Arn),
      [arn],
    );
    await awsJson(a, ["iam", "delete-policy", "--policy-arn", arn]);
    assert.match(
      await awsError(a, ["iam", "get-policy", "--policy-arn", arn]),
      /\(NoSuchEntity\).*was not found/,
    );
  });

  test("the AWS-managed catalogue is served read-only", async () => {
    const aws = (await awsJson(a, ["iam", "list-policies", "--scope", "AWS"])).Policies as {
      PolicyName: string;
    }[];
    assert.deepEqual(
      aws.map((p) => p.PolicyName),
      [
        "AdministratorAccess",
        "AmazonS3FullAccess",
        "AmazonS3ReadOnlyAccess",
        "PowerUserAccess",
        "ReadOnlyAccess",
      ],
    );
    const version = (
      await awsJson(a, ["iam", "get-policy-version", "--policy-arn", READ_ONLY_ARN, "--version-id", "v3"])
    ).PolicyVersion as { Document: unknown };
    assert.deepEqual(version.Document, {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"],
          Resource: "*",
        },
      ],
    });
    assert.match(
      await awsError(a, ["iam", "delete-policy", "--policy-arn", READ_ONLY_ARN]),
      /\(InvalidInput\).*AWS managed polic/,
    );
    assert.match(
      await awsError(a, [
        "iam",
        "create-policy-version",
        "--policy-arn",
        READ_ONLY_ARN,
        "--policy-document",
        S3_ALL,
      ]),
      /\(InvalidInput\)/,
    );
    assert.match(
      await awsError(a, ["iam", "get-policy", "--policy-arn", "arn:aws:iam::aws:policy/NoSuchPolicy"]),
      /\(NoSuchEntity\)/,
    );
  });

  test("ListRoles pages through opaque markers (the CLI follows them) and filters by path", async () => {
    for (const name of ["P1", "P2", "P3"]) {
      await awsJson(a, [
        "iam",
        "create-role",
        "--role-name",
        name,
        "--path",
        "/paged/",
        "--assume-role-policy-document",
        TRUST(a.accountId),
      ]);
    }
    const all = (await awsJson(a, ["iam", "list-roles", "--page-size", "1", "--path-prefix", "/paged/"]))
      .Roles as { RoleName: string }[];
    assert.deepEqual(
      all.map((r) => r.RoleName),
      ["P1", "P2", "P3"],
    );
    const first = await awsJson(a, ["iam", "list-roles", "--max-items", "2", "--path-prefix", "/paged/"]);
    assert.equal((first.Roles as unknown[]).length, 2);
    assert.equal(typeof first.NextToken, "string");
    assert.match(
      await awsError(a, ["iam", "list-roles", "--marker", "garbage", "--no-paginate"]),
      /\(ValidationError\).*The Marker is not valid/,
    );
    for (const name of ["P1", "P2", "P3"]) await awsJson(a, ["iam", "delete-role", "--role-name", name]);
  });

  test("users and access keys: the secret once, status changes take effect, two keys per user", async () => {
    const alice = await createUserWithKey(a, "alice");
    assert.equal(alice.arn, `arn:aws:iam::${a.accountId}:user/alice`);
    assert.match(alice.secretAccessKey, /^\S{40}$/);
    const me = await awsJson(a, ["sts", "get-caller-identity"], alice);
    assert.equal(me.Arn, alice.arn);
    const listed = (await awsJson(a, ["iam", "list-access-keys", "--user-name", "alice"]))
      .AccessKeyMetadata as Record<string, unknown>[];
    assert.deepEqual(
      listed.map((k) => [k.AccessKeyId, k.Status, "SecretAccessKey" in k]),
      [[alice.accessKeyId, "Active", false]],
    );
    await awsJson(a, [
      "iam",
      "update-access-key",
      "--user-name",
      "alice",
      "--access-key-id",
      alice.accessKeyId,
      "--status",
      "Inactive",
    ]);
    assert.match(await awsError(a, ["sts", "get-caller-identity"], alice), /\(InvalidClientTokenId\)/);
    await awsJson(a, [
      "iam",
      "update-access-key",
      "--user-name",
      "alice",
      "--access-key-id",
      alice.accessKeyId,
      "--status",
      "Active",
    ]);
    await awsJson(a, ["iam", "create-access-key", "--user-name", "alice"]);
    assert.match(
      await awsError(a, ["iam", "create-access-key", "--user-name", "alice"]),
      /\(LimitExceeded\).*Cannot exceed quota for AccessKeysPerUser: 2/,
    );
    assert.equal(
      ((await awsJson(a, ["iam", "get-user", "--user-name", "alice"])).User as { UserName: string }).UserName,
      "alice",
    );
    assert.ok(
      ((await awsJson(a, ["iam", "list-users"])).Users as { UserName: string }[]).some(
        (u) => u.UserName === "alice",
      ),
    );
    await awsJson(a, [
      "iam",
      "put-user-policy",
      "--user-name",
      "alice",
      "--policy-name",
      "p",
      "--policy-document",
      S3_ALL,
    ]);
    assert.match(
      await awsError(a, ["iam", "delete-user", "--user-name", "alice"]),
      /\(DeleteConflict\).*must delete access keys first/,
    );
    for (const k of (await awsJson(a, ["iam", "list-access-keys", "--user-name", "alice"]))
      .AccessKeyMetadata as { AccessKeyId: string }[]) {
      await awsJson(a, [
        "iam",
        "delete-access-key",
        "--user-name",
        "alice",
        "--access-key-id",
        k.AccessKeyId,
      ]);
    }
    assert.match(
      await awsError(a, ["iam", "delete-user", "--user-name", "alice"]),
      /\(DeleteConflict\).*must delete policies first/,
    );
    await awsJson(a, ["iam", "delete-user-policy", "--user-name", "alice", "--policy-name", "p"]);
    await awsJson(a, ["iam", "delete-user", "--user-name", "alice"]);
    assert.match(
      await awsError(a, ["iam", "get-user", "--user-name", "alice"]),
      /\(NoSuchEntity\).*The user with name alice cannot be found\./,
    );
  });

  test("bad input: malformed and oversized documents, bad ARNs, model violations — clear errors, never a 5xx", async () => {
    const cases: { args: string[]; error: RegExp }[] = [
      {
        args: [
          "iam",
          "create-policy",
          "--policy-name",
          "x",
          "--policy-document",
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}',
        ],
        error: /\(MalformedPolicyDocument\).*Resource/,
      },
      {
        args: [
          "iam",
          "create-policy",
          "--policy-name",
          "x",
          "--policy-document",
          JSON.stringify(
            policy({
              Effect: "Allow",
              Action: "s3:*",
              Resource: "*",
              Condition: { StringEqualz: { "aws:username": "a" } },
            }),
          ),
        ],
        error: /\(MalformedPolicyDocument\).*Condition operator "StringEqualz" is not valid/,
      },
      {
        args: [
          "iam",
          "create-policy",
          "--policy-name",
          "x",
          "--policy-document",
          JSON.stringify(policy({ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" })),
        ],
        error: /\(MalformedPolicyDocument\).*should not specify a principal/,
      },
      {
        args: [
          "iam",
          "create-policy",
          "--policy-name",
          "x",
          "--policy-document",
          JSON.stringify(
            policy({
              Effect: "Allow",
              Action: Array.from({ length: 400 }, (_, i) => `s3:GetObjectNumber${i}`),
              Resource: "*",
            }),
          ),
        ],
        error: /\(LimitExceeded\).*Cannot exceed quota for PolicySize: 6144/,
      },
      {
        args: ["iam", "get-policy", "--policy-arn", "arn:aws:iam::123:policy"],
        error: /\(InvalidInput\).*is not valid/,
      },
      {
        args: ["iam", "get-role", "--role-name", "bad:name"],
        error: /\(ValidationError\).*roleName.*regular expression pattern/,
      },
      {
        args: ["iam", "create-role", "--role-name", "r", "--assume-role-policy-document", "{"],
        error: /\(MalformedPolicyDocument\)/,
      },
    ];
    assert.equal(cases.length, 7);
    for (const c of cases) {
      const stderr = await awsError(a, c.args);
      assert.match(stderr, c.error, c.args.join(" "));
      assert.doesNotMatch(stderr, /InternalFailure|ServiceFailure/);
    }
  });

  test("IAM errors have AWS's HTTP statuses (404, 409, 400) in the XML envelope", async () => {
    const call = (params: Record<string, string>) =>
      signedFetch(
        {
          method: "POST",
          url: `${a.url}/`,
          headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
          body: new URLSearchParams({ Version: "2010-05-08", ...params }).toString(),
        },
        admin,
        { service: "iam" },
      );
    await awsJson(a, [
      "iam",
      "create-role",
      "--role-name",
      "Status",
      "--assume-role-policy-document",
      TRUST(a.accountId),
    ]);
    await awsJson(a, [
      "iam",
      "put-role-policy",
      "--role-name",
      "Status",
      "--policy-name",
      "p",
      "--policy-document",
      S3_ALL,
    ]);
    const expectations: [Record<string, string>, number, string][] = [
      [{ Action: "GetRole", RoleName: "Missing" }, 404, "NoSuchEntity"],
      [
        { Action: "CreateRole", RoleName: "Status", AssumeRolePolicyDocument: TRUST(a.accountId) },
        409,
        "EntityAlreadyExists",
      ],
      [{ Action: "DeleteRole", RoleName: "Status" }, 409, "DeleteConflict"],
      [
        { Action: "PutRolePolicy", RoleName: "Status", PolicyName: "q", PolicyDocument: "{}" },
        400,
        "MalformedPolicyDocument",
      ],
      [{ Action: "GetPolicy", PolicyArn: "arn:aws:iam::1:policy/x" }, 400, "InvalidInput"],
      [{ Action: "GetRole", RoleName: "" }, 400, "ValidationError"],
      [
        {
          Action: "TagRole",
          RoleName: "Status",
          ...Object.fromEntries(
            Array.from({ length: 50 }, (_, i) => [
              [`Tags.member.${i + 1}.Key`, `k${i}`],
              [`Tags.member.${i + 1}.Value`, "v"],
            ]).flat(),
          ),
        },
        200,
        "",
      ],
      [
        {
          Action: "TagRole",
          RoleName: "Status",
          "Tags.member.1.Key": "one-more",
          "Tags.member.1.Value": "v",
        },
        409,
        "LimitExceeded",
      ],
      [{ Action: "CreateOpenIDConnectProvider", Url: "https://example.com" }, 400, "InvalidAction"],
    ];
    assert.equal(expectations.length, 9);
    for (const [params, status, code] of expectations) {
      const response = await call(params);
      assert.equal(response.status, status, `${params.Action}: ${String(response.body)}`);
      if (code !== "") {
        assert.match(
          String(response.body),
          new RegExp(
            `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code>`,
          ),
        );
      }
    }
  });

  test("GetUser without a name answers for the caller (the root: its account identity)", async () => {
    const root = (await awsJson(a, ["iam", "get-user"])).User as Record<string, unknown>;
    assert.equal(root.Arn, `arn:aws:iam::${a.accountId}:root`);
    assert.equal(root.UserId, a.accountId);
  });
});
