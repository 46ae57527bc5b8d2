import assert from "node:assert/strict";
import test from "node:test";
import { gzipSync } from "node:zlib";
import { decodeBody } from "./content-encoding.js";
import { TransportError } from "./http-request.js";

const BODY = Buffer.from('{"credentialSet":[]}');

test("identity bodies pass through; gzip ones are decoded", async () => {
  assert.equal(await decodeBody(BODY, undefined, 100), BODY);
  assert.equal(await decodeBody(BODY, "identity", 100), BODY);
  assert.deepEqual(await decodeBody(gzipSync(BODY), "gzip", 100), BODY);
  assert.deepEqual(await decodeBody(gzipSync(BODY), " GZIP ", 100), BODY);
});

test("a gzip bomb stops at the bound; corrupt gzip and unasked encodings are refused", async () => {
  const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024));
  assert.ok(bomb.length < 20_000);
  await assert.rejects(
    decodeBody(bomb, "gzip", 256 * 1024),
    (e: unknown) => e instanceof TransportError && e.code === "ResponseTooLarge",
  );
  await assert.rejects(
    decodeBody(Buffer.from("not gzip"), "gzip", 100),
    (e: unknown) =>
      e instanceof TransportError && e.code === "BadContentEncoding" && /corrupt/.test(e.message),
  );
  await assert.rejects(decodeBody(BODY, "br", 100), /Content-Encoding "br", which was not asked for/);
});
