// AWS's SigV4 test suite (aws-c-auth's copy, read from ../shared; never copied into the repo):
// every signed request, header and presigned form, must authenticate, and our canonical request
// and string to sign must equal the suite's. Two documented exceptions are expected to FAIL:
// - `normalize: false` cases whose canonical path differs from the normalised one: these are S3's
//   rule; every other AWS service (and this server) normalises the path;
// - the presigned form of `omit_session_token` cases (the token appended to the URL after signing):
//   a presigned URL's X-Amz-Security-Token is part of its canonical query.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { AnchorageError } from "../http/errors.js";
import { authenticateSigV4 } from "./sigv4.js";
import { computeSignature } from "./signature.js";
import { parseAuthorizationHeader } from "./authorization-header.js";
import { parsePresignedQuery } from "./presigned-query.js";
import { headerValues, signedHeaderValues } from "./request-headers.js";
import { parseRequestTarget, queryRecord } from "./request-target.js";
import { sha256Hex } from "@anchorage/sigv4-x509";

const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
const V4_DIR = join(REPO, "../shared/conformance/sigv4-suite/v4");
const present = existsSync(V4_DIR);
const cases = present ? readdirSync(V4_DIR).sort() : [];
const skip = present
  ? false
  : `the SigV4 suite is not at ${V4_DIR} (it lives beside the repository, in ../shared)`;

interface Context {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  region: string;
  service: string;
  timestamp: string;
  normalize: boolean;
  omit_session_token?: boolean;
}

interface RawRequest {
  method: string;
  rawUrl: string;
  headers: Record<string, string[]>;
  body: Buffer;
}

/** Parses the suite's request files (LF line ends, obs-fold continuation lines, raw targets). */
function parseRawRequest(text: string): RawRequest {
  const blank = text.indexOf("\n\n");
  const head = (blank < 0 ? text : text.slice(0, blank)).split("\n");
  const body = Buffer.from(blank < 0 ? "" : text.slice(blank + 2), "utf8");
  const requestLine = head[0] ?? "";
  const method = requestLine.slice(0, requestLine.indexOf(" "));
  const rawUrl = requestLine.slice(method.length + 1, requestLine.lastIndexOf(" "));
  const headers: Record<string, string[]> = {};
  let last: string[] | undefined;
  for (const line of head.slice(1)) {
    if (/^[ \t]/.test(line) && last !== undefined) {
      last[last.length - 1] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    last = headers[name] ??= [];
    last.push(line.slice(colon + 1));
  }
  return { method, rawUrl, headers, body };
}

const read = (name: string, file: string) => readFileSync(join(V4_DIR, name, file), "utf8");
const context = (name: string) => JSON.parse(read(name, "context.json")) as Context;

/** Whether this server is expected to accept the case in this form (see the file comment). */
function expectedToVerify(name: string, form: "header" | "query"): boolean {
  const ctx = context(name);
  if (form === "query" && ctx.omit_session_token === true) return false;
  if (ctx.normalize) return true;
  const twin = name.replace(/-unnormalized$/, "-normalized");
  return read(name, `${form}-canonical-request.txt`) === read(twin, `${form}-canonical-request.txt`);
}

test("all 38 SigV4 suite cases are present", { skip }, () => {
  assert.equal(cases.length, 38);
});

test(
  "the documented exceptions are the 6 un-normalised paths and 1 token-after-presigning case",
  { skip },
  () => {
    const failing = cases.flatMap((name) =>
      (["header", "query"] as const)
        .filter((form) => !expectedToVerify(name, form))
        .map((form) => `${name}/${form}`),
    );
    assert.equal(failing.length, 13);
  },
);

for (const name of cases) {
  for (const form of ["header", "query"] as const) {
    test(`sigv4 suite ${name} (${form})`, async () => {
      const ctx = context(name);
      const request = parseRawRequest(read(name, `${form}-signed-request.txt`));
      const now = new Date(ctx.timestamp);
      const resolveCredentials = async (key: { accessKeyId: string; sessionToken?: string }) =>
        key.accessKeyId === ctx.credentials.access_key_id && key.sessionToken === ctx.credentials.token
          ? { secretAccessKey: ctx.credentials.secret_access_key, principal: name }
          : undefined;
      const options = { resolveCredentials, now, region: ctx.region, service: ctx.service };
      if (!expectedToVerify(name, form)) {
        await assert.rejects(authenticateSigV4(request, options), (error: unknown) => {
          assert.ok(error instanceof AnchorageError);
          assert.equal(error.code, "SignatureDoesNotMatch");
          return true;
        });
        return;
      }
      const who = await authenticateSigV4(request, options);
      assert.deepEqual([who.principal, who.form], [name, form === "header" ? "header" : "presigned"]);

      // The intermediate results, so a failure shows which step went wrong.
      const target = parseRequestTarget(request.rawUrl);
      const info =
        form === "header"
          ? parseAuthorizationHeader(request.headers["authorization"]?.[0] ?? "")
          : parsePresignedQuery(target.query);
      const computed = await computeSignature({
        method: request.method,
        path: target.path,
        query: queryRecord(target.query),
        headers: signedHeaderValues(headerValues(request.headers), info.signedHeaders),
        payloadHash: sha256Hex(request.body),
        signedAt: now,
        region: ctx.region,
        service: ctx.service,
        accessKeyId: ctx.credentials.access_key_id,
        secretAccessKey: ctx.credentials.secret_access_key,
      });
      assert.equal(computed.canonicalRequest, read(name, `${form}-canonical-request.txt`));
      assert.equal(computed.stringToSign, read(name, `${form}-string-to-sign.txt`));
      assert.equal(computed.signature, read(name, `${form}-signature.txt`).trim());
    });
  }
}
