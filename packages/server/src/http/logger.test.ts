import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { pino } from "pino";
import { createLogger, REDACTED, redactUrl } from "./logger.js";

const URL_CASES: ReadonlyArray<readonly [string, string, string]> = [
  ["no query", "/trustanchors", "/trustanchors"],
  ["harmless query", "/trustanchors?pageSize=5&nextToken=abc", "/trustanchors?pageSize=5&nextToken=abc"],
  [
    "presigned secrets",
    "/?Action=GetCallerIdentity&X-Amz-Credential=AKID%2F20240101%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Security-Token=SECRETTOKEN&X-Amz-Signature=abcdef",
    `/?Action=GetCallerIdentity&X-Amz-Credential=AKID%2F20240101%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Security-Token=${REDACTED}&X-Amz-Signature=${REDACTED}`,
  ],
  [
    "names compared case-insensitively",
    "/?x-amz-signature=abc&X-AMZ-SECURITY-TOKEN=t",
    `/?x-amz-signature=${REDACTED}&X-AMZ-SECURITY-TOKEN=${REDACTED}`,
  ],
  ["percent-encoded names", "/?X%2DAmz%2DSignature=abc", `/?X%2DAmz%2DSignature=${REDACTED}`],
  ["a name without a value", "/?X-Amz-Signature", `/?X-Amz-Signature=${REDACTED}`],
  ["bad percent-encoding is left alone", "/?a=%zz&X-Amz-Signature=s", `/?a=%zz&X-Amz-Signature=${REDACTED}`],
];

test("redactUrl vectors", (t) => {
  t.plan(URL_CASES.length);
  for (const [name, input, expected] of URL_CASES) t.assert.equal(redactUrl(input), expected, name);
});

function capture(): { lines: () => string; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString("utf8"));
      done();
    },
  });
  return { lines: () => chunks.join(""), stream };
}

const SECRETS = {
  headers: {
    authorization: "AWS4-HMAC-SHA256 Credential=AKID/x, Signature=SIGSECRET",
    "x-amz-security-token": "TOKSECRET",
  },
  credentials: { accessKeyId: "AKIDPUBLIC", secretAccessKey: "SKSECRET", sessionToken: "STSECRET" },
  req: { method: "GET", url: "/?X-Amz-Signature=URLSIGSECRET", ip: "127.0.0.1" },
};

test("a logger built from an instance redacts headers, credentials and presigned URLs", () => {
  const out = capture();
  const log = createLogger(pino({ level: "info" }, out.stream));
  log.info(SECRETS, "request");
  const text = out.lines();
  for (const secret of ["SIGSECRET", "TOKSECRET", "SKSECRET", "STSECRET", "URLSIGSECRET"]) {
    assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
  }
  const line = JSON.parse(text) as { credentials: { accessKeyId: string }; req: { url: string } };
  assert.equal(line.credentials.accessKeyId, "AKIDPUBLIC");
  assert.equal(line.req.url, `/?X-Amz-Signature=${REDACTED}`);
});

test("a logger built from options is a new pino logger with the caller's level", () => {
  const log = createLogger({ level: "warn" });
  assert.equal(log.level, "warn");
  assert.equal(typeof log.child, "function");
});

test("errors are logged with their cause chain", () => {
  const out = capture();
  const log = createLogger(pino({}, out.stream));
  log.error({ err: new Error("outer", { cause: new Error("inner cause") }) }, "failed");
  assert.match(out.lines(), /inner cause/);
});
