import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import test from "node:test";
import { readPki } from "../material/fixture-files.js";
import { credentialCacheKey } from "./cache-key.js";
import type { CacheKeyInput } from "./cache-key.js";

const leaf = new X509Certificate(readPki("client-rsa.cert.pem"));
const other = new X509Certificate(readPki("client-ec-p256.cert.pem"));
const intermediate = new X509Certificate(readPki("intermediate-ca.cert.pem"));

const BASE: CacheKeyInput = {
  certificate: leaf.raw,
  chain: [intermediate.raw],
  publicKey: leaf.publicKey.export({ type: "spki", format: "der" }),
  trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
  profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
  roleArn: "arn:aws:iam::123456789012:role/test-role",
  region: "us-east-1",
  endpoint: "https://rolesanywhere.us-east-1.amazonaws.com/",
  durationSeconds: 3600,
  roleSessionName: undefined,
};

test("the key is 64 hex digits and stable for equal inputs", () => {
  const key = credentialCacheKey(BASE);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(credentialCacheKey({ ...BASE, chain: [Buffer.from(intermediate.raw)] }), key);
});

const CHANGES: readonly [string, Partial<CacheKeyInput>][] = [
  ["another certificate", { certificate: other.raw }],
  ["no chain", { chain: [] }],
  ["a longer chain", { chain: [intermediate.raw, intermediate.raw] }],
  ["another public key", { publicKey: other.publicKey.export({ type: "spki", format: "der" }) }],
  ["another trust anchor", { trustAnchorArn: `${BASE.trustAnchorArn}2` }],
  ["another profile", { profileArn: `${BASE.profileArn}2` }],
  ["another role", { roleArn: "arn:aws:iam::123456789012:role/other" }],
  ["another region", { region: "eu-west-1" }],
  ["another endpoint", { endpoint: "http://127.0.0.1:9/" }],
  ["another duration", { durationSeconds: 900 }],
  ["the profile's duration", { durationSeconds: undefined }],
  ["a session name", { roleSessionName: "s1" }],
];

test("every input changes the key (never shared across certificates, roles or endpoints)", () => {
  const keys = new Set([credentialCacheKey(BASE)]);
  for (const [what, change] of CHANGES) {
    const key = credentialCacheKey({ ...BASE, ...change });
    assert.ok(!keys.has(key), `${what} gives a key of its own`);
    keys.add(key);
  }
  assert.equal(keys.size, CHANGES.length + 1);
});

test("values cannot be shifted between fields to collide", () => {
  const a = credentialCacheKey({ ...BASE, roleArn: "arn:aws:iam::1:role/a", region: "b" });
  const b = credentialCacheKey({ ...BASE, roleArn: "arn:aws:iam::1:role/", region: "ab" });
  assert.notEqual(a, b);
});
