import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { CredentialsProviderError, chain } from "@smithy/property-provider";
import { parseX509Request, verifyX509Request } from "@anchorage/sigv4-x509";
import { recordingTransport } from "./create-session.fixture.js";
import { CreateSessionError } from "./create-session-error.js";
import { fromRolesAnywhere } from "./from-roles-anywhere.js";
import type { RolesAnywhereInit } from "./from-roles-anywhere.js";
import type { WireResponse } from "./http/http-request.js";
import { pki, readPki } from "./material/fixture-files.js";
import type { ReadFile } from "./material/index.js";

const T0 = Date.parse("2026-01-15T12:00:00Z");
const ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/TA",
  profileArn: "arn:aws:rolesanywhere:eu-west-1:123456789012:profile/PR",
  roleArn: "arn:aws:iam::123456789012:role/test-role",
};
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

const created = (expiration: string, n = 1): WireResponse => ({
  status: 201,
  statusText: "Created",
  headers: { "x-amzn-requestid": `req-${n}` },
  body: Buffer.from(
    JSON.stringify({
      credentialSet: [
        {
          assumedRoleUser: {
            arn: "arn:aws:sts::123456789012:assumed-role/test-role/1002",
            assumedRoleId: "AROA:1002",
          },
          credentials: {
            accessKeyId: `ASIA${n}`,
            secretAccessKey: SECRET,
            sessionToken: `token-${n}`,
            expiration,
          },
        },
      ],
    }),
  ),
});

