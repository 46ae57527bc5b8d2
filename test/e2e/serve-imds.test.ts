// `anchorage serve` replays every IMDSv2 exchange AWS's helper answered in serve.json: the same status
// lines, the same header names in the same order (no Connection/Keep-Alive header either), the same
// bodies — modulo the random tokens, the dates and the credentials themselves.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { FIXTURES } from "./client-harness.js";
import {
  ARN_ARGS,
  imdsToken,
  rawRequest,
  RSA_MATERIAL,
  startMintingEndpoint,
  startServe,
} from "./serve-harness.js";
import type { MintingEndpoint, RawResponse, ServeProcess } from "./serve-harness.js";

interface Exchange {
  name: string;
  request: { method: string; path: string; headers: Record<string, string> };
  response: { statusLine: string; headers: [string, string][]; body: string };
}
const recorded = JSON.parse(readFileSync(join(FIXTURES, "serve.json"), "utf8")) as {
  runs: { id: string; exchanges?: Exchange[]; serveStderr?: string }[];
};
const normal = recorded.runs.find((r) => r.id === "serve-normal")!;
const exchanges = normal.exchanges!;

let endpoint: MintingEndpoint;
let serve: ServeProcess;
before(async () => {
  endpoint = await startMintingEndpoint();
  serve = await startServe([
    ...RSA_MATERIAL,
    ...ARN_ARGS,
    "--endpoint",
    endpoint.url,
    "--region",
    "us-east-1",
    "--port",
    "0",
  ]);
});
after(async () => {
  await serve?.stop();
  await endpoint?.close();
});

const HTTP_DATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;
const TOKEN = /^[A-Za-z0-9+/]{100}$/;
const CREDENTIALS_KEYS = [
  "AccessKeyId",
  "SecretAccessKey",
  "Token",
  "Code",
  "Type",
  "Expiration",
  "LastUpdated",
];

/**
 * Compares our exchange with the helper's. `ttlFloor`: the lowest remaining TTL a 21600 s token
 * can have by now (the helper's answers say 21599; ours count down as the test runs).
 */
