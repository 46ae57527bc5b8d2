import assert from "node:assert/strict";
import { test } from "node:test";
import { deriveSealingKey, deriveSecretAccessKey, sealSession, unsealSession } from "./seal.js";
import type { SessionClaims } from "./session-claims.js";
import { parseSessionToken } from "./session-token.js";

const KEY = deriveSealingKey({ id: "sk00000000000000aa", material: Buffer.alloc(32, 1) });
const OTHER_KEY = deriveSealingKey({ id: KEY.id, material: Buffer.alloc(32, 2) });
const ACCESS_KEY_ID = "ASIAEXAMPLEEXAMPLE12";
const NONCE = Buffer.alloc(12, 3);
const CLAIMS: SessionClaims = {
  kind: "role",
  accountId: "123456789012",
  roleArn: "arn:aws:iam::123456789012:role/S3Role",
  roleId: "AROAEXAMPLEEXAMPLE12",
  sessionName: "host-1",
  issuedAt: 1_700_000_000,
  expiresAt: 1_700_003_600,
  policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
  tags: [],
  transitiveTagKeys: [],
  chained: false,
  issuer: "arn:aws:iam::123456789012:user/alice",
};

test("a sealed session opens with its key for its access key id, with the same secret", () => {
  const sealed = sealSession(CLAIMS, { key: KEY, accessKeyId: ACCESS_KEY_ID, nonce: NONCE });
  assert.match(sealed.secretAccessKey, /^[A-Za-z0-9+/]{40}$/);
  const opened = unsealSession(parseSessionToken(sealed.sessionToken), KEY, ACCESS_KEY_ID);
  assert.deepEqual(opened.claims, CLAIMS);
  assert.equal(opened.secretAccessKey, sealed.secretAccessKey);
});

test("the secret is not in the token and differs per nonce and per access key id", () => {
  const sealed = sealSession(CLAIMS, { key: KEY, accessKeyId: ACCESS_KEY_ID, nonce: NONCE });
  assert.ok(!Buffer.from(sealed.sessionToken, "base64url").includes(Buffer.from(sealed.secretAccessKey)));
  assert.notEqual(deriveSecretAccessKey(KEY, Buffer.alloc(12, 4), ACCESS_KEY_ID), sealed.secretAccessKey);
  assert.notEqual(deriveSecretAccessKey(KEY, NONCE, "ASIAEXAMPLEEXAMPLE13"), sealed.secretAccessKey);
});

test("a token of typical size stays well under 2 KB", () => {
  const sealed = sealSession(CLAIMS, { key: KEY, accessKeyId: ACCESS_KEY_ID, nonce: NONCE });
  assert.ok(sealed.sessionToken.length < 600, `${sealed.sessionToken.length} characters`);
});

test("changing any byte of any region of the token makes it fail to open (tampered or malformed)", () => {
  const sealed = sealSession(CLAIMS, { key: KEY, accessKeyId: ACCESS_KEY_ID, nonce: NONCE });
  const bytes = Buffer.from(sealed.sessionToken, "base64url");
  const keyIdEnd = 2 + KEY.id.length;
  const regions = {
    version: [0, 1],
    "key id length": [1, 2],
    "key id": [2, keyIdEnd],
    nonce: [keyIdEnd, keyIdEnd + 12],
    ciphertext: [keyIdEnd + 12, bytes.length - 16],
    tag: [bytes.length - 16, bytes.length],
  } as const;
  let checked = 0;
  for (const [region, [from, to]] of Object.entries(regions)) {
    for (let i = from; i < to; i++) {
      const tampered = Buffer.from(bytes);
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      assert.throws(
        () => unsealSession(parseSessionToken(tampered.toString("base64url")), KEY, ACCESS_KEY_ID),
        { name: "SessionTokenError", problem: /^(tampered|malformed|unsupported-version)$/ },
        `${region} byte ${i}`,
      );
      checked++;
    }
  }
  assert.equal(checked, bytes.length);
});

test("a token does not open for another access key id, or with another key of the same id", () => {
  const sealed = sealSession(CLAIMS, { key: KEY, accessKeyId: ACCESS_KEY_ID, nonce: NONCE });
  const envelope = parseSessionToken(sealed.sessionToken);
  assert.throws(() => unsealSession(envelope, KEY, "ASIAEXAMPLEEXAMPLE13"), { problem: "tampered" });
  assert.throws(() => unsealSession(envelope, OTHER_KEY, ACCESS_KEY_ID), { problem: "tampered" });
});

test("the nonce must be 12 bytes", () => {
  assert.throws(
    () => sealSession(CLAIMS, { key: KEY, accessKeyId: ACCESS_KEY_ID, nonce: Buffer.alloc(8) }),
    TypeError,
  );
});