/** A readFile seam over in-memory files that counts reads. */
function memoryFiles(files: Record<string, Buffer>): { readFile: ReadFile; reads: string[] } {
  const reads: string[] = [];
  const readFile: ReadFile = async (path) => {
    reads.push(path);
    const bytes = files[path];
    if (bytes === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
    return bytes;
  };
  return { readFile, reads };
}

const FILES = {
  "/c.pem": readPki("client-rsa.cert.pem"),
  "/k.pem": readPki("client-rsa.key.pem"),
  "/chain.pem": readPki("chain-intermediate.pem"),
  "/enc.pem": readPki("client-rsa.key.enc-pkcs8.pem"),
};

function setup(answers: WireResponse[], extra: Partial<RolesAnywhereInit> = {}) {
  const clock = { now: T0 };
  const files = memoryFiles(FILES);
  const transport = recordingTransport(answers);
  const provider = fromRolesAnywhere({
    ...ARNS,
    certificate: "/c.pem",
    privateKey: "/k.pem",
    intermediates: "/chain.pem",
    readFile: files.readFile,
    httpRequest: transport.httpRequest,
    now: () => clock.now,
    env: {},
    ...extra,
  });
  return { provider, clock, files, transport };
}

test("creating the provider does no I/O", () => {
  const { files, transport } = setup([created("2026-01-15T13:00:00Z")]);
  assert.deepEqual(files.reads, []);
  assert.equal(transport.sent.length, 0);
});

test("the first call signs CreateSession and returns the credentials with their expiration", async () => {
  const { provider, transport } = setup([created("2026-01-15T13:00:00Z")]);
  const credentials = await provider();
  assert.deepEqual(credentials, {
    accessKeyId: "ASIA1",
    secretAccessKey: SECRET,
    sessionToken: "token-1",
    expiration: new Date("2026-01-15T13:00:00Z"),
    accountId: "123456789012",
  });
  const { request } = transport.sent[0]!;
  assert.equal(
    request.url.origin,
    "https://rolesanywhere.eu-west-1.amazonaws.com",
    "region from the trust anchor ARN",
  );
  assert.equal(
    Buffer.from(request.body).toString(),
    "{}",
    "durationSeconds omitted: the profile's duration applies",
  );
  assert.match(
    request.headers.find(([n]) => n === "User-Agent")![1],
    /^anchorage\/\d+\.\d+\.\d+ \(node \d+\.\d+\.\d+; \w+; \w+\)$/,
  );
  const parsed = parseX509Request({
    method: "POST",
    rawUrl: `${request.url.pathname}${request.url.search}`,
    headers: request.headers.map(([n, v]) => [n, v] as [string, string]),
    body: Buffer.from(request.body),
  });
  const verified = verifyX509Request(parsed, { now: new Date(T0), region: "eu-west-1" });
  assert.equal(verified.serialNumber, "4098");
  assert.equal(verified.chain.length, 1);
});

test("durationSeconds and roleSessionName go in the body when given", async () => {
  const { provider, transport } = setup([created("2026-01-15T13:00:00Z")], {
    durationSeconds: 43200,
    roleSessionName: "app-1",
  });
  await provider();
  assert.equal(
    Buffer.from(transport.sent[0]!.request.body).toString(),
    '{"durationSeconds":43200,"roleSessionName":"app-1"}',
  );
});

test("concurrent callers share one CreateSession; later calls use the cache", async () => {
  const { provider, transport, files } = setup([created("2026-01-15T13:00:00Z")]);
  const all = await Promise.all(Array.from({ length: 10 }, () => provider()));
  assert.equal(transport.sent.length, 1);
  assert.ok(all.every((c) => c === all[0]));
  await provider();
  assert.equal(transport.sent.length, 1);
  assert.equal(files.reads.length, 3, "certificate, key and chain read once");
});

test("refreshes when fewer than 5 minutes remain (files re-read, so a renewed certificate is used)", async () => {
  const { provider, transport, clock, files } = setup([
    created("2026-01-15T13:00:00Z", 1),
    created("2026-01-15T14:00:00Z", 2),
  ]);
  assert.equal((await provider()).accessKeyId, "ASIA1");
  clock.now = Date.parse("2026-01-15T12:54:59Z");
  assert.equal((await provider()).accessKeyId, "ASIA1", "5 min 1 s left: still cached");
  assert.equal(transport.sent.length, 1);
  clock.now = Date.parse("2026-01-15T12:55:01Z");
  assert.equal((await provider()).accessKeyId, "ASIA2", "4 min 59 s left: refreshed");
  assert.equal(transport.sent.length, 2);
  assert.equal(files.reads.length, 6);
  const date = transport.sent[1]!.request.headers.find(([n]) => n === "X-Amz-Date")![1];
  assert.equal(date, "20260115T125501Z", "signed with the injected clock");
});

function assertProviderError(
  error: unknown,
  message: string | RegExp,
  tryNextLink: boolean,
  step: string,
): boolean {
  assert.ok(error instanceof CredentialsProviderError, String(error));
  assert.equal(error.name, "CredentialsProviderError");
  if (typeof message === "string") assert.equal(error.message, message);
  else assert.match(error.message, message);
  assert.equal(error.tryNextLink, tryNextLink);
  assert.ok(error.cause instanceof CreateSessionError);
  assert.equal(error.cause.step, step);
  assert.ok(!error.message.includes(SECRET));
  return true;
}

test("typed errors: each failure says which source and step failed, keeps the cause, and sets tryNextLink", async () => {
  const denied: WireResponse = {
    status: 403,
    statusText: "Forbidden",
    headers: { "x-amzn-errortype": "AccessDeniedException", "x-amzn-requestid": "rid-1" },
    body: Buffer.from('{"message":"Untrusted signing certificate"}'),
  };
  await assert.rejects(setup([denied]).provider(), (e) =>
    assertProviderError(
      e,
      "fromRolesAnywhere: CreateSession failed: AccessDeniedException: Untrusted signing certificate (HTTP 403, request id rid-1)",
      true,
      "http",
    ),
  );
  await assert.rejects(setup([created("2026-01-15T13:00:00Z")], { privateKey: "/enc.pem" }).provider(), (e) =>
    assertProviderError(
      e,
      "fromRolesAnywhere: cannot load the signing material: /enc.pem is an encrypted PKCS#8 key; pass passphrase, passphraseFile or set ANCHORAGE_PASSPHRASE",
      false,
      "load-material",
    ),
  );
  await assert.rejects(
    setup([created("2026-01-15T13:00:00Z")], { privateKey: "/missing.pem" }).provider(),
    (e) =>
      assertProviderError(
        e,
        /private key file \/missing\.pem does not exist; check the privateKey path/,
        false,
        "load-material",
      ),
  );
  await assert.rejects(setup([created("2026-01-15T13:00:00Z")], { durationSeconds: 60 }).provider(), (e) =>
    assertProviderError(
      e,
      /^fromRolesAnywhere: invalid configuration: durationSeconds 60 is out of range/,
      false,
      "configure",
    ),
  );
  const empty: WireResponse = {
    status: 201,
    statusText: "Created",
    headers: {},
    body: Buffer.from('{"credentialSet":[]}'),
  };
  await assert.rejects(setup([empty]).provider(), (e) =>
    assertProviderError(
      e,
      /^fromRolesAnywhere: CreateSession returned an unusable response: no credentials/,
      true,
      "parse-response",
    ),
  );
});

test("the encrypted key opens with passphrase, passphraseFile or ANCHORAGE_PASSPHRASE, never with a prompt", async () => {
  const { provider } = setup([created("2026-01-15T13:00:00Z")], {
    privateKey: "/enc.pem",
    passphrase: "test-password",
  });
  assert.equal((await provider()).accessKeyId, "ASIA1");
  const fromEnv = setup([created("2026-01-15T13:00:00Z")], {
    privateKey: "/enc.pem",
    env: { ANCHORAGE_PASSPHRASE: "test-password" },
  });
  assert.equal((await fromEnv.provider()).accessKeyId, "ASIA1");
});

test("a material error stops an SDK credential chain; a server error lets it try the next link", async () => {
  const next = async () => ({ accessKeyId: "FROM-NEXT", secretAccessKey: "x" });
  const broken = setup([created("2026-01-15T13:00:00Z")], { certificate: "/missing.pem" }).provider;
  await assert.rejects(chain(broken, next)(), (e) =>
    assertProviderError(e, /certificate file \/missing\.pem does not exist/, false, "load-material"),
  );
  const unreachable: WireResponse = {
    status: 503,
    statusText: "Service Unavailable",
    headers: {},
    body: Buffer.from(""),
  };
  const remote = setup([unreachable]).provider;
  assert.equal((await chain(remote, next)()).accessKeyId, "FROM-NEXT");
});

test("a failed call is not cached: the next call tries again", async () => {
  const denied: WireResponse = { status: 403, statusText: "", headers: {}, body: Buffer.from("{}") };
  const { provider, transport } = setup([denied, created("2026-01-15T13:00:00Z")]);
  await assert.rejects(provider());
  assert.equal((await provider()).accessKeyId, "ASIA1");
  assert.equal(transport.sent.length, 2);
});

test("the logger hears requests, statuses and the verifySsl warning, never a secret", async () => {
  const lines: string[] = [];
  const log = (...content: unknown[]) => lines.push(content.map(String).join(" "));
  const { provider } = setup([created("2026-01-15T13:00:00Z")], {
    verifySsl: false,
    passphrase: "pass-phrase-secret",
    logger: { debug: log, info: log, warn: log, error: log },
  });
  await provider();
  const text = lines.join("\n");
  assert.match(
    text,
    /verifySsl is false; the TLS certificate of https:\/\/rolesanywhere\.eu-west-1\.amazonaws\.com is not checked/,
  );
  assert.match(
    text,
    /CreateSession attempt 1: POST https:\/\/rolesanywhere\.eu-west-1\.amazonaws\.com\/sessions \(AWS4-X509-RSA-SHA256/,
  );
  assert.match(text, /CreateSession attempt 1: HTTP 201 \(request id req-1\)/);
  for (const secret of [SECRET, "token-1", "pass-phrase-secret", "PRIVATE KEY"])
    assert.ok(!text.includes(secret), secret);
});

test("paths on disk and PEM contents both work (the default readFile)", async () => {
  const transport = recordingTransport([created("2026-01-15T13:00:00Z")]);
  const provider = fromRolesAnywhere({
    ...ARNS,
    certificate: pki("client-ec-p256.cert.pem"),
    privateKey: readFileSync(pki("client-ec-p256.key.pem"), "utf8"),
    httpRequest: transport.httpRequest,
    now: () => T0,
  });
  assert.equal((await provider()).accessKeyId, "ASIA1");
  assert.match(
    transport.sent[0]!.request.headers.find(([n]) => n === "Authorization")![1],
    /^AWS4-X509-ECDSA-SHA256 /,
  );
});
