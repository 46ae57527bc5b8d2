// Every successful credential-process run recorded with AWS's helper v1.4 (vectors.json), reproduced
// through the REAL CLI binary against a local endpoint that records the bytes it receives.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { parseX509Request, verifyX509Request } from "@anchorage/sigv4-x509";
import { helperCases, PINNED, runCli, startEndpoint, withEndpoint } from "./client-harness.js";
import type { Endpoint, HelperCase } from "./client-harness.js";

const cases = helperCases("vectors.json");
/** The recorded requests went to 127.0.0.1:18443, and the port is inside the signed Host header. */
const RECORDED_HOST = "127.0.0.1:18443";

let endpoint: Endpoint;
let current: HelperCase | undefined;
before(async () => {
  endpoint = await startEndpoint(() => {
    const r = current!.requests[0]!.mockResponse;
    return { status: r.status, headers: r.headers, body: r.body };
  }, 18443);
});
after(() => endpoint.close());

const fromAmzDate = (d: string): Date =>
  new Date(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`,
  );

/** Makes raw request bytes comparable: our User-Agent for the helper's, our port for 18443, no signature. */
function comparable(raw: string, host: string, keepSignature: boolean): string {
  let out = raw
    .replace(/\r\nUser-Agent: [^\r]*\r\n/, "\r\nUser-Agent: <ua>\r\n")
    .replaceAll(host, RECORDED_HOST);
  if (!keepSignature) out = out.replace(/Signature=[0-9a-f]+\r\n/, "Signature=<ecdsa>\r\n");
  return out;
}

test("vectors.json holds the 14 recorded successful runs", () => {
  assert.equal(cases.length, 14);
});

for (const c of cases) {
  const rsa = c.expect?.authorizationHeader != null;
  const pinned = c.fixedTime !== null;
  test(`vector ${c.id}: stdout bytes, exit code, request line, headers, body${rsa ? ", Authorization byte for byte" : ", ECDSA signature verifies"}`, async () => {
    current = c;
    const before = endpoint.received.length;
    const run = await runCli(withEndpoint(c.argv, endpoint.url), {
      env: pinned ? { ANCHORAGE_FAKE_NOW: PINNED } : {},
    });
    assert.equal(run.stderr, "");
    assert.equal(run.status, c.result.exitCode);
    assert.deepEqual(
      run.stdout,
      Buffer.from(c.result.stdoutBase64, "base64"),
      "stdout byte-identical, no newline",
    );

    const got = endpoint.received.slice(before);
    assert.equal(got.length, 1);
    const ours = got[0]!;
    const theirs = c.requests[0]!;
    const host = `127.0.0.1:${endpoint.port}`;
    const exactHost = host === RECORDED_HOST;
    assert.equal(`${ours.method} ${ours.url}`, `${theirs.method} ${theirs.url}`, "request line");
    assert.deepEqual(
      ours.rawHeaders.map(([n]) => n),
      theirs.rawHeaders.map(([n]) => n),
      "header names, case and order",
    );
    assert.equal(ours.body.toString("utf8"), theirs.bodyUtf8);
    assert.equal(ours.chunked, true, "body sent chunked, as Go does");
    const value = (list: [string, string][], name: string) => list.find(([n]) => n === name)?.[1];
    assert.match(
      value(ours.rawHeaders, "User-Agent")!,
      /^anchorage\/\d+\.\d+\.\d+ \(node \d+\.\d+\.\d+; \w+; \w+\)$/,
    );
    for (const name of [
      "Content-Type",
      "X-Amz-X509",
      "X-Amz-X509-Chain",
      "Accept-Encoding",
      "Transfer-Encoding",
    ]) {
      assert.equal(value(ours.rawHeaders, name), value(theirs.rawHeaders, name), name);
    }
    if (pinned) assert.equal(value(ours.rawHeaders, "X-Amz-Date"), value(theirs.rawHeaders, "X-Amz-Date"));
    if (rsa && pinned && exactHost) {
      assert.equal(
        value(ours.rawHeaders, "Authorization"),
        c.expect!.authorizationHeader,
        "RSA Authorization byte for byte",
      );
    }
    if (pinned && (exactHost || !rsa)) {
      assert.equal(
        comparable(ours.raw.toString("latin1"), host, rsa),
        comparable(Buffer.from(theirs.rawRequestBase64, "base64").toString("latin1"), RECORDED_HOST, rsa),
        "the whole request, byte for byte (User-Agent aside)",
      );
    }

    const parsed = parseX509Request({
      method: ours.method,
      rawUrl: ours.url,
      headers: ours.rawHeaders,
      body: ours.body,
    });
    const date = value(ours.rawHeaders, "X-Amz-Date")!;
    const verified = verifyX509Request(parsed, { now: fromAmzDate(date), region: parsed.scope.region });
    assert.ok(verified.serialNumber.length > 0);
    if (pinned) {
      assert.equal(
        parsed.canonicalRequest,
        c.expect!.canonicalRequest.replace(`host:${RECORDED_HOST}`, `host:${host}`),
      );
    } else {
      assert.ok(
        Math.abs(fromAmzDate(date).getTime() - Date.now()) < 120_000,
        "the real clock signs unpinned runs",
      );
    }
  });
}
