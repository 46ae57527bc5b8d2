// The signed client against a real SigV4 verifier: the server's own authenticateSigV4 behind a
// node:http listener on 127.0.0.1:0.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { AnchorageError, ERRORS, authenticateSigV4 } from "@anchorage/server";
import type { AwsCredentials } from "./credentials.js";
import { AwsApiError, signedJsonRequest, signedRequest } from "./signed-request.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const CREDS: AwsCredentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s3cr3t/+key", source: "test" };
const TEMP: AwsCredentials = {
  ...CREDS,
  accessKeyId: "ASIAEXAMPLE",
  sessionToken: "tok+en/==",
  source: "test",
};

interface Seen {
  method: string;
  url: string;
  body: string;
  accessKeyId: string;
  withToken: boolean;
}
let server: Server;
let endpoint: string;
const seen: Seen[] = [];

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string[]> = {};
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        (headers[req.rawHeaders[i]!.toLowerCase()] ??= []).push(req.rawHeaders[i + 1]!);
      authenticateSigV4(
        { method: req.method ?? "GET", rawUrl: req.url ?? "/", headers, body },
        {
          now: NOW,
          region: "eu-west-3",
          service: "rolesanywhere",
          resolveCredentials: async ({ accessKeyId, sessionToken }) =>
            accessKeyId === CREDS.accessKeyId && sessionToken === undefined
              ? { secretAccessKey: CREDS.secretAccessKey, principal: "root" }
              : accessKeyId === TEMP.accessKeyId && sessionToken === TEMP.sessionToken
                ? { secretAccessKey: TEMP.secretAccessKey, principal: "temp" }
                : undefined,
        },
      ).then(
        (who) => {
          seen.push({
            method: req.method ?? "",
            url: req.url ?? "",
            body: body.toString("utf8"),
            accessKeyId: who.accessKeyId,
            withToken: who.withSessionToken,
          });
          if (req.url?.startsWith("/text")) {
            res.writeHead(502, { "content-type": "text/html" }).end("<html>bad gateway</html>");
            return;
          }
          res
            .writeHead(req.method === "POST" ? 201 : 200, { "content-type": "application/json" })
            .end(
              JSON.stringify({ ok: true, echo: body.length > 0 ? JSON.parse(body.toString("utf8")) : null }),
            );
        },
        (e: unknown) => {
          const code = e instanceof AnchorageError ? e.code : "InternalFailure";
          const row = e instanceof AnchorageError ? ERRORS[e.code] : { status: 500, json: "InternalFailure" };
          res
            .writeHead(row.status, { "x-amzn-errortype": row.json, "x-amzn-requestid": "req-1" })
            .end(JSON.stringify({ message: e instanceof Error ? e.message : String(e), code }));
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const base = () => ({ endpoint, service: "rolesanywhere", region: "eu-west-3", now: NOW });

test("a JSON POST verifies with the server's SigV4 check and returns the parsed answer", async () => {
  const json = {
    name: "my crl",
    crlData: "LS0t+/=",
    trustAnchorArn: "arn:aws:rolesanywhere:eu-west-3:1:trust-anchor/x",
  };
  const got = await signedJsonRequest<{ ok: boolean; echo: unknown }>({
    ...base(),
    method: "POST",
    path: "/crls",
    credentials: CREDS,
    json,
  });
  assert.deepEqual(got, { ok: true, echo: json });
  assert.deepEqual(seen.at(-1), {
    method: "POST",
    url: "/crls",
    body: JSON.stringify(json),
    accessKeyId: "AKIDEXAMPLE",
    withToken: false,
  });
});

test("temporary credentials send and sign the session token; query and escaped path segments verify", async () => {
  await signedJsonRequest({
    ...base(),
    method: "PATCH",
    path: "/crl/a%20b",
    query: { pageSize: "2", nextToken: "x/y=z" },
    credentials: TEMP,
    json: { crlData: "AA==" },
  });
  const last = seen.at(-1)!;
  assert.equal(last.accessKeyId, "ASIAEXAMPLE");
  assert.equal(last.withToken, true);
  assert.match(last.url, /^\/crl\/a%20b\?/);
});

test("an endpoint with a base path keeps it", async () => {
  await signedJsonRequest({
    ...base(),
    endpoint: `${endpoint}/base/`,
    method: "GET",
    path: "/crls",
    credentials: CREDS,
  });
  assert.equal(seen.at(-1)!.url, "/base/crls");
});

test("a wrong secret is the server's SignatureDoesNotMatch error with its request id", async () => {
  await assert.rejects(
    signedJsonRequest({
      ...base(),
      method: "GET",
      path: "/crls",
      credentials: { ...CREDS, secretAccessKey: "wrong" },
    }),
    (e: unknown) => {
      assert.ok(e instanceof AwsApiError);
      assert.equal(e.status, 403);
      assert.equal(e.code, ERRORS.SignatureDoesNotMatch.json);
      assert.equal(e.requestId, "req-1");
      assert.match(e.message, /does not match.*\(HTTP 403, request id req-1\)$/);
      assert.doesNotMatch(e.message, /wrong/);
      return true;
    },
  );
});

test("an unknown key and a wrong region are refused by the verifier", async () => {
  await assert.rejects(
    signedJsonRequest({
      ...base(),
      method: "GET",
      path: "/crls",
      credentials: { ...CREDS, accessKeyId: "AKIDNOPE" },
    }),
    { name: "AwsApiError", code: ERRORS.InvalidClientTokenId.json },
  );
  await assert.rejects(
    signedJsonRequest({ ...base(), region: "us-east-1", method: "GET", path: "/crls", credentials: CREDS }),
    { name: "AwsApiError", status: 403 },
  );
});

test("a non-JSON error answer becomes one clipped line", async () => {
  await assert.rejects(signedJsonRequest({ ...base(), method: "GET", path: "/text", credentials: CREDS }), {
    name: "AwsApiError",
    code: "HTTP502",
    message: "HTTP502: <html>bad gateway</html> (HTTP 502)",
  });
});

test("signedRequest resolves any status and sends the body as given", async () => {
  const res = await signedRequest({
    ...base(),
    method: "POST",
    path: "/form",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: '{"a":1}',
    credentials: CREDS,
  });
  assert.equal(res.status, 201);
  assert.equal(seen.at(-1)!.body, '{"a":1}');
});

test("a refused connection is a TransportError naming the endpoint", async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  await assert.rejects(
    signedJsonRequest({
      ...base(),
      endpoint: `http://127.0.0.1:${port}`,
      method: "GET",
      path: "/crls",
      credentials: CREDS,
    }),
    { name: "TransportError", message: new RegExp(`GET http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`) },
  );
});
