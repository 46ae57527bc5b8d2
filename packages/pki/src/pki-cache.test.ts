import assert from "node:assert/strict";
import { test } from "node:test";
import { PkiError } from "./errors.js";
import { PkiCache } from "./pki-cache.js";
import { fixtureDer } from "./test-support/fixtures.js";

test("a parse is cached by DER hash and survives the caller reusing its buffer", () => {
  const cache = new PkiCache();
  const buf = Buffer.from(fixtureDer("client-rsa.cert.pem"));
  const first = cache.certificate(buf);
  assert.equal(cache.certificate(Buffer.from(buf)), first, "same object for the same bytes");
  buf.fill(0);
  assert.equal(
    first.subject.text,
    "CN=test-client,OU=engineering,O=Example,C=US",
    "the parse owns a copy of the DER",
  );
});

test("parse failures are cached too (garbage is not re-parsed)", () => {
  const cache = new PkiCache();
  const garbage = Buffer.from("not a certificate");
  const e1 = (() => {
    try {
      cache.certificate(garbage);
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  assert.ok(e1 instanceof PkiError && e1.code === "Malformed");
  assert.throws(
    () => cache.certificate(garbage),
    (e: unknown) => e === e1,
  );
});

test("signature verdicts are cached per (signed object, issuer key), failures included", () => {
  const cache = new PkiCache({ signatures: 2 });
  const leaf = cache.certificate(fixtureDer("client-rsa.cert.pem"));
  const inter = cache.certificate(fixtureDer("intermediate-ca.cert.pem"));
  const root = cache.certificate(fixtureDer("root-ca.cert.pem"));
  assert.equal(cache.signedBy(leaf, inter), true);
  assert.equal(cache.signedBy(leaf, root), false);
  assert.equal(cache.verifications, 2);
  assert.equal(cache.signedBy(leaf, inter), true);
  assert.equal(cache.signedBy(leaf, root), false);
  assert.equal(cache.verifications, 2, "served from the cache");
  cache.signedBy(inter, root); // evicts the least recently used verdict (leaf<inter)
  assert.equal(cache.signedBy(leaf, inter), true);
  assert.equal(cache.verifications, 4);
});
