// The official AWS SigV4 test suite (awslabs/aws-c-auth tests/aws-signing-test-suite/v4), read
// unchanged from ../shared/conformance/sigv4-suite/v4/<case>/ beside the repository (never copied in;
// see SOURCE.md there). It checks the general SigV4 canonicalisation this package shares between
// HMAC and X509 signing: canonical request, string to sign and, with the suite's HMAC credentials,
// the signature, for both Authorization-header and presigned-URL (query) signing.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { formatAmzDate } from "./amz-date.js";
import { formatAuthorization, parseAuthorization } from "./authorization.js";
import { signedHeaderNames } from "./canonical-headers.js";
import { canonicalQuery, parseRawQuery } from "./canonical-query.js";
import { canonicalRequest } from "./canonical-request.js";
import { formatCredential, formatCredentialScope } from "./credential-scope.js";
import type { HeaderList } from "./header-list.js";
import { payloadHash } from "./payload-hash.js";
import { stringToSign } from "./string-to-sign.js";
import { REPO_ROOT } from "./vectors.fixture.js";

const V4_DIR = join(REPO_ROOT, "..", "shared", "conformance", "sigv4-suite", "v4");
const present = existsSync(V4_DIR);
const skip = present ? false : `../shared is missing (no ${V4_DIR}); the official SigV4 suite is not run`;
const cases = present ? readdirSync(V4_DIR).sort() : [];
const HMAC = "AWS4-HMAC-SHA256";

interface Context {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  expiration_in_seconds: number;
  normalize: boolean;
  region: string;
  service: string;
  sign_body: boolean;
  timestamp: string;
  omit_session_token?: boolean;
}

interface SuiteRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: [string, string][];
  body: Buffer;
}

/** request.txt: request line, `Name:value` lines (indented lines continue a value), blank line, body. */
function parseRequestTxt(text: string): SuiteRequest {
  const blank = text.indexOf("\n\n");
  const head = (blank < 0 ? text : text.slice(0, blank)).split("\n");
  const body = Buffer.from(blank < 0 ? "" : text.slice(blank + 2), "utf8");
  const line = head[0] ?? "";
  const method = line.slice(0, line.indexOf(" "));
  const target = line.slice(method.length + 1, line.lastIndexOf(" HTTP/"));
  const q = target.indexOf("?");
  const headers: [string, string][] = [];
  for (const h of head.slice(1)) {
    if (h === "") continue;
    const last = headers[headers.length - 1];
    if (/^\s/.test(h) && last !== undefined) last[1] += `\n${h}`;
    else headers.push([h.slice(0, h.indexOf(":")), h.slice(h.indexOf(":") + 1)]);
  }
  return {
    method,
    path: q < 0 ? target : target.slice(0, q),
    rawQuery: q < 0 ? "" : target.slice(q + 1),
    headers,
    body,
  };
}

const read = (name: string, file: string): string => readFileSync(join(V4_DIR, name, file), "utf8");

function hmacSignature(
  secret: string,
  date: string,
  region: string,
  service: string,
  toSign: string,
): string {
  const step = (key: string | Buffer, data: string): Buffer =>
    createHmac("sha256", key).update(data).digest();
  const key = step(step(step(step(`AWS4${secret}`, date), region), service), "aws4_request");
  return createHmac("sha256", key).update(toSign).digest("hex");
}

test("all 38 SigV4 vectors are present", { skip }, () => {
  assert.equal(cases.length, 38);
});

for (const name of cases) {
  const context = JSON.parse(read(name, "context.json")) as Context;
  const request = parseRequestTxt(read(name, "request.txt"));
  const amzDate = formatAmzDate(new Date(context.timestamp));
  const scopeParts = { date: amzDate.slice(0, 8), region: context.region, service: context.service };
  const scope = formatCredentialScope(scopeParts);
  const token = context.omit_session_token === true ? undefined : context.credentials.token;
  const hash = payloadHash(request.body);
  const query = parseRawQuery(request.rawQuery);
  const sign = (toSign: string) =>
    hmacSignature(
      context.credentials.secret_access_key,
      scopeParts.date,
      context.region,
      context.service,
      toSign,
    );

  test(`sigv4 vector ${name} (Authorization header)`, () => {
    const headers: HeaderList = [
      ...request.headers,
      ["X-Amz-Date", amzDate],
      ...(context.sign_body ? [["x-amz-content-sha256", hash] as const] : []),
      ...(token === undefined ? [] : [["X-Amz-Security-Token", token] as const]),
    ];
    const signed = signedHeaderNames(headers, []);
    const canonical = canonicalRequest({ ...request, query, headers }, signed, hash, {
      normalizePath: context.normalize,
    });
    assert.equal(canonical, read(name, "header-canonical-request.txt"));
    const toSign = stringToSign(HMAC, amzDate, scope, canonical);
    assert.equal(toSign, read(name, "header-string-to-sign.txt"));
    const signature = sign(toSign);
    assert.equal(signature, read(name, "header-signature.txt"));
    // The Authorization line of the signed request round-trips through parse/format.
    const line = read(name, "header-signed-request.txt")
      .split("\n")
      .find((l) => l.startsWith("Authorization:"));
    const authorization = line?.slice("Authorization:".length) ?? "";
    const expected = {
      algorithm: HMAC,
      credential: { id: context.credentials.access_key_id, scope: scopeParts },
      signedHeaders: signed,
      signature,
    };
    assert.equal(formatAuthorization(expected), authorization);
    assert.deepEqual(parseAuthorization(authorization), expected);
  });

  test(`sigv4 vector ${name} (presigned query)`, () => {
    const signed = signedHeaderNames(request.headers, []);
    const presign: [string, string][] = [
      ["X-Amz-Algorithm", HMAC],
      ["X-Amz-Credential", formatCredential({ id: context.credentials.access_key_id, scope: scopeParts })],
      ["X-Amz-Date", amzDate],
      ["X-Amz-Expires", String(context.expiration_in_seconds)],
      ...(token === undefined ? [] : [["X-Amz-Security-Token", token] as [string, string]]),
      ["X-Amz-SignedHeaders", signed.join(";")],
    ];
    const canonical = canonicalRequest({ ...request, query: [...query, ...presign] }, signed, hash, {
      normalizePath: context.normalize,
    });
    const expected = read(name, "query-canonical-request.txt");
    assert.equal(canonical, expected);
    const toSign = stringToSign(HMAC, amzDate, scope, canonical);
    assert.equal(toSign, read(name, "query-string-to-sign.txt"));
    assert.equal(sign(toSign), read(name, "query-signature.txt"));
    // A verifier's view: the query of the presigned URL as sent (unsorted), minus X-Amz-Signature (and
    // minus the session token that post-sts-header-after adds after signing), re-canonicalised, is
    // the canonical query that was signed.
    const requestLine = read(name, "query-signed-request.txt").split("\n")[0] ?? "";
    const target = requestLine.slice(requestLine.indexOf(" ") + 1, requestLine.lastIndexOf(" HTTP/"));
    const unsigned =
      context.omit_session_token === true ? ["X-Amz-Signature", "X-Amz-Security-Token"] : ["X-Amz-Signature"];
    const received = parseRawQuery(target.slice(target.indexOf("?") + 1)).filter(
      ([k]) => !unsigned.includes(k),
    );
    assert.equal(canonicalQuery(received), expected.split("\n")[2]);
  });
}
