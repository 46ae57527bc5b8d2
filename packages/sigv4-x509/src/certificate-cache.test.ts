import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { test } from "node:test";
import { X509CertificateCache, type CachedCertificate } from "./certificate-cache.js";
import { expectX509Error } from "./expect-error.fixture.js";
import { parseX509Request, type ReceivedRequest } from "./parse-request.js";
import { certificateDer, loadVectors } from "./vectors.fixture.js";

const LEAF_DER = certificateDer("pki/client-rsa.cert.pem");
const entry = (der: Buffer): CachedCertificate => ({ der, certificate: new X509Certificate(der) });

const BASE = loadVectors().find((c) => c.id === "rsa-with-intermediate")?.requests[0];
assert.ok(BASE !== undefined);
const base: ReceivedRequest = {
  method: BASE.method,
  rawUrl: BASE.url,
  headers: BASE.rawHeaders,
  body: Buffer.from(BASE.bodyUtf8, "utf8"),
};
const headerValue = (name: string): string => BASE.rawHeaders.find(([n]) => n === name)?.[1] ?? "";

test("parseX509Request keeps the leaf and the chain by header text and reuses them", () => {
  const certificates = new X509CertificateCache();
  const first = parseX509Request(base, { certificates });
  assert.equal(certificates.size, 2);
  assert.deepEqual(certificates.get(headerValue("X-Amz-X509"))?.[0]?.der, first.certificateDer);
  const second = parseX509Request(base, { certificates });
  assert.equal(second.certificate, first.certificate, "the same X509Certificate object, not a new parse");
  assert.equal(second.chain[0], first.chain[0]);
  assert.equal(second.canonicalRequest, first.canonicalRequest);
});

test("without a cache every parse makes new certificate objects", () => {
  assert.notEqual(parseX509Request(base).certificate, parseX509Request(base).certificate);
});

test("a malformed certificate is refused every time and never kept", () => {
  const certificates = new X509CertificateCache();
  const broken = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]).toString("base64");
  const headers = BASE.rawHeaders.map(([n, v]): [string, string] => [n, n === "X-Amz-X509" ? broken : v]);
  for (let i = 0; i < 2; i++) {
    expectX509Error(
      () => parseX509Request({ ...base, headers }, { certificates }),
      "MalformedCertificate",
      /X-Amz-X509 does not hold a valid X\.509 certificate/,
    );
  }
  assert.equal(certificates.get(broken), undefined);
});

test("the least recently used entry goes first when there are too many", () => {
  const cache = new X509CertificateCache({ maxEntries: 2 });
  cache.set("a", [entry(LEAF_DER)]);
  cache.set("b", [entry(LEAF_DER)]);
  assert.ok(cache.get("a") !== undefined); // a is now the most recent
  cache.set("c", [entry(LEAF_DER)]);
  assert.deepEqual(
    ["a", "b", "c"].map((k) => cache.get(k) !== undefined),
    [true, false, true],
  );
  assert.equal(cache.bytes, 2 * LEAF_DER.length);
});

test("the byte budget bounds what is kept, and an entry larger than the budget is not kept", () => {
  const cache = new X509CertificateCache({ maxBytes: LEAF_DER.length * 2 });
  cache.set("one", [entry(LEAF_DER)]);
  cache.set("two", [entry(LEAF_DER), entry(LEAF_DER)]);
  assert.equal(cache.get("one"), undefined);
  assert.equal(cache.size, 1);
  cache.set("three", [entry(LEAF_DER), entry(LEAF_DER), entry(LEAF_DER)]);
  assert.equal(cache.get("three"), undefined);
  assert.equal(cache.bytes, LEAF_DER.length * 2);
  cache.clear();
  assert.deepEqual([cache.size, cache.bytes], [0, 0]);
});

test("setting a key again replaces it and keeps the byte count right", () => {
  const cache = new X509CertificateCache();
  cache.set("k", [entry(LEAF_DER)]);
  cache.set("k", [entry(LEAF_DER), entry(LEAF_DER)]);
  assert.deepEqual([cache.size, cache.bytes], [1, 2 * LEAF_DER.length]);
});

test("limits below 1 are refused", () => {
  assert.throws(() => new X509CertificateCache({ maxEntries: 0 }), RangeError);
  assert.throws(() => new X509CertificateCache({ maxBytes: 0 }), RangeError);
});
