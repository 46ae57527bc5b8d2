// The real AWS CLI drives Anchorage's STS (issue 5 item 3): GetCallerIdentity for every kind of
// caller, AssumeRole's trust, permission, duration, chaining, tag, source-identity and
// session-policy rules, GetSessionToken, and the errors of bad, tampered and expired tokens.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { mintRoleSession } from "@anchorage/server";
import {
  AWS_CLI_MISSING,
  awsError,
  awsJson,
  createUserWithKey,
  keysOf,
  policy,
  signedFetch,
  startAnchorage,
  type Anchorage,
  type Keys,
} from "./iam-harness.fixture.js";

let a: Anchorage;
let alice: Keys & { arn: string };
let bob: Keys & { arn: string };
const roleArn = (name: string) => `arn:aws:iam::${a.accountId}:role/${name}`;

async function createRole(name: string, trust: object, inline?: object, extra: string[] = []) {
  await awsJson(a, [
    "iam",
    "create-role",
    "--role-name",
    name,
    "--assume-role-policy-document",
    JSON.stringify(trust),
    ...extra,
  ]);
  if (inline !== undefined) {
    await awsJson(a, [
      "iam",
      "put-role-policy",
      "--role-name",
      name,
      "--policy-name",
      "inline",
      "--policy-document",
      JSON.stringify(inline),
    ]);
  }
}

const trusting = (principal: object, actions: string[] = ["sts:AssumeRole"]) =>
  policy({ Effect: "Allow", Principal: principal, Action: actions });

