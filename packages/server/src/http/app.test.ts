import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { buildApp, type AppOptions } from "./app.js";
import { AnchorageError } from "./errors.js";
import { captureLog } from "./captured-log.fixture.js";
import { parseJsonBody } from "./json-body.js";

const NOW = new Date("2024-05-01T12:00:00Z");
const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Deterministic randomness: byte n of every draw is the draw's sequence number. */
function countingRandom() {
  let n = 0;
  return (size: number) => Buffer.alloc(size, ++n);
}

function testApp(overrides: Partial<AppOptions> = {}) {
  const app = buildApp({
    clock: () => NOW,
    log: { level: "silent" },
    random: countingRandom(),
    ...overrides,
  });
  app.post("/json", { config: { protocol: "rest-json", auth: "none" } }, async (request) =>
    parseJsonBody(request.body as Buffer),
  );
  app.post("/query", { config: { protocol: "query", auth: "none", xmlNamespace: IAM_NS } }, async () => {
    throw new AnchorageError("NotFound", "The role with name Foo cannot be found.");
  });
  app.get("/boom", { config: { protocol: "rest-json", auth: "none" } }, async () => {
    throw new Error("connection to postgres://admin:hunter2@db failed");
  });
  app.get("/boom-query", { config: { protocol: "query", auth: "none", xmlNamespace: IAM_NS } }, async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'hunter2')");
  });
  return app;
}

async function listen(app: ReturnType<typeof buildApp>): Promise<number> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  assert.ok(address !== null && typeof address === "object");
  return address.port;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
  agent?: false,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: "127.0.0.1",
      port,
      method,
      path,
      headers,
      ...(agent === false ? { agent: false } : {}),
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("every response carries a fresh request id from the injected randomness, also in the log", async () => {
  const log = captureLog();
  const app = testApp({ log: log.logger });
  const first = await app.inject({ method: "GET", url: "/-/health" });
  const second = await app.inject({ method: "GET", url: "/no/such/route" });
  assert.equal(first.headers["x-amzn-requestid"], "01010101-0101-4101-8101-010101010101");
  assert.equal(second.headers["x-amzn-requestid"], "02020202-0202-4202-8202-020202020202");
  const records = log.records();
  assert.deepEqual(
    records.map((r) => r["requestId"]),
    [first.headers["x-amzn-requestid"], second.headers["x-amzn-requestid"]],
  );
  await app.close();
});

test("the default request ids are random version 4 UUIDs", async () => {
  const app = buildApp({ clock: () => NOW, log: { level: "silent" } });
  const ids = await Promise.all(
    [1, 2, 3].map(async () => (await app.inject({ url: "/-/health" })).headers["x-amzn-requestid"]),
  );
  assert.equal(new Set(ids).size, 3);
  for (const id of ids) assert.match(String(id), UUID);
  await app.close();
});

test("every response has a Date header from the injected clock, errors included", async () => {
  const app = testApp();
  for (const url of ["/-/health", "/missing", "/boom"]) {
    assert.equal((await app.inject({ url })).headers["date"], "Wed, 01 May 2024 12:00:00 GMT", url);
  }
  await app.close();
});

test('GET /-/health answers 200 {"status":"ok"} without authentication', async () => {
  const app = testApp();
  const res = await app.inject({ method: "GET", url: "/-/health" });
  assert.deepEqual(
    [res.statusCode, res.json(), res.headers["content-type"]],
    [200, { status: "ok" }, "application/json; charset=utf-8"],
  );
  await app.close();
});

test("GET /-/metrics exposes request counts by route and status in Prometheus format", async () => {
  const app = testApp();
  await app.inject({ url: "/-/health" });
  await app.inject({ url: "/-/health" });
  await app.inject({ url: "/missing/1" });
  const res = await app.inject({ url: "/-/metrics" });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers["content-type"]), /^text\/plain; version=0\.0\.4/);
  assert.match(
    res.body,
    /^anchorage_http_requests_total\{method="GET",route="\/-\/health",status="200"\} 2$/m,
  );
  assert.match(res.body, /^anchorage_http_requests_total\{method="GET",route="unmatched",status="404"\} 1$/m);
  assert.match(
    res.body,
    /^anchorage_http_request_duration_seconds_count\{method="GET",route="\/-\/health",status="200"\} 2$/m,
  );
  await app.close();
});

