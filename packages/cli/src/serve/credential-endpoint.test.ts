import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, request } from "node:http";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import type { SessionCredentials } from "@anchorage/credential-provider";
import { credentialEndpoint, ECS_PATH } from "./credential-endpoint.js";
import { ImdsTokens } from "./imds-tokens.js";
import { NoCredentialsError } from "./refreshing-credentials.js";

const T0 = Date.parse("2026-01-15T12:00:00Z");
const CREDENTIALS: SessionCredentials = {
  accessKeyId: "ASIAEXAMPLE",
  secretAccessKey: "SECRET",
  sessionToken: "TOKEN",
  expiration: "2026-01-15T13:00:00Z",
};
let available = true;
const log: string[] = [];
const server = createServer(
  credentialEndpoint({
    source: {
      get: async () => {
        if (available) return CREDENTIALS;
        throw new NoCredentialsError("no valid credentials: the last refresh failed (HTTP 503)");
      },
      lastUpdated: T0,
    },
    roleName: "test-role",
    roleArn: "arn:aws:iam::123456789012:role/test-role",
    tokens: new ImdsTokens(() => T0, randomBytes),
    now: () => T0,
    log: (l) => log.push(l),
    ecsToken: "ecs-secret-token",
  }),
);
let port = 0;
before(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
});
after(() => server.close());

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer) {
  const req = request({ host: "127.0.0.1", port, method, path, headers });
  req.end(body);
  const [res] = (await once(req, "response")) as [IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return { status: res.statusCode, headers: res.rawHeaders, body: Buffer.concat(chunks).toString() };
}

test("credentials with a valid token; 503 with the reason when none are valid, never empty ones", async () => {
  const token = (await call("PUT", "/latest/api/token", { "x-aws-ec2-metadata-token-ttl-seconds": "60" }))
    .body;
  const ok = await call("GET", "/latest/meta-data/iam/security-credentials/test-role", {
    "x-aws-ec2-metadata-token": token,
  });
  assert.equal(ok.status, 200);
  assert.equal(JSON.parse(ok.body).AccessKeyId, "ASIAEXAMPLE");
  assert.deepEqual(
    ok.headers.filter((_, i) => i % 2 === 0),
    ["Date", "Content-Length", "Content-Type"],
    "Go's header block, no Connection",
  );
  available = false;
  const down = await call("GET", "/latest/meta-data/iam/security-credentials/test-role", {
    "x-aws-ec2-metadata-token": token,
  });
  assert.deepEqual(
    [down.status, down.body],
    [503, "no valid credentials: the last refresh failed (HTTP 503)\n"],
  );
  const ecs = await call("GET", ECS_PATH, { authorization: "ecs-secret-token" });
  assert.equal(ecs.status, 503);
  assert.equal(JSON.parse(ecs.body).Code, "ServiceUnavailable");
  available = true;
  assert.ok(log.some((l) => l.startsWith("answering 503: no valid credentials")));
});

test("ECS: the exact token only (a prefix, a longer one or none is refused)", async () => {
  for (const [given, status] of [
    ["ecs-secret-token", 200],
    ["ecs-secret-toke", 401],
    ["ecs-secret-tokenx", 401],
    ["", 401],
  ] as const) {
    const r = await call("GET", ECS_PATH, given === "" ? {} : { authorization: given });
    assert.equal(r.status, status, JSON.stringify(given));
  }
});

test("a request body over 16 KiB closes the connection", async () => {
  await assert.rejects(
    call("PUT", "/latest/api/token", {}, Buffer.alloc(64 * 1024)),
    /socket hang up|ECONNRESET|EPIPE/,
  );
  assert.ok(log.some((l) => l.includes("request body over 16384 bytes")));
});