describe("the AWS CLI drives STS", { skip: AWS_CLI_MISSING }, () => {
  before(async () => {
    a = await startAnchorage();
    alice = await createUserWithKey(a, "alice");
    bob = await createUserWithKey(
      a,
      "bob",
      policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }),
    );
    await createRole(
      "Direct",
      trusting({ AWS: alice.arn }),
      policy({ Effect: "Allow", Action: "iam:List*", Resource: "*" }),
    );
    await createRole("ByAccount", trusting({ AWS: a.accountId }));
    await createRole(
      "Tagged",
      trusting({ AWS: [alice.arn, bob.arn] }, ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]),
      policy({
        Effect: "Allow",
        Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
        Resource: "*",
      }),
      ["--max-session-duration", "7200"],
    );
    await createRole(
      "Chained",
      trusting({ AWS: roleArn("Tagged") }, ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]),
      policy({
        Effect: "Allow",
        Action: "iam:ListRoles",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalTag/team": "blue" } },
      }),
    );
  });
  after(() => a?.close());

  test("GetCallerIdentity: root, user, assumed role (no permission needed)", async () => {
    assert.deepEqual(await awsJson(a, ["sts", "get-caller-identity"]), {
      UserId: a.accountId,
      Account: a.accountId,
      Arn: `arn:aws:iam::${a.accountId}:root`,
    });
    const user = await awsJson(a, ["sts", "get-caller-identity"], alice);
    assert.equal(user.Arn, alice.arn);
    assert.match(String(user.UserId), /^AIDA/);
    const session = keysOf(
      await awsJson(
        a,
        ["sts", "assume-role", "--role-arn", roleArn("Direct"), "--role-session-name", "s1"],
        alice,
      ),
    );
    const me = await awsJson(a, ["sts", "get-caller-identity"], session);
    assert.equal(me.Arn, `arn:aws:sts::${a.accountId}:assumed-role/Direct/s1`);
    assert.match(String(me.UserId), /^AROA[A-Z2-7]{16}:s1$/);
    assert.match(session.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.ok((session.sessionToken ?? "").length < 2048);
  });

  test("AssumeRole: a trust policy naming the user suffices; naming the account needs an identity allow", async () => {
    assert.match(
      await awsError(
        a,
        ["sts", "assume-role", "--role-arn", roleArn("ByAccount"), "--role-session-name", "s-session"],
        alice,
      ),
      new RegExp(
        `\\(AccessDenied\\).*User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn("ByAccount")}`,
      ),
    );
    await awsJson(
      a,
      ["sts", "assume-role", "--role-arn", roleArn("ByAccount"), "--role-session-name", "s-session"],
      bob,
    );
    assert.match(
      await awsError(
        a,
        ["sts", "assume-role", "--role-arn", roleArn("Direct"), "--role-session-name", "s-session"],
        bob,
      ),
      /\(AccessDenied\).*sts:AssumeRole/,
      "the trust policy does not name bob",
    );
    assert.match(
      await awsError(a, [
        "sts",
        "assume-role",
        "--role-arn",
        roleArn("Direct"),
        "--role-session-name",
        "s-session",
      ]),
      /\(AccessDenied\).*Roles may not be assumed by root accounts\./,
    );
    assert.match(
      await awsError(
        a,
        ["sts", "assume-role", "--role-arn", roleArn("Missing"), "--role-session-name", "s-session"],
        bob,
      ),
      /\(AccessDenied\)/,
    );
  });

  test("DurationSeconds: the role's maximum, and the one-hour role-chaining cap", async () => {
    assert.match(
      await awsError(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Direct"),
          "--role-session-name",
          "s-session",
          "--duration-seconds",
          "7200",
        ],
        alice,
      ),
      /\(ValidationError\).*The requested DurationSeconds exceeds the MaxSessionDuration set for this role\./,
    );
    const out = await awsJson(
      a,
      [
        "sts",
        "assume-role",
        "--role-arn",
        roleArn("Tagged"),
        "--role-session-name",
        "s-session",
        "--duration-seconds",
        "7200",
      ],
      alice,
    );
    const expiresIn =
      new Date(String((out.Credentials as { Expiration: string }).Expiration)).getTime() - Date.now();
    assert.ok(expiresIn > 7000_000 && expiresIn <= 7200_000, String(expiresIn));
    const session = keysOf(out);
    assert.match(
      await awsError(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Chained"),
          "--role-session-name",
          "c-session",
          "--duration-seconds",
          "7200",
        ],
        session,
      ),
      /\(ValidationError\).*The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining\./,
    );
    await awsJson(
      a,
      ["sts", "assume-role", "--role-arn", roleArn("Chained"), "--role-session-name", "c-session"],
      session,
    );
    assert.match(
      await awsError(a, ["sts", "get-session-token"], session),
      /\(AccessDenied\).*Cannot call GetSessionToken with session credentials/,
    );
  });

  test("session tags need sts:TagSession; transitive tags reach chained sessions' conditions", async () => {
    assert.match(
      await awsError(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Direct"),
          "--role-session-name",
          "s-session",
          "--tags",
          "Key=team,Value=blue",
        ],
        alice,
      ),
      /\(AccessDenied\).*sts:TagSession/,
    );
    const plain = keysOf(
      await awsJson(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Tagged"),
          "--role-session-name",
          "p-session",
          "--tags",
          "Key=team,Value=blue",
        ],
        alice,
      ),
    );
    const plainChained = keysOf(
      await awsJson(
        a,
        ["sts", "assume-role", "--role-arn", roleArn("Chained"), "--role-session-name", "c-session"],
        plain,
      ),
    );
    assert.match(
      await awsError(a, ["iam", "list-roles"], plainChained),
      /\(AccessDenied\).*because no identity-based policy allows the iam:ListRoles action/,
    );
    const tagged = await awsJson(
      a,
      [
        "sts",
        "assume-role",
        "--role-arn",
        roleArn("Tagged"),
        "--role-session-name",
        "t-session",
        "--tags",
        "Key=team,Value=blue",
        "--transitive-tag-keys",
        "team",
      ],
      alice,
    );
    assert.equal(typeof tagged.PackedPolicySize, "number");
    const chained = keysOf(
      await awsJson(
        a,
        ["sts", "assume-role", "--role-arn", roleArn("Chained"), "--role-session-name", "c-session"],
        keysOf(tagged),
      ),
    );
    await awsJson(a, ["iam", "list-roles"], chained);
    assert.match(
      await awsError(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Chained"),
          "--role-session-name",
          "c-session",
          "--tags",
          "Key=TEAM,Value=red",
        ],
        keysOf(tagged),
      ),
      /\(ValidationError\).*transitive tag of the calling session/,
    );
    assert.match(
      await awsError(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Tagged"),
          "--role-session-name",
          "t-session",
          "--tags",
          "Key=a,Value=1",
          "--transitive-tag-keys",
          "b",
        ],
        alice,
      ),
      /\(ValidationError\).*must be included in the requested tags/,
    );
    assert.match(
      await awsError(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Tagged"),
          "--role-session-name",
          "t-session",
          "--tags",
          "Key=a,Value=1",
          "Key=A,Value=2",
        ],
        alice,
      ),
      /\(ValidationError\).*Duplicate tag keys found/,
    );
    const tags = Array.from(
      { length: 50 },
      (_, i) => `Key=k${i}${randomBytes(30).toString("hex")},Value=${randomBytes(60).toString("hex")}`,
    );
    assert.match(
      await awsError(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Tagged"),
          "--role-session-name",
          "t-session",
          "--tags",
          ...tags,
        ],
        alice,
      ),
      /\(PackedPolicyTooLarge\).*Packed policy consumes \d+% of allotted space/,
    );
  });

  test("SourceIdentity needs sts:SetSourceIdentity, is reported, and cannot change along a chain", async () => {
    assert.match(
      await awsError(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Direct"),
          "--role-session-name",
          "s-session",
          "--source-identity",
          "alice",
        ],
        alice,
      ),
      /\(AccessDenied\).*sts:SetSourceIdentity/,
    );
    const out = await awsJson(
      a,
      [
        "sts",
        "assume-role",
        "--role-arn",
        roleArn("Tagged"),
        "--role-session-name",
        "s-session",
        "--source-identity",
        "alice",
      ],
      alice,
    );
    assert.equal(out.SourceIdentity, "alice");
    const chained = await awsJson(
      a,
      ["sts", "assume-role", "--role-arn", roleArn("Chained"), "--role-session-name", "c-session"],
      keysOf(out),
    );
    assert.equal(chained.SourceIdentity, "alice", "carried along");
    assert.match(
      await awsError(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Chained"),
          "--role-session-name",
          "c-session",
          "--source-identity",
          "mallory",
        ],
        keysOf(out),
      ),
      /\(ValidationError\).*SourceIdentity cannot be changed once set/,
    );
  });

  test("session policies (Policy, PolicyArns) narrow the session", async () => {
    const narrowed = keysOf(
      await awsJson(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Direct"),
          "--role-session-name",
          "n-session",
          "--policy",
          JSON.stringify(policy({ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" })),
        ],
        alice,
      ),
    );
    await awsJson(a, ["iam", "list-roles"], narrowed);
    assert.match(
      await awsError(a, ["iam", "list-users"], narrowed),
      /\(AccessDenied\).*because no session policy allows the iam:ListUsers action/,
    );
    const byArn = keysOf(
      await awsJson(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Direct"),
          "--role-session-name",
          "n-session",
          "--policy-arns",
          "arn=arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        ],
        alice,
      ),
    );
    assert.match(
      await awsError(a, ["iam", "list-roles"], byArn),
      /\(AccessDenied\).*because no session policy allows/,
    );
    assert.match(
      await awsError(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Direct"),
          "--role-session-name",
          "n-session",
          "--policy",
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}',
        ],
        alice,
      ),
      /\(MalformedPolicyDocument\).*Resource/,
    );
    assert.match(
      await awsError(
        a,
        [
          "sts",
          "assume-role",
          "--role-arn",
          roleArn("Direct"),
          "--role-session-name",
          "n-session",
          "--policy-arns",
          `arn=arn:aws:iam::${a.accountId}:policy/Nope`,
        ],
        alice,
      ),
      /\(ValidationError\).*does not exist or is not attachable/,
    );
  });

  test("GetSessionToken: a user's own permissions for 12 hours by default; the root's for at most one", async () => {
    const out = await awsJson(a, ["sts", "get-session-token"], alice);
    const session = keysOf(out);
    const hours =
      (new Date(String((out.Credentials as { Expiration: string }).Expiration)).getTime() - Date.now()) /
      3600_000;
    assert.ok(hours > 11.9 && hours <= 12, String(hours));
    assert.equal((await awsJson(a, ["sts", "get-caller-identity"], session)).Arn, alice.arn);
    const root = await awsJson(a, ["sts", "get-session-token", "--duration-seconds", "7200"]);
    const rootHours =
      (new Date(String((root.Credentials as { Expiration: string }).Expiration)).getTime() - Date.now()) /
      3600_000;
    assert.ok(rootHours <= 1 && rootHours > 0.9, String(rootHours));
    await awsJson(a, ["iam", "list-users"], keysOf(root));
  });

  test("bad, tampered, misplaced and expired session tokens: InvalidClientTokenId / ExpiredToken", async () => {
    const session = keysOf(
      await awsJson(
        a,
        ["sts", "assume-role", "--role-arn", roleArn("Direct"), "--role-session-name", "s-session"],
        alice,
      ),
    );
    const token = session.sessionToken ?? "";
    const flipped = `${token.slice(0, 40)}${token[40] === "A" ? "B" : "A"}${token.slice(41)}`;
    const cases: [Keys, RegExp][] = [
      [
        { ...session, sessionToken: flipped },
        /\(InvalidClientTokenId\).*The security token included in the request is invalid\./,
      ],
      [{ ...session, sessionToken: "not-a-token" }, /\(InvalidClientTokenId\)/],
      [{ ...session, accessKeyId: "ASIAAAAAAAAAAAAAAAAA" }, /\(InvalidClientTokenId\)/],
      [
        { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey },
        /\(InvalidClientTokenId\)/,
      ],
      [{ ...session, secretAccessKey: "x".repeat(40) }, /\(SignatureDoesNotMatch\)/],
    ];
    for (const [keys, error] of cases)
      assert.match(await awsError(a, ["sts", "get-caller-identity"], keys), error);

    // A session minted two hours ago (the minting clock is injected), used now.
    const role = await a.server.store.roles.get("Direct");
    assert.ok(role !== undefined);
    const past = new Date(Date.now() - 2 * 3600_000);
    const expired = await mintRoleSession(
      { store: a.server.store, clock: () => past, random: randomBytes, accountId: a.accountId },
      { role, sessionName: "old", durationSeconds: 3600, issuer: alice.arn },
    );
    assert.match(
      await awsError(a, ["sts", "get-caller-identity"], {
        accessKeyId: expired.accessKeyId,
        secretAccessKey: expired.secretAccessKey,
        sessionToken: expired.sessionToken,
      }),
      /\(ExpiredToken\).*The security token included in the request is expired/,
    );
  });

  test("STS errors raised before authentication carry the STS namespace (header and presigned forms)", async () => {
    const body = new URLSearchParams({ Action: "GetCallerIdentity", Version: "2011-06-15" }).toString();
    const bad = await signedFetch(
      {
        method: "POST",
        url: `${a.url}/`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      },
      { ...alice, secretAccessKey: "x".repeat(40) },
      { service: "sts" },
    );
    assert.equal(bad.status, 403);
    assert.match(
      String(bad.body),
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>SignatureDoesNotMatch<\/Code>/,
    );
    const presigned = await fetch(
      `${a.url}/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${encodeURIComponent(`${alice.accessKeyId}/20200101/us-east-1/sts/aws4_request`)}&X-Amz-Date=20200101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=${"0".repeat(64)}`,
    );
    assert.equal(presigned.status, 400);
    assert.match(
      await presigned.text(),
      /xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/".*<Code>RequestExpired<\/Code>/,
    );
  });
});