test("a body over the limit is 413 with the limit in the message, never a 500 (real HTTP, 2 MiB)", async () => {
  const app = testApp();
  const port = await listen(app);
  const json = await http(
    port,
    "POST",
    "/json",
    { "content-type": "application/json" },
    Buffer.alloc(2 * 1024 * 1024, 0x20),
  );
  assert.equal(json.status, 413);
  assert.equal(json.headers["x-amzn-errortype"], "RequestEntityTooLargeException");
  assert.deepEqual(JSON.parse(json.body), {
    message: "The request body is larger than this server's limit of 1048576 bytes; send a smaller body.",
  });
  const chunked = await http(
    port,
    "POST",
    "/query",
    { "transfer-encoding": "chunked", "content-type": "application/x-www-form-urlencoded" },
    Buffer.alloc(1100 * 1024, 0x61),
  );
  assert.equal(chunked.status, 413);
  assert.match(
    chunked.body,
    /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>RequestEntityTooLarge<\/Code>/,
  );
  await app.close();
});

test("the body limit is configurable", async () => {
  const app = testApp({ bodyLimit: 16 });
  const res = await app.inject({
    method: "POST",
    url: "/json",
    headers: { "content-type": "application/json" },
    payload: '{"a":"0123456789"}',
  });
  assert.equal(res.statusCode, 413);
  assert.match(res.json<{ message: string }>().message, /limit of 16 bytes/);
  await app.close();
});

