import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { join } from "node:path";
import test from "node:test";
import { gzipSync } from "node:zlib";
import { parseX509Request, verifyX509Request } from "@anchorage/sigv4-x509";
import { createSession, wireHeaders } from "./create-session.js";
import type { CreateSessionEvent, CreateSessionOptions } from "./create-session.js";
import { CreateSessionError } from "./create-session-error.js";
import {
  CREATESESSION_DIR,
  flag,
  loadCases,
  recordedResponse,
  recordingTransport,
} from "./create-session.fixture.js";
import { TransportError } from "./http/http-request.js";
import type { WireResponse } from "./http/http-request.js";
import { loadSigningMaterial } from "./material/index.js";
import type { SigningMaterial } from "./material/index.js";
import { CLI_OPTION_NAMES, resolveSessionConfig } from "./session-config.js";

const HELPER_UA = "CredHelper/1.4.0 (go1.19.8; linux; amd64)";
const PINNED = new Date("2026-01-15T12:00:00Z");
const ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
  profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
  roleArn: "arn:aws:iam::123456789012:role/test-role",
};

const material = (argv: readonly string[]): Promise<SigningMaterial> => {
  const at = (name: string) => {
    const v = flag(argv, name);
    return v === undefined ? undefined : join(CREATESESSION_DIR, v);
  };
  return loadSigningMaterial({
    certificate: at("certificate")!,
    privateKey: at("private-key"),
    intermediates: at("intermediates"),
    env: {},
  });
};

