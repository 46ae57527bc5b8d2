// Signing with an X509ExternalSigner (a key outside node:crypto: a PKCS#11 token, a KMS): the same
// request, the same bytes as with the KeyObject, synchronously or not.
import assert from "node:assert/strict";
import { sign as cryptoSign } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { test } from "node:test";
import { buildCreateSessionRequest } from "./create-session-request.js";
import { expectX509Error } from "./expect-error.fixture.js";
import { parseX509Request } from "./parse-request.js";
import { signX509Request, signX509RequestAsync } from "./sign.js";
import type { X509ExternalSigner } from "./sign.js";
import { caseInputs, FIXED_TIME, loadVectors, recordedHeader, signingTime } from "./vectors.fixture.js";
import { verifyX509Request } from "./verify.js";

const vectors = loadVectors();
const wrap = (key: KeyObject, asynchronous: boolean): X509ExternalSigner => ({
  keyType: key.asymmetricKeyType === "rsa" ? "rsa" : "ec",
  sign: (data) => {
    const signature = cryptoSign("sha256", data, key);
    return asynchronous ? Promise.resolve(signature) : signature;
  },
});

test("every recorded vector signs the same through an external signer, sync and async", async () => {
  let n = 0;
  for (const c of vectors) {
    const input = caseInputs(c);
    const recorded = c.requests[0]!;
    const request = buildCreateSessionRequest({
      ...input,
      userAgent: recordedHeader(recorded, "User-Agent"),
    });
    const now = signingTime(c, recorded);
    const direct = signX509Request(request, { ...input, now });
    const sync = signX509Request(request, { ...input, privateKey: wrap(input.privateKey, false), now });
    const later = await signX509RequestAsync(request, {
      ...input,
      privateKey: wrap(input.privateKey, true),
      now,
    });
    const keyObjectAsync = await signX509RequestAsync(request, { ...input, now });
    for (const signed of [sync, later, keyObjectAsync]) {
      assert.equal(signed.stringToSign, direct.stringToSign, c.id);
      assert.equal(signed.algorithm, direct.algorithm, c.id);
      if (c.expect?.signatureHex) assert.equal(signed.authorization, c.expect.authorizationHeader, c.id);
      const parsed = parseX509Request({
        method: request.method,
        rawUrl: `${request.url.pathname}${request.url.search}`,
        headers: signed.headers,
        body: request.body,
      });
      verifyX509Request(parsed, { now, region: input.region });
    }
    n++;
  }
  assert.equal(n, 14);
});

const rsa = caseInputs(vectors.find((c) => c.id === "rsa-with-intermediate")!);
const request = () =>
  buildCreateSessionRequest({
    endpoint: "https://ra.example.com",
    trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
    profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
    roleArn: "arn:aws:iam::123456789012:role/test-role",
  });

test("the synchronous signer refuses a signer that answers with a Promise", () => {
  expectX509Error(
    () => signX509Request(request(), { ...rsa, privateKey: wrap(rsa.privateKey, true), now: FIXED_TIME }),
    "InvalidParameter",
    /use signX509RequestAsync/,
  );
});

test("an external signer of another key type, or one answering with no Buffer, is refused", async () => {
  const odd = { keyType: "ed25519", sign: () => Buffer.alloc(64) } as unknown as X509ExternalSigner;
  expectX509Error(
    () => signX509Request(request(), { ...rsa, privateKey: odd, now: FIXED_TIME }),
    "UnsupportedKeyType",
    /ed25519/,
  );
  const notBuffer = { keyType: "rsa", sign: async () => "abc" } as unknown as X509ExternalSigner;
  await assert.rejects(signX509RequestAsync(request(), { ...rsa, privateKey: notBuffer, now: FIXED_TIME }), {
    code: "InvalidParameter",
  });
});
