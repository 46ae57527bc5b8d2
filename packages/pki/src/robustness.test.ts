// Mutated inputs: the parsers throw nothing but PkiError, and validatePath never throws (the
// chain header and the certificate are attacker-controlled). Seeded, so failures reproduce.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCertificate } from "./certificate.js";
import { parseCrl } from "./crl.js";
import { PkiError } from "./errors.js";
import { PkiCache } from "./pki-cache.js";
import { forge, forgeCrl } from "./test-support/forge.js";
import { fixtureDer } from "./test-support/fixtures.js";
import { createTrustAnchorSet } from "./trust-anchors.js";
import { validatePath } from "./validate-path.js";

function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

function mutate(base: Buffer, rnd: () => number): Buffer {
  const m = Buffer.from(base);
  const n = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) m[Math.floor(rnd() * m.length)] = Math.floor(rnd() * 256);
  return rnd() < 0.1 ? m.subarray(0, Math.floor(rnd() * m.length)) : m;
}

const ROUNDS = 1500;

test(`${ROUNDS} mutated certificates: only PkiError, and validatePath always answers`, () => {
  const rnd = prng(20260101);
  const inputs = ["client-rsa.cert.pem", "intermediate-ca.cert.pem", "client-ec-p256.cert.pem"].map(
    fixtureDer,
  );
  const anchors = createTrustAnchorSet([fixtureDer("root-ca.cert.pem")]);
  let rounds = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const der = mutate(inputs[i % inputs.length]!, rnd);
    try {
      parseCertificate(der);
    } catch (e) {
      assert.ok(e instanceof PkiError, `round ${i}: ${String(e)}`);
    }
    const r = validatePath({
      leaf: der,
      intermediates: [inputs[1]!, der],
      anchors,
      time: new Date("2030-01-01T00:00:00Z"),
      cache: new PkiCache(),
    });
    assert.equal(typeof r.ok, "boolean");
    rounds++;
  }
  assert.equal(rounds, ROUNDS);
});

test(`${ROUNDS} mutated CRLs: only PkiError`, async () => {
  const rnd = prng(7);
  const ca = await forge({ subject: "CN=Fuzz CA", ca: true });
  const crl = await forgeCrl({
    issuer: ca,
    crlNumber: 1,
    entries: [{ serialHex: "01", reason: 1 }, { serialHex: "02" }],
  });
  let rounds = 0;
  for (let i = 0; i < ROUNDS; i++) {
    try {
      parseCrl(mutate(crl, rnd));
    } catch (e) {
      assert.ok(e instanceof PkiError, `round ${i}: ${String(e)}`);
    }
    rounds++;
  }
  assert.equal(rounds, ROUNDS);
});