function compare(name: string, ours: RawResponse, theirs: Exchange["response"], ttlFloor = 21598): void {
  assert.equal(ours.statusLine, theirs.statusLine, `${name}: status line`);
  assert.deepEqual(
    ours.headers.map(([n]) => n),
    theirs.headers.map(([n]) => n),
    `${name}: header names and order`,
  );
  for (const [i, [n, v]] of theirs.headers.entries()) {
    const mine = ours.headers[i]![1];
    if (n === "Date") assert.match(mine, HTTP_DATE, `${name}: Date`);
    else if (n === "X-Aws-Ec2-Metadata-Token-Ttl-Seconds" && v === "21599")
      assert.ok(Number(mine) >= ttlFloor && Number(mine) <= 21599, `${name}: remaining TTL ${mine}`);
    else if (n === "Content-Length" && theirs.body.startsWith('{"AccessKeyId"'))
      assert.equal(Number(mine), Buffer.byteLength(ours.body), `${name}: Content-Length`);
    else assert.equal(mine, v, `${name}: ${n}`);
  }
  if (TOKEN.test(theirs.body)) assert.match(ours.body, TOKEN, `${name}: a 100-character token`);
  else if (theirs.body.startsWith('{"AccessKeyId"')) {
    assert.ok(ours.body.endsWith("}\n"), `${name}: JSON and a newline, as Go's encoder`);
    const doc = JSON.parse(ours.body) as Record<string, string>;
    assert.deepEqual(Object.keys(doc), CREDENTIALS_KEYS, `${name}: keys in the helper's order`);
    assert.equal(doc.Code, "Success");
    assert.equal(doc.Type, "AWS-HMAC");
    assert.match(doc.Expiration!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(doc.LastUpdated!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/, "Go's RFC 3339 form");
    assert.equal(doc.AccessKeyId, endpoint.minted.at(-1)!.accessKeyId, `${name}: the minted credentials`);
  } else assert.equal(ours.body, theirs.body, `${name}: body`);
}

test(`every one of the ${exchanges.length} recorded exchanges has the helper's status, headers and body`, async () => {
  assert.equal(exchanges.length, 24);
  const tokens = new Map<string, string>(); // recorded token → ours
  let ttlOneIssued = 0;
  const started = Date.now(); // before any token: every token's age is at most the time since
  let n = 0;
  for (const exchange of exchanges) {
    const { method, path, headers } = exchange.request;
    const sent = Object.entries(headers).map(([k, v]): [string, string] => [k, tokens.get(v) ?? v]);
    if (exchange.name === "get-role-credentials-expired-ttl1-token") {
      const wait = ttlOneIssued + 1100 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const ours = await rawRequest(serve.port, method, path, sent);
    const ttlFloor = Math.min(21598, 21599 - Math.ceil((Date.now() - started) / 1000));
    compare(exchange.name, ours, exchange.response, ttlFloor);
    if (TOKEN.test(exchange.response.body)) {
      tokens.set(exchange.response.body, ours.body);
      if (exchange.name === "put-token-ttl-1") ttlOneIssued = Date.now();
    }
    n++;
  }
  assert.equal(n, exchanges.length);
  assert.equal(endpoint.minted.length, 1, "one CreateSession at start-up; credentials reused while fresh");
});

test("status lines on stderr: where it listens and the export line, token errors as the helper logs them", () => {
  const lines = serve.stderr().split("\n");
  assert.ok(lines.some((l) => l.endsWith(`anchorage serve: Local server started on port: ${serve.port}`)));
  assert.ok(
    lines.some((l) =>
      l.endsWith(`anchorage serve: export AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:${serve.port}/`),
    ),
  );
  assert.ok(lines.some((l) => l.endsWith("Token validation received error: no token provided")));
  assert.ok(lines.some((l) => l.endsWith("Token validation received error: invalid token provided")));
  assert.doesNotMatch(serve.stderr(), /SecretAccessKey|aws_secret/);
});

test("an oversized token TTL, X-Forwarded-For, a wrong hop through a proxy and a forged token are refused", async () => {
  const put = (headers: [string, string][]) => rawRequest(serve.port, "PUT", "/latest/api/token", headers);
  assert.equal(
    (await put([["X-aws-ec2-metadata-token-ttl-seconds", "99999999999999999999"]])).body,
    "invalid token TTL",
  );
  assert.equal((await put([["X-aws-ec2-metadata-token-ttl-seconds", "-1"]])).body, "invalid token TTL");
  const proxied = await put([
    ["X-aws-ec2-metadata-token-ttl-seconds", "60"],
    ["x-forwarded-for", "203.0.113.9"],
  ]);
  assert.equal(proxied.statusLine, "HTTP/1.1 400 Bad Request");
  const token = await imdsToken(serve.port, "60");
  const forged = `${token.slice(0, 99)}${token[99] === "A" ? "B" : "A"}`;
  const r = await rawRequest(serve.port, "GET", "/latest/meta-data/iam/security-credentials/test-role", [
    ["X-aws-ec2-metadata-token", forged],
  ]);
  assert.deepEqual([r.statusLine, r.body], ["HTTP/1.1 401 Unauthorized", "invalid token provided"]);
});

test("unclean paths redirect like Go's ServeMux; request heads over 16 KiB are refused", async () => {
  const r = await rawRequest(serve.port, "GET", "/latest/meta-data/iam/../iam/security-credentials/");
  assert.equal(r.statusLine, "HTTP/1.1 301 Moved Permanently");
  assert.equal(r.headers.find(([n]) => n === "Location")?.[1], "/latest/meta-data/iam/security-credentials/");
  const big = await rawRequest(serve.port, "GET", "/", [["X-Padding", "x".repeat(20_000)]]);
  assert.equal(big.statusLine, "HTTP/1.1 431 Request Header Fields Too Large");
});

test("SIGTERM stops it with exit code 0", async () => {
  assert.equal(await serve.stop(), 0);
});
