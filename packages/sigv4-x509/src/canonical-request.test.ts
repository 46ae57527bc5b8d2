import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalRequest } from "./canonical-request.js";
import { EMPTY_PAYLOAD_HASH } from "./payload-hash.js";

const DATE = "20260115T120000Z";
const get = (path: string, headers: Record<string, string>) => ({
  method: "GET",
  path,
  query: [],
  headers: Object.entries(headers),
});

test("ends with the sorted signed-header list, then the payload hash", () => {
  const out = canonicalRequest(
    get("/", { Host: "h", "X-Amz-Date": DATE }),
    ["host", "x-amz-date"],
    EMPTY_PAYLOAD_HASH,
  );
  assert.deepEqual(out.split("\n").slice(-2), ["host;x-amz-date", EMPTY_PAYLOAD_HASH]);
});

test("has method, URI, query, one line per header, a blank line, the list and the hash", () => {
  const out = canonicalRequest(
    {
      method: "POST",
      path: "/sessions",
      query: [
        ["b", "2"],
        ["a", "1 2"],
      ],
      headers: [
        ["Host", "h:1"],
        ["X-Amz-Date", DATE],
      ],
    },
    ["host", "x-amz-date"],
    EMPTY_PAYLOAD_HASH,
  );
  assert.equal(
    out,
    `POST\n/sessions\na=1%202&b=2\nhost:h:1\nx-amz-date:${DATE}\n\nhost;x-amz-date\n${EMPTY_PAYLOAD_HASH}`,
  );
});

test("path normalisation can be switched off", () => {
  const on = canonicalRequest(get("//a/../b", { Host: "h" }), ["host"], EMPTY_PAYLOAD_HASH);
  const off = canonicalRequest(get("//a/../b", { Host: "h" }), ["host"], EMPTY_PAYLOAD_HASH, {
    normalizePath: false,
  });
  assert.equal(on.split("\n")[1], "/b");
  assert.equal(off.split("\n")[1], "//a/../b");
});