const fromAmzDate = (d: string): Date =>
  new Date(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`,
  );

test("all 14 recorded helper vectors: same URL, headers (order, case, values), body; RSA signatures byte-identical, ECDSA verified", async () => {
  const cases = loadCases("vectors.json");
  assert.equal(cases.length, 14);
  for (const c of cases) {
    const recorded = c.requests[0]!;
    const amzDate = recorded.rawHeaders.find(([n]) => n === "X-Amz-Date")![1];
    const duration = flag(c.argv, "session-duration");
    const config = resolveSessionConfig(
      {
        ...ARNS,
        trustAnchorArn: flag(c.argv, "trust-anchor-arn")!,
        profileArn: flag(c.argv, "profile-arn")!,
        region: flag(c.argv, "region"),
        endpoint: flag(c.argv, "endpoint"),
        durationSeconds: duration === undefined ? 3600 : Number(duration),
        roleSessionName: flag(c.argv, "role-session-name"),
      },
      CLI_OPTION_NAMES,
    );
    const { httpRequest, sent } = recordingTransport([recordedResponse(recorded.mockResponse)]);
    const result = await createSession({
      material: await material(c.argv),
      config,
      now: () => fromAmzDate(amzDate),
      userAgent: HELPER_UA,
      httpRequest,
    });
    assert.equal(sent.length, 1, c.id);
    const { request } = sent[0]!;
    assert.equal(`${request.url.pathname}${request.url.search}`, recorded.url, c.id);
    assert.equal(Buffer.from(request.body).toString("utf8"), recorded.bodyUtf8, c.id);
    const rsa = c.expect?.authorizationHeader != null;
    const strip = (h: readonly (readonly [string, string])[]) =>
      h.map(([n, v]) => [n, n === "Authorization" && !rsa ? v.replace(/Signature=[0-9a-f]+$/, "") : v]);
    assert.deepEqual(strip(request.headers), strip(recorded.rawHeaders), c.id);
    const parsed = parseX509Request({
      method: request.method,
      rawUrl: recorded.url,
      headers: request.headers.map(([n, v]) => [n, v] as [string, string]),
      body: Buffer.from(request.body),
    });
    assert.equal(parsed.canonicalRequest, c.expect!.canonicalRequest, c.id);
    assert.equal(parsed.stringToSign, c.expect!.stringToSign, c.id);
    verifyX509Request(parsed, { now: fromAmzDate(amzDate) });
    const credentials = (
      JSON.parse(recorded.mockResponse.body) as { credentialSet: [{ credentials: object }] }
    ).credentialSet[0].credentials;
    assert.deepEqual(result.credentials, credentials, c.id);
    assert.equal(result.attempts, 1);
    assert.equal(result.status, 201);
  }
});

const json = (status: number, headers: Record<string, string>, body: unknown): WireResponse => ({
  status,
  statusText: "",
  headers,
  body: Buffer.from(JSON.stringify(body)),
});
const CREATED = json(
  201,
  {},
  {
    credentialSet: [
      {
        credentials: {
          accessKeyId: "ASIA1",
          secretAccessKey: "s3cr3t",
          sessionToken: "t0k",
          expiration: "2045-01-01T00:00:00Z",
        },
      },
    ],
  },
);

interface Run {
  error?: CreateSessionError;
  sent: ReturnType<typeof recordingTransport>["sent"];
  sleeps: number[];
  clockReads: number;
  events: CreateSessionEvent[];
}

async function run(
  answers: (WireResponse | Error)[],
  extra: Partial<CreateSessionOptions> = {},
): Promise<Run> {
  const { httpRequest, sent } = recordingTransport(answers);
  const sleeps: number[] = [];
  const events: CreateSessionEvent[] = [];
  let clockReads = 0;
  const base = {
    material: await material([
      "--certificate",
      "pki/client-rsa.cert.pem",
      "--private-key",
      "pki/client-rsa.key.pem",
    ]),
    config: resolveSessionConfig({ ...ARNS, endpoint: "http://127.0.0.1:18443", durationSeconds: 3600 }),
    now: () => new Date(PINNED.getTime() + 1000 * clockReads++),
    httpRequest,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onEvent: (e: CreateSessionEvent) => events.push(e),
  };
  try {
    await createSession({ ...base, ...extra });
    return { sent, sleeps, clockReads, events };
  } catch (error) {
    assert.ok(error instanceof CreateSessionError, String(error));
    return { error, sent, sleeps, clockReads, events };
  }
}

test("the recorded error answers (errors.json): one line with the server's type and message; 500 retried 4 times", async () => {
  const recorded = Object.fromEntries(loadCases("errors.json").map((c) => [c.id, c]));
  const answer = (id: string) => recordedResponse(recorded[id]!.requests[0]!.mockResponse);
  const table: [string, string, number, number | undefined][] = [
    [
      "err-403-access-denied",
      "CreateSession failed: AccessDeniedException: Untrusted signing certificate (HTTP 403)",
      1,
      403,
    ],
    [
      "err-400-validation",
      "CreateSession failed: ValidationException: Invalid session duration (HTTP 400)",
      1,
      400,
    ],
    [
      "err-500-internal",
      "CreateSession failed: InternalServerException: Internal failure (HTTP 500, after 4 attempts)",
      4,
      500,
    ],
    [
      "err-empty-credential-set",
      "CreateSession returned an unusable response: no credentials were issued (credentialSet is empty); check the profile and role on the server",
      1,
      201,
    ],
  ];
  for (const [id, message, attempts, status] of table) {
    const r = await run([answer(id)]);
    assert.equal(r.error?.message, message, id);
    assert.equal(r.error?.attempts, attempts, id);
    assert.equal(r.error?.status, status, id);
    assert.equal(r.sent.length, recorded[id]!.requests.length, `${id}: as many requests as the helper made`);
  }
  assert.equal(table.length, 4);
  const denied = await run([answer("err-403-access-denied")]);
  assert.deepEqual(
    [denied.error?.step, denied.error?.errorType, denied.error?.serverMessage],
    ["http", "AccessDeniedException", "Untrusted signing certificate"],
  );
});

test("each retry is signed afresh with the clock, after the Go SDK's backoff", async () => {
  const r = await run([json(500, { "x-amzn-errortype": "InternalServerException" }, {})]);
  assert.equal(r.sent.length, 4);
  assert.equal(r.clockReads, 4);
  assert.deepEqual(r.sleeps, [45, 90, 180]);
  const dates = r.sent.map((s) => s.request.headers.find(([n]) => n === "X-Amz-Date")![1]);
  assert.deepEqual(dates, ["20260115T120000Z", "20260115T120001Z", "20260115T120002Z", "20260115T120003Z"]);
  assert.deepEqual(
    r.events.filter((e) => e.type === "response").map((e) => (e.type === "response" ? e.retryInMs : 0)),
    [45, 90, 180, undefined],
  );
});

test("a retry that succeeds returns the credentials and the attempt count", async () => {
  const { httpRequest, sent } = recordingTransport([json(503, {}, {}), CREATED]);
  const result = await createSession({
    material: await material([
      "--certificate",
      "pki/client-ec-p256.cert.pem",
      "--private-key",
      "pki/client-ec-p256.key.pem",
    ]),
    config: resolveSessionConfig({ ...ARNS, endpoint: "http://127.0.0.1:1" }),
    now: () => PINNED,
    httpRequest,
    sleep: async () => undefined,
  });
  assert.equal(result.attempts, 2);
  assert.equal(sent.length, 2);
  assert.equal(result.credentials.accessKeyId, "ASIA1");
  assert.equal(Buffer.from(sent[0]!.request.body).toString(), "{}", "no durationSeconds unless configured");
});

test("which answers are retried: 429 and throttling yes; 501 and 4xx no", async () => {
  const table: [WireResponse, number][] = [
    [json(429, {}, { message: "slow down" }), 4],
    [json(400, { "x-amzn-errortype": "ThrottlingException" }, {}), 4],
    [json(501, {}, {}), 1],
    [json(404, { "x-amzn-errortype": "ResourceNotFoundException" }, { message: "no such profile" }), 1],
  ];
  for (const [answer, attempts] of table)
    assert.equal((await run([answer])).sent.length, attempts, String(answer.status));
  assert.equal(table.length, 4);
});

test("messages: a request id, no error type, a gzip error body", async () => {
  const withId = await run([
    json(
      403,
      { "x-amzn-errortype": "AccessDeniedException", "x-amzn-requestid": "req-7" },
      { message: "Invalid signature" },
    ),
  ]);
  assert.equal(
    withId.error?.message,
    "CreateSession failed: AccessDeniedException: Invalid signature (HTTP 403, request id req-7)",
  );
  assert.equal(withId.error?.requestId, "req-7");
  const html: WireResponse = {
    status: 502,
    statusText: "Bad Gateway",
    headers: {},
    body: Buffer.from("<html/>"),
  };
  assert.equal(
    (await run([html])).error?.message,
    "CreateSession failed: HTTP 502 Bad Gateway (after 4 attempts)",
  );
  const gz: WireResponse = {
    status: 400,
    statusText: "Bad Request",
    headers: { "content-encoding": "gzip" },
    body: gzipSync(JSON.stringify({ __type: "x#ValidationException", message: "bad" })),
  };
  assert.equal((await run([gz])).error?.message, "CreateSession failed: ValidationException: bad (HTTP 400)");
});

test("a gzip success body is decoded", async () => {
  const r = await run([
    { ...CREATED, headers: { "content-encoding": "gzip" }, body: gzipSync(CREATED.body) },
  ]);
  assert.equal(r.error, undefined);
});

test("connection failures: refused is retried (4 attempts, as the helper), TLS verification is not", async () => {
  const refused = await run([new TransportError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:18443")]);
  assert.equal(refused.sent.length, 4);
  assert.equal(refused.error?.step, "connect");
  assert.equal(
    refused.error?.message,
    "cannot connect to http://127.0.0.1:18443: connect ECONNREFUSED 127.0.0.1:18443 (after 4 attempts)",
  );
  const tls = await run([new TransportError("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate")]);
  assert.equal(tls.sent.length, 1);
  assert.equal(tls.error?.message, "cannot connect to http://127.0.0.1:18443: self-signed certificate");
  const big = await run([
    new TransportError("ResponseTooLarge", "the response body is larger than 262144 bytes"),
  ]);
  assert.equal(big.error?.step, "parse-response");
});

test("a key that cannot sign fails in step sign, before anything is sent", async () => {
  const { privateKey } = generateKeyPairSync("ed25519");
  const base = await material([
    "--certificate",
    "pki/client-rsa.cert.pem",
    "--private-key",
    "pki/client-rsa.key.pem",
  ]);
  const r = await run([CREATED], { material: { ...base, privateKey } });
  assert.equal(r.error?.step, "sign");
  assert.match(r.error!.message, /^cannot sign the CreateSession request: .*ed25519/);
  assert.equal(r.sent.length, 0);
});

test("proxies: --with-proxy takes HTTPS_PROXY for https, ignores it without the flag, refuses SOCKS before sending", async () => {
  const https = resolveSessionConfig(ARNS);
  const env = { HTTPS_PROXY: "http://proxy.example:3128", NO_PROXY: "example.org" };
  const withProxy = await run([CREATED], { config: https, withProxy: true, env });
  assert.equal(withProxy.sent[0]!.options.proxy?.href, "http://proxy.example:3128/");
  assert.equal(withProxy.sent[0]!.request.url.host, "rolesanywhere.us-east-1.amazonaws.com");
  const without = await run([CREATED], { config: https, env });
  assert.equal(without.sent[0]!.options.proxy, undefined);
  const socks = await run([CREATED], {
    config: https,
    withProxy: true,
    env: { HTTPS_PROXY: "socks5://p:1080" },
  });
  assert.equal(socks.error?.step, "configure");
  assert.equal(socks.sent.length, 0);
});

test("transport options: TLS verification on by default, off on request; bounded times and size", async () => {
  const on = await run([CREATED]);
  assert.deepEqual(on.sent[0]!.options, {
    verifySsl: true,
    proxy: undefined,
    connectTimeoutMs: 10_000,
    timeoutMs: 30_000,
    maxResponseBytes: 256 * 1024,
  });
  const off = await run([CREATED], { verifySsl: false });
  assert.equal(off.sent[0]!.options.verifySsl, false);
});

test("wireHeaders puts Transfer-Encoding where Go does: after User-Agent, else after Host", () => {
  assert.deepEqual(
    wireHeaders([
      ["Host", "h"],
      ["User-Agent", "u"],
      ["Authorization", "a"],
    ]),
    [
      ["Host", "h"],
      ["User-Agent", "u"],
      ["Transfer-Encoding", "chunked"],
      ["Authorization", "a"],
    ],
  );
  assert.deepEqual(
    wireHeaders([
      ["Host", "h"],
      ["Authorization", "a"],
    ]),
    [
      ["Host", "h"],
      ["Transfer-Encoding", "chunked"],
      ["Authorization", "a"],
    ],
  );
});