test("bodies reach handlers as the exact bytes, whatever the content type", async () => {
  const app = buildApp({ clock: () => NOW, log: { level: "silent" } });
  app.post("/bytes", { config: { protocol: "rest-json", auth: "none" } }, async (request) => ({
    hex: Buffer.isBuffer(request.body) ? request.body.toString("hex") : null,
  }));
  const port = await listen(app);
  const bytes = Buffer.from([0x7b, 0x22, 0xff, 0x00, 0x7d]);
  const variants: Array<Record<string, string>> = [
    { "content-type": "application/json" },
    { "content-type": "application/x-amz-json-1.0" },
    { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    {},
  ];
  for (const headers of variants) {
    const res = await http(port, "POST", "/bytes", headers, bytes);
    assert.deepEqual(
      [res.status, JSON.parse(res.body)],
      [200, { hex: "7b22ff007d" }],
      JSON.stringify(headers),
    );
  }
  await app.close();
});

test("an unknown route is 404 UnknownOperationException", async () => {
  const app = testApp();
  const res = await app.inject({ method: "DELETE", url: "/trustanchor/x?secret=1" });
  assert.equal(res.statusCode, 404);
  assert.equal(res.headers["x-amzn-errortype"], "UnknownOperationException");
  assert.deepEqual(res.json(), { message: "No operation matches DELETE /trustanchor/x." });
  await app.close();
});

test("malformed JSON is 400 SerializationException, not a 500", async () => {
  const app = testApp();
  const res = await app.inject({
    method: "POST",
    url: "/json",
    headers: { "content-type": "application/json" },
    payload: '{"name": ',
  });
  assert.equal(res.statusCode, 400);
  assert.equal(res.headers["x-amzn-errortype"], "SerializationException");
  assert.match(res.json<{ message: string }>().message, /^The request body is not valid JSON/);
  await app.close();
});

test("a table error on a Query route is an XML ErrorResponse echoing the request id", async () => {
  const app = testApp();
  const res = await app.inject({
    method: "POST",
    url: "/query",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: "Action=GetRole",
  });
  const id = String(res.headers["x-amzn-requestid"]);
  assert.equal(res.statusCode, 404);
  assert.equal(res.headers["content-type"], "text/xml");
  assert.equal(
    res.body,
    `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name Foo cannot be found.</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
  );
  await app.close();
});

test("an unexpected throw is a 500 with a generic message; the real error is only in the log", async () => {
  const log = captureLog();
  const app = testApp({ log: log.logger });
  const json = await app.inject({ url: "/boom" });
  assert.equal(json.statusCode, 500);
  assert.equal(json.headers["x-amzn-errortype"], "InternalFailure");
  assert.deepEqual(json.json(), { message: "An internal error occurred" });
  const xml = await app.inject({ url: "/boom-query" });
  assert.equal(xml.statusCode, 500);
  assert.match(
    xml.body,
    /<Type>Receiver<\/Type><Code>InternalFailure<\/Code><Message>An internal error occurred<\/Message>/,
  );
  assert.ok(!json.body.includes("hunter2") && !xml.body.includes("hunter2"));
  const errors = log.records().filter((r) => r["msg"] === "internal failure");
  assert.deepEqual(
    errors.map((r) => [r["requestId"], (r["err"] as { message: string }).message]),
    [
      [json.headers["x-amzn-requestid"], "connection to postgres://admin:hunter2@db failed"],
      [xml.headers["x-amzn-requestid"], "Cannot read properties of undefined (reading 'hunter2')"],
    ],
  );
  await app.close();
});

test("logs never contain credentials: Authorization, security tokens, presigned signatures", async () => {
  const log = captureLog();
  const app = buildApp({ clock: () => NOW, log: log.logger });
  app.get("/echo", { config: { protocol: "rest-json", auth: "none" } }, async (request) => {
    request.log.info({ headers: request.headers }, "a handler logging its headers");
    return {};
  });
  const port = await listen(app);
  await http(
    port,
    "GET",
    "/echo?X-Amz-Security-Token=QUERYTOKENSECRET&X-Amz-Signature=QUERYSIGSECRET&pageSize=5",
    {
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIAPUBLICKEYID/20240501/us-east-1/rolesanywhere/aws4_request, SignedHeaders=host, Signature=HEADERSIGSECRET",
      "x-amz-security-token": "HEADERTOKENSECRET",
    },
  );
  await app.close();
  const text = log.text();
  for (const secret of ["QUERYTOKENSECRET", "QUERYSIGSECRET", "HEADERSIGSECRET", "HEADERTOKENSECRET"]) {
    assert.ok(!text.includes(secret), `${secret} is in the log:\n${text}`);
  }
  assert.match(
    text,
    /"url":"\/echo\?X-Amz-Security-Token=\[redacted\]&X-Amz-Signature=\[redacted\]&pageSize=5"/,
  );
  assert.match(text, /"authorization":"\[redacted\]"/);
  const perRequest = log.records().filter((r) => !String(r["msg"]).startsWith("Server listening"));
  assert.equal(perRequest.length, 2);
  assert.equal(
    new Set(perRequest.map((r) => r["requestId"])).size,
    1,
    "every line of the request carries its id",
  );
});

test("a route must declare its protocol and authentication", () => {
  const app = buildApp({ clock: () => NOW, log: { level: "silent" } });
  assert.throws(() => app.get("/x", async () => ({})), /GET \/x: config\.protocol must be/);
  assert.throws(
    () => app.get("/y", { config: { protocol: "rest-json" } }, async () => ({})),
    /config\.auth must be/,
  );
  assert.throws(
    () =>
      app.get(
        "/z",
        { config: { protocol: "rest-json", auth: { services: ["rolesanywhere"] } } },
        async () => ({}),
      ),
    /requires authentication but buildApp was given no authenticate/,
  );
});

test("translateError maps other layers' errors into the table", async () => {
  class ModelValidationError extends Error {}
  const app = buildApp({
    clock: () => NOW,
    log: { level: "silent" },
    translateError: (e) =>
      e instanceof ModelValidationError
        ? new AnchorageError("Validation", e.message, { cause: e })
        : undefined,
  });
  app.get("/v", { config: { protocol: "query", auth: "none", xmlNamespace: IAM_NS } }, async () => {
    throw new ModelValidationError(
      "1 validation error detected: Value 'x' at 'roleName' failed to satisfy constraint",
    );
  });
  const res = await app.inject({ url: "/v" });
  assert.equal(res.statusCode, 400);
  assert.match(
    res.body,
    /<Code>ValidationError<\/Code><Message>1 validation error detected: Value &apos;x&apos; at &apos;roleName&apos;/,
  );
  await app.close();
});

test("the xml namespace may depend on the request", async () => {
  const app = buildApp({ clock: () => NOW, log: { level: "silent" } });
  const ns = (v: unknown) => (v === "2011-06-15" ? "https://sts.amazonaws.com/doc/2011-06-15/" : IAM_NS);
  app.get(
    "/q",
    {
      config: {
        protocol: "query",
        auth: "none",
        xmlNamespace: (r) => ns((r.query as Record<string, unknown>)["Version"]),
      },
    },
    async () => {
      throw new AnchorageError("UnknownOperation", "Could not find operation Nope for version 2011-06-15");
    },
  );
  const res = await app.inject({ url: "/q?Version=2011-06-15" });
  assert.equal(res.statusCode, 400);
  assert.match(
    res.body,
    /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code>/,
  );
  await app.close();
});

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test("close() drains: an in-flight request completes, new connections are refused, late requests get 503", async () => {
  const app = buildApp({ clock: () => NOW, log: { level: "silent" } });
  let release: () => void = () => undefined;
  let started: () => void = () => undefined;
  const inHandler = new Promise<void>((r) => (started = r));
  app.get("/slow", { config: { protocol: "rest-json", auth: "none" } }, async () => {
    started();
    await new Promise<void>((r) => (release = r));
    return { done: true };
  });
  const port = await listen(app);
  // A keep-alive connection that stays open during the drain.
  const agentRequest = (path: string, socket?: Socket) =>
    new Promise<Reply>((resolve, reject) => {
      const req = httpRequest({
        host: "127.0.0.1",
        port,
        path,
        createConnection: socket ? () => socket : undefined,
        headers: { connection: "keep-alive" },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (c) => (body += String(c)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end();
    });
  const slow = http(port, "GET", "/slow", {}, undefined, false);
  await inHandler;
  const idleKeepAlive = connect(port, "127.0.0.1");
  await new Promise((r) => idleKeepAlive.once("connect", r));
  let closed = false;
  const closing = app.close().then(() => (closed = true));
  await until(() => refused(port), "the listening socket to close");
  assert.equal(closed, false, "close() waits for the in-flight request");
  // A request on a connection opened before close() is answered 503 ServiceUnavailable.
  const late = await agentRequest("/-/health", idleKeepAlive);
  assert.equal(late.status, 503);
  assert.equal(late.headers["x-amzn-errortype"], "ServiceUnavailableException");
  assert.equal(late.headers["connection"], "close");
  release();
  const done = await slow;
  assert.deepEqual(
    [done.status, JSON.parse(done.body), done.headers["connection"]],
    [200, { done: true }, "close"],
  );
  await closing;
  assert.equal(closed, true);
});

test("close() gives up on requests that outlive the drain bound", async () => {
  const log = captureLog();
  const app = buildApp({ clock: () => NOW, log: log.logger, drainTimeoutMs: 100 });
  let started: () => void = () => undefined;
  const inHandler = new Promise<void>((r) => (started = r));
  app.get("/hang", { config: { protocol: "rest-json", auth: "none" } }, async () => {
    started();
    return new Promise(() => undefined);
  });
  const port = await listen(app);
  const hung = http(port, "GET", "/hang", {}, undefined, false).then(
    () => "answered",
    (error: NodeJS.ErrnoException) => error.code,
  );
  await inHandler;
  const t0 = process.hrtime.bigint();
  await app.close();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // It waited for the bound (node starts timers from the event loop's cached clock, which can be a
  // little behind t0 on a busy machine: hence not 100), and did not wait for the request.
  assert.ok(ms >= 50 && ms < 5000, `close took ${ms} ms`);
  assert.equal(await hung, "ECONNRESET");
  assert.match(log.text(), /in-flight requests did not finish in time/);
});

test("headers beyond maxHeaderSize are refused with 431 before the app; the default is node's 16 KiB", async (t) => {
  const big = { "x-big": "a".repeat(40_000) };
  const small = buildApp({ clock: () => NOW, log: { level: "silent" } });
  const large = buildApp({ clock: () => NOW, log: { level: "silent" }, maxHeaderSize: 160 * 1024 });
  t.after(() => Promise.all([small.close(), large.close()]));
  const [smallPort, largePort] = await Promise.all([listen(small), listen(large)]);
  assert.equal((await http(smallPort, "GET", "/-/health", big, undefined, false)).status, 431);
  assert.equal((await http(smallPort, "GET", "/-/health", {}, undefined, false)).status, 200);
  assert.equal((await http(largePort, "GET", "/-/health", big, undefined, false)).status, 200);
  const tooBig = { "x-big": "a".repeat(170 * 1024) };
  assert.equal((await http(largePort, "GET", "/-/health", tooBig, undefined, false)).status, 431);
});

const execFileAsync = promisify(execFile);

test("serves HTTPS when given a key and certificate", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "anchorage-tls-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  try {
    await execFileAsync("openssl", [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ]);
  } catch (error) {
    t.skip(`openssl is not available to make a test certificate: ${(error as Error).message}`);
    return;
  }
  const cert = readFileSync(join(dir, "cert.pem"));
  const app = buildApp({
    clock: () => NOW,
    log: { level: "silent" },
    https: { key: readFileSync(join(dir, "key.pem")), cert },
    maxHeaderSize: 64 * 1024,
  });
  const port = await listen(app);
  const body = await new Promise<string>((resolve, reject) => {
    // A 40 KB header: over node's default, within the app's maxHeaderSize (HTTPS too).
    const headers = { "x-big": "b".repeat(40_000) };
    const req = httpsRequest({ host: "127.0.0.1", port, path: "/-/health", ca: cert, headers }, (res) => {
      let text = "";
      res.on("data", (c) => (text += String(c)));
      res.on("end", () => resolve(text));
    });
    req.on("error", reject);
    req.end();
  });
  assert.equal(body, '{"status":"ok"}');
  await app.close();
});
