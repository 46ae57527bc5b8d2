import assert from "node:assert/strict";
import { test } from "node:test";
import { AwsCredentialsError, resolveAwsCredentials, type ResolveCredentialsInit } from "./credentials.js";

const HOME = "/home/u";
const files =
  (map: Record<string, string>): ResolveCredentialsInit["readFile"] =>
  async (path) =>
    map[path];

const CREDS = `[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secret-default

[dev]
aws_access_key_id = AKIDDEV
aws_secret_access_key = secret-dev
aws_session_token = token-dev

[sso]
sso_session = corp
`;
const CONFIG = `[profile cfg]
aws_access_key_id = AKIDCFG
aws_secret_access_key = secret-cfg
[profile role]
role_arn = arn:aws:iam::123456789012:role/x
`;

const CASES: readonly {
  name: string;
  init: Partial<ResolveCredentialsInit>;
  want: { id: string; token?: string; source: RegExp } | RegExp;
}[] = [
  {
    name: "environment keys",
    init: { env: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "t" } },
    want: { id: "AKIDENV", token: "t", source: /^environment/ },
  },
  {
    name: "environment keys win over AWS_PROFILE",
    init: { env: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "s", AWS_PROFILE: "dev" } },
    want: { id: "AKIDENV", source: /^environment/ },
  },
  {
    name: "an explicit profile wins over environment keys",
    init: { profile: "dev", env: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "s" } },
    want: { id: "AKIDDEV", token: "token-dev", source: /profile "dev" in \/home\/u\/\.aws\/credentials/ },
  },
  { name: "default profile", init: { env: {} }, want: { id: "AKIDDEFAULT", source: /profile "default"/ } },
  {
    name: "AWS_PROFILE",
    init: { env: { AWS_PROFILE: "dev" } },
    want: { id: "AKIDDEV", token: "token-dev", source: /dev/ },
  },
  {
    name: "profile from the config file",
    init: { env: { AWS_PROFILE: "cfg" } },
    want: { id: "AKIDCFG", source: /\/home\/u\/\.aws\/config/ },
  },
  {
    name: "AWS_SHARED_CREDENTIALS_FILE",
    init: { env: { AWS_SHARED_CREDENTIALS_FILE: "/x/admin.ini" } },
    want: { id: "AKIDADMIN", source: /\/x\/admin\.ini/ },
  },
  {
    name: "half-set environment",
    init: { env: { AWS_ACCESS_KEY_ID: "A" } },
    want: /AWS_SECRET_ACCESS_KEY is not; set both/,
  },
  {
    name: "SSO profile",
    init: { env: { AWS_PROFILE: "sso" } },
    want: /uses sso_session, which anchorage does not resolve/,
  },
  { name: "role profile", init: { env: { AWS_PROFILE: "role" } }, want: /uses role_arn/ },
  {
    name: "unknown profile",
    init: { env: { AWS_PROFILE: "nope" } },
    want: /profile "nope" has no aws_access_key_id/,
  },
  {
    name: "nothing at all",
    init: { env: { AWS_SHARED_CREDENTIALS_FILE: "/none", AWS_CONFIG_FILE: "/none" } },
    want: /^no AWS credentials: set AWS_ACCESS_KEY_ID/,
  },
];

test("resolveAwsCredentials: environment, profiles and shared files in order", async () => {
  assert.equal(CASES.length, 12);
  const readFile = files({
    [`${HOME}/.aws/credentials`]: CREDS,
    [`${HOME}/.aws/config`]: CONFIG,
    "/x/admin.ini": "[default]\naws_access_key_id=AKIDADMIN\naws_secret_access_key=sa\n",
  });
  for (const c of CASES) {
    const run = resolveAwsCredentials({ env: {}, readFile, home: HOME, ...c.init });
    if (c.want instanceof RegExp) {
      await assert.rejects(
        run,
        (e: unknown) =>
          e instanceof AwsCredentialsError && c.want instanceof RegExp && c.want.test(e.message),
        c.name,
      );
      continue;
    }
    const got = await run;
    assert.equal(got.accessKeyId, c.want.id, c.name);
    assert.equal(got.sessionToken, c.want.token, c.name);
    assert.match(got.source, c.want.source, c.name);
  }
});

test("no message names a secret", async () => {
  const readFile = files({ [`${HOME}/.aws/credentials`]: "[p]\naws_secret_access_key = TOPSECRET\n" });
  await assert.rejects(
    resolveAwsCredentials({ profile: "p", env: {}, readFile, home: HOME }),
    (e: unknown) => {
      assert.ok(e instanceof AwsCredentialsError);
      assert.doesNotMatch(e.message, /TOPSECRET/);
      return true;
    },
  );
});
