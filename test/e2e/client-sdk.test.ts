// REAL PEER: @aws-sdk/client-sts with `credentials: fromRolesAnywhere({...})`, in process, against the
// verifying test endpoint (CreateSession checked with sigv4-x509, STS with the minted secret).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { createCredentialChain } from "@aws-sdk/credential-providers";
import { CreateSessionError, fromRolesAnywhere } from "@anchorage/credential-provider";
import type { RolesAnywhereInit } from "@anchorage/credential-provider";
import { CredentialsProviderError } from "@smithy/property-provider";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { FIXTURES } from "./client-harness.js";
import { ACCOUNT, ROLE_ARN, startPeerEndpoint } from "./client-peer-endpoint.js";
import type { PeerEndpoint } from "./client-peer-endpoint.js";

const clock = { offset: 0 };
const now = () => Date.now() + clock.offset;
let endpoint: PeerEndpoint;
before(async () => {
  endpoint = await startPeerEndpoint("us-east-1", now);
});
after(() => endpoint.close());

const pki = (name: string) => join(FIXTURES, "pki", name);
const init = (extra: Partial<RolesAnywhereInit> = {}): RolesAnywhereInit => ({
  certificate: pki("client-rsa.cert.pem"),
  privateKey: pki("client-rsa.key.pem"),
  intermediates: pki("chain-intermediate.pem"),
  trustAnchorArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/TA`,
  profileArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/PR`,
  roleArn: ROLE_ARN,
  endpoint: endpoint.url,
  now,
  ...extra,
});
const sts = (credentials: AwsCredentialIdentityProvider) =>
  new STSClient({ region: "us-east-1", endpoint: endpoint.url, credentials, maxAttempts: 1 });
const callerArn = async (client: STSClient) => (await client.send(new GetCallerIdentityCommand({}))).Arn;
const entries = (from: number) => endpoint.log.slice(from).map((l) => l.replace(/ASIA\w+/, "ASIA…"));

test("STSClient with fromRolesAnywhere: GetCallerIdentity signed with the minted credentials", async () => {
  const from = endpoint.log.length;
  assert.equal(
    await callerArn(sts(fromRolesAnywhere(init()))),
    `arn:aws:sts::${ACCOUNT}:assumed-role/test-role/4098`,
  );
  assert.deepEqual(entries(from), [
    "CreateSession: rsa serial 4098 duration (profile)",
    "STS: GetCallerIdentity by ASIA…",
  ]);
});

test("concurrent SDK calls share one CreateSession", async () => {
  const client = sts(
    fromRolesAnywhere(
      init({ certificate: pki("client-ec-p256.cert.pem"), privateKey: pki("client-ec-p256.key.pem") }),
    ),
  );
  const from = endpoint.log.length;
  const arns = await Promise.all(Array.from({ length: 8 }, () => callerArn(client)));
  assert.ok(arns.every((a) => a === `arn:aws:sts::${ACCOUNT}:assumed-role/test-role/4099`));
  const log = entries(from);
  assert.equal(log.filter((l) => l.startsWith("CreateSession")).length, 1);
  assert.equal(log.filter((l) => l.startsWith("STS")).length, 8);
});

test("credentials are refreshed when fewer than 5 minutes remain (clock injected on both sides)", async () => {
  // The SDK client memoizes identities too, by the REAL clock: it asks the provider again only when
  // fewer than 5 minutes remain in real time. So run the provider's (and the endpoint's) clock 11
  // minutes behind: 15-minute credentials then have 4 real minutes left (the SDK asks every call) but
  // 15 provider minutes (the provider answers from its cache). Moving the clock to real time leaves 4
  // provider minutes: the provider fetches new credentials.
  const client = sts(fromRolesAnywhere(init({ durationSeconds: 900 })));
  const from = endpoint.log.length;
  try {
    clock.offset = -11 * 60_000;
    await callerArn(client);
    await callerArn(client);
    assert.equal(
      entries(from).filter((l) => l.startsWith("CreateSession")).length,
      1,
      "cached by the provider",
    );
    clock.offset = 0;
    await callerArn(client);
  } finally {
    clock.offset = 0;
  }
  const log = entries(from);
  assert.deepEqual(
    log.filter((l) => l.startsWith("CreateSession")),
    ["CreateSession: rsa serial 4098 duration 900", "CreateSession: rsa serial 4098 duration 900"],
  );
  assert.equal(log.filter((l) => l.startsWith("STS: GetCallerIdentity")).length, 3);
});

async function rejection(provider: AwsCredentialIdentityProvider): Promise<CredentialsProviderError> {
  const error: unknown = await sts(provider)
    .send(new GetCallerIdentityCommand({}))
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  assert.ok(
    error instanceof CredentialsProviderError,
    `expected a CredentialsProviderError, got ${String(error)}`,
  );
  assert.ok(error.cause instanceof CreateSessionError);
  return error;
}

test("typed errors reach the SDK caller: server refusal, unreachable endpoint, missing file, bad configuration", async () => {
  endpoint.failWith({ status: 403, type: "AccessDeniedException", message: "Untrusted signing certificate" });
  try {
    const denied = await rejection(fromRolesAnywhere(init()));
    assert.equal(
      denied.message,
      "fromRolesAnywhere: CreateSession failed: AccessDeniedException: Untrusted signing certificate (HTTP 403)",
    );
    assert.deepEqual(
      [(denied.cause as CreateSessionError).step, (denied.cause as CreateSessionError).status],
      ["http", 403],
    );
  } finally {
    endpoint.failWith(undefined);
  }
  const refused = await rejection(fromRolesAnywhere(init({ endpoint: "http://127.0.0.1:1" })));
  assert.equal(
    refused.message,
    "fromRolesAnywhere: cannot connect to http://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1 (after 4 attempts)",
  );
  assert.equal(refused.tryNextLink, true);
  const missing = await rejection(fromRolesAnywhere(init({ privateKey: pki("nope.pem") })));
  assert.match(
    missing.message,
    /^fromRolesAnywhere: cannot load the signing material: private key file .*nope\.pem does not exist; check the privateKey path$/,
  );
  assert.equal(missing.tryNextLink, false);
  const misconfigured = await rejection(fromRolesAnywhere(init({ roleSessionName: "has space" })));
  assert.match(
    misconfigured.message,
    /^fromRolesAnywhere: invalid configuration: roleSessionName "has space"/,
  );
  assert.equal(misconfigured.tryNextLink, false);
});

test("in the SDK's own credential chain, a material error stops the chain; a server error falls through", async () => {
  let fallbackCalls = 0;
  const fallback: AwsCredentialIdentityProvider = async () => {
    fallbackCalls++;
    return { accessKeyId: "AKIAFALLBACK", secretAccessKey: "fallback" };
  };
  const broken = createCredentialChain(fromRolesAnywhere(init({ certificate: pki("nope.pem") })), fallback);
  const error = await rejection(broken);
  assert.match(error.message, /certificate file .*nope\.pem does not exist/);
  assert.equal(fallbackCalls, 0, "tryNextLink: false stopped the chain");

  endpoint.failWith({ status: 503, type: "ServiceUnavailableException", message: "down" });
  try {
    const chained = createCredentialChain(fromRolesAnywhere(init()), fallback);
    const result = await sts(chained)
      .send(new GetCallerIdentityCommand({}))
      .catch((e: unknown) => e);
    assert.equal(fallbackCalls, 1, "the endpoint being down lets the chain try the next source");
    assert.match(
      String((result as Error).name),
      /InvalidClientTokenId/,
      "the fallback's credentials reached STS",
    );
  } finally {
    endpoint.failWith(undefined);
  }
});
