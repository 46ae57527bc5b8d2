// Authentication over real HTTP, through the app: every rejection in rejections.fixture.ts is
// answered with the exact wire code and status of BOTH renderings (a rest-json route and a Query
// route), with the request id, and without a secret in the response or the log.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { pino } from "pino";
import { buildApp } from "../http/app.js";
import { wireError, type Protocol } from "../http/errors.js";
import { ACCESS_KEY_ID, NOW, presign, send, signHeader } from "./client-requests.fixture.js";
import {
  minutes,
  PRINCIPAL,
  REJECTIONS,
  SECRETS,
  testResolver,
  type Templates,
} from "./rejections.fixture.js";
import { sigv4Authenticator } from "./sigv4.js";

const HOST = "127.0.0.1:7911";
const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";

const ROUTES: Record<"rest-json" | "query", Templates> = {
  "rest-json": {
    get: { method: "GET", host: HOST, path: "/trustanchors", query: { pageSize: "5", nextToken: "a/b c" } },
    post: {
      method: "POST",
      host: HOST,
      path: "/profiles",
      headers: { "content-type": "application/json" },
      body: '{"name":"p","roleArns":["arn:aws:iam::123456789012:role/R"]}',
    },
    service: "rolesanywhere",
  },
  query: {
    get: { method: "GET", host: HOST, path: "/", query: { Action: "ListRoles", Version: "2010-05-08" } },
    post: {
      method: "POST",
      host: HOST,
      path: "/",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: "Action=ListRoles&Version=2010-05-08",
    },
    service: "iam",
  },
};

const logLines: string[] = [];
let expiredCredentials = false;
const app = buildApp({
  clock: () => NOW,
  log: pino(
    { level: "info" },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString("utf8"));
        done();
      },
    }),
  ),
  authenticate: sigv4Authenticator({
    resolveCredentials: (key) => testResolver([], expiredCredentials ? minutes(-1) : minutes(60))(key),
    clock: () => NOW,
    region: "us-east-1",
  }),
});
// Catch-all routes, so that a tampered path still reaches authentication.
app.route({
  method: ["GET", "POST"],
  url: "/*",
  config: { protocol: "rest-json", auth: { services: ["rolesanywhere"] } },
  handler: async (request) => ({
    accessKeyId: request.auth?.accessKeyId,
    principal: request.auth?.principal,
    form: request.auth?.form,
  }),
});
const queryApp = buildApp({
  clock: () => NOW,
  log: { level: "silent" },
  authenticate: sigv4Authenticator({
    resolveCredentials: (key) => testResolver([], expiredCredentials ? minutes(-1) : minutes(60))(key),
    clock: () => NOW,
    region: "us-east-1",
  }),
});
queryApp.route({
  method: ["GET", "POST"],
  url: "/*",
  config: { protocol: "query", auth: { services: ["iam", "sts"] }, xmlNamespace: IAM_NS },
  handler: async (request, reply) => {
    reply.type("text/xml");
    return `<ListRolesResponse xmlns="${IAM_NS}"><ListRolesResult><Roles/><IsTruncated>false</IsTruncated></ListRolesResult><ResponseMetadata><RequestId>${request.id}</RequestId></ResponseMetadata></ListRolesResponse>`;
  },
});

const ports: Partial<Record<Protocol, number>> = {};
before(async () => {
  await app.listen({ host: "127.0.0.1", port: 0 });
  await queryApp.listen({ host: "127.0.0.1", port: 0 });
  ports["rest-json"] = (app.server.address() as { port: number }).port;
  ports.query = (queryApp.server.address() as { port: number }).port;
});
after(async () => {
  await app.close();
  await queryApp.close();
});

const unescapeXml = (text: string) =>
  text.replace(
    /&(apos|quot|lt|gt|amp);/g,
    (_, e: string) => ({ apos: "'", quot: '"', lt: "<", gt: ">", amp: "&" })[e] ?? "",
  );

/** The wire error of a response: its type, message and request ids, per the protocol. */
function wire(protocol: "rest-json" | "query", res: { headers: Record<string, unknown>; body: string }) {
  if (protocol === "rest-json") {
    const body = JSON.parse(res.body) as { message: string };
    return {
      type: res.headers["x-amzn-errortype"],
      message: body.message,
      echoedId: res.headers["x-amzn-requestid"],
    };
  }
  const m =
    /^<ErrorResponse xmlns="([^"]+)"><Error><Type>(Sender|Receiver)<\/Type><Code>(\w+)<\/Code><Message>([^<]*)<\/Message><\/Error><RequestId>([^<]+)<\/RequestId><\/ErrorResponse>$/.exec(
      res.body,
    );
  assert.ok(m !== null, `not an ErrorResponse: ${res.body}`);
  assert.equal(m[1], IAM_NS);
  return { type: m[3], message: unescapeXml(m[4] ?? ""), echoedId: m[5] };
}

for (const protocol of ["rest-json", "query"] as const) {
  describe(`SigV4 over HTTP, ${protocol} rendering`, () => {
    const templates = ROUTES[protocol];

    test("a header-signed GET and POST and a presigned GET are accepted and expose who signed", async () => {
      const port = ports[protocol] ?? 0;
      for (const [form, request] of [
        ["header", await signHeader(templates.get, { service: templates.service })],
        ["header", await signHeader(templates.post, { service: templates.service })],
        ["presigned", await presign(templates.get, { service: templates.service })],
      ] as const) {
        const res = await send(port, request);
        assert.equal(res.status, 200, `${form}: ${res.body}`);
        if (protocol === "rest-json")
          assert.deepEqual(JSON.parse(res.body), { accessKeyId: ACCESS_KEY_ID, principal: PRINCIPAL, form });
        else assert.match(res.body, /^<ListRolesResponse/);
      }
    });

    const overHttp = REJECTIONS.filter((r) => r.overHttp !== false);
    test(`${overHttp.length} rejections each have the exact code and status`, async (t) => {
      t.plan(overHttp.length);
      for (const rejection of overHttp) {
        expiredCredentials = rejection.expiredCredentials === true;
        const res = await send(ports[protocol] ?? 0, await rejection.request(templates));
        expiredCredentials = false;
        const expected = wireError(rejection.code, protocol);
        const got = wire(protocol, res);
        const ok =
          res.status === expected.status &&
          got.type === expected.type &&
          rejection.message.test(got.message) &&
          got.echoedId === res.headers["x-amzn-requestid"] &&
          typeof res.headers["date"] === "string" &&
          !SECRETS.some((s) => res.body.includes(s));
        t.assert.equal(ok, true, `${rejection.name}: ${res.status} ${res.body}`);
      }
    });
  });
}

test("no secret reached the log, and each rejection's log line says why", () => {
  const text = logLines.join("");
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} is in the log`);
  assert.match(
    text,
    /"error":\{"code":"SignatureDoesNotMatch","message":"The request signature we calculated does not match[^"]*","detail":\{"accessKeyId":"AKIA/,
  );
  assert.match(
    text,
    /"error":\{"code":"InvalidClientTokenId"[^}]*"detail":\{"accessKeyId":"AKIAUNKNOWNKEY000000"\}/,
  );
});

test("the SigV4 rejection count is what this file was written for", () => {
  assert.equal(REJECTIONS.length, 33);
  assert.equal(REJECTIONS.filter((r) => r.overHttp === false).length, 1);
});
