import assert from "node:assert/strict";
import { X509Certificate, createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { test } from "node:test";
import { buildCreateSessionRequest } from "./create-session-request.js";
import { expectX509Error, type Rejection } from "./expect-error.fixture.js";
import { parseX509Request } from "./parse-request.js";
import { signX509Request } from "./sign.js";
import {
  FIXED_TIME,
  caseInputs,
  certificateDer,
  hasOpenssl,
  loadVectors,
  opensslSelfSigned,
  privateKey,
  recordedHeader,
  signingTime,
} from "./vectors.fixture.js";
import { verifyX509Request } from "./verify.js";

const vectors = loadVectors();

test("vectors.json holds the 14 recorded credential-process cases", () => {
  assert.equal(vectors.length, 14);
});

let reproduced = 0;
for (const c of vectors) {
  test(`reproduces vector ${c.id}`, () => {
    assert.equal(c.requests.length, 1);
    const recorded = c.requests[0];
    const expected = c.expect;
    assert.ok(recorded !== undefined && expected !== undefined);
    const input = caseInputs(c);
    const request = buildCreateSessionRequest({
      ...input,
      userAgent: recordedHeader(recorded, "User-Agent"),
    });
    const now = signingTime(c, recorded);
    const signed = signX509Request(request, { ...input, now });

    // Request line and body.
    assert.equal(`${request.url.pathname}${request.url.search}`, recorded.url);
    assert.equal(request.body.toString("utf8"), recorded.bodyUtf8);
    // Intermediate values.
    assert.equal(signed.canonicalRequest, expected.canonicalRequest);
    assert.equal(signed.stringToSign, expected.stringToSign);
    // Headers: same names in the same order as on the wire (Transfer-Encoding is the HTTP client's),
    // and the same values (Authorization only where the signature is deterministic).
    const wire = recorded.rawHeaders.filter(([name]) => name !== "Transfer-Encoding");
    assert.deepEqual(
      signed.headers.map(([name]) => name),
      wire.map(([name]) => name),
    );
    const rsa = expected.signatureHex !== null;
    for (const [name, value] of signed.headers) {
      if (name === "Authorization" && !rsa) continue;
      assert.equal(value, recordedHeader(recorded, name), name);
    }
    if (rsa) {
      assert.equal(signed.signature, expected.signatureHex);
      assert.equal(signed.authorization, expected.authorizationHeader);
    } else {
      // ECDSA is randomised: ours must verify, with the same Authorization up to the signature.
      const recordedAuth = recordedHeader(recorded, "Authorization");
      assert.equal(
        signed.authorization.replace(/Signature=.*/, ""),
        recordedAuth.replace(/Signature=.*/, ""),
      );
      const leafKey = new X509Certificate(input.certificate).publicKey;
      assert.ok(
        verify("sha256", Buffer.from(signed.stringToSign), leafKey, Buffer.from(signed.signature, "hex")),
      );
    }
    // Our own signed request passes our verifier.
    const parsed = parseX509Request({
      method: request.method,
      rawUrl: `${request.url.pathname}${request.url.search}`,
      headers: signed.headers,
      body: request.body,
    });
    assert.equal(parsed.canonicalRequest, expected.canonicalRequest);
    const verified = verifyX509Request(parsed, { now, region: input.region });
    assert.equal(verified.signatureEncoding, rsa ? "pkcs1" : "der");
    reproduced++;
  });
}

test("every vector was reproduced", () => {
  // Runs after the per-case tests (node:test runs top-level tests in order).
  assert.equal(reproduced, vectors.length);
});

const RSA = {
  certificate: certificateDer("pki/client-rsa.cert.pem"),
  privateKey: privateKey("pki/client-rsa.key.pem"),
};
const ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
  profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
  roleArn: "arn:aws:iam::123456789012:role/test-role",
};
const request = () => buildCreateSessionRequest({ endpoint: "https://ra.example.com", ...ARNS });

test("signs content-type;host;x-amz-date;x-amz-x509 and nothing unsigned", () => {
  const r = buildCreateSessionRequest({ endpoint: "https://ra.example.com", ...ARNS, userAgent: "ua/1" });
  const signed = signX509Request(
    { ...r, headers: [...r.headers, ["X-Amzn-Trace-Id", "Root=1"], ["Transfer-Encoding", "chunked"]] },
    { ...RSA, region: "us-east-1", now: FIXED_TIME },
  );
  assert.deepEqual(signed.signedHeaders, ["content-type", "host", "x-amz-date", "x-amz-x509"]);
  assert.match(signed.authorization, /SignedHeaders=content-type;host;x-amz-date;x-amz-x509, /);
});

test("an empty chain sends no X-Amz-X509-Chain header", () => {
  const signed = signX509Request(request(), { ...RSA, chain: [], region: "us-east-1", now: FIXED_TIME });
  assert.equal(
    signed.headers.some(([name]) => name === "X-Amz-X509-Chain"),
    false,
  );
  assert.ok(!signed.signedHeaders.includes("x-amz-x509-chain"));
});

test("exposes the intermediate values but never the key", () => {
  const signed = signX509Request(request(), { ...RSA, region: "us-east-1", now: FIXED_TIME });
  const pem = RSA.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const keyBody = pem.split("\n")[1] ?? "";
  assert.ok(keyBody.length > 40);
  assert.equal(JSON.stringify(signed).includes(keyBody), false);
  assert.match(
    signed.stringToSign,
    /^AWS4-X509-RSA-SHA256\n20260115T120000Z\n20260115\/us-east-1\/rolesanywhere\/aws4_request\n[0-9a-f]{64}$/,
  );
});

test("milliseconds of the signing time are dropped", () => {
  const signed = signX509Request(request(), {
    ...RSA,
    region: "us-east-1",
    now: new Date("2026-01-15T12:00:00.987Z"),
  });
  assert.equal(signed.amzDate, "20260115T120000Z");
});

const rejections: Rejection[] = [
  [
    "a public key",
    () =>
      signX509Request(request(), {
        ...RSA,
        privateKey: createPublicKey(RSA.privateKey),
        region: "us-east-1",
        now: FIXED_TIME,
      }),
    "InvalidParameter",
    /cannot sign with a public key/,
  ],
  [
    "an Ed25519 key",
    () =>
      signX509Request(request(), {
        ...RSA,
        privateKey: generateKeyPairSync("ed25519").privateKey,
        region: "us-east-1",
        now: FIXED_TIME,
      }),
    "UnsupportedKeyType",
    /has key type ed25519; Roles Anywhere supports RSA/,
  ],
  [
    "a secp256k1 key",
    () =>
      signX509Request(request(), {
        ...RSA,
        privateKey: generateKeyPairSync("ec", { namedCurve: "secp256k1" }).privateKey,
        region: "us-east-1",
        now: FIXED_TIME,
      }),
    "UnsupportedKeyType",
    /curve secp256k1; Roles Anywhere supports P-256, P-384 and P-521/,
  ],
  [
    "an RSA-PSS key",
    () =>
      signX509Request(request(), {
        ...RSA,
        privateKey: generateKeyPairSync("rsa-pss", { modulusLength: 1024 }).privateKey,
        region: "us-east-1",
        now: FIXED_TIME,
      }),
    "UnsupportedKeyType",
    /has key type rsa-pss/,
  ],
  [
    "a request that already has X-Amz-Date",
    () =>
      signX509Request(
        { ...request(), headers: [["X-Amz-Date", "20260115T120000Z"]] },
        { ...RSA, region: "us-east-1", now: FIXED_TIME },
      ),
    "InvalidParameter",
    /already has a X-Amz-Date header; the signer sets it/,
  ],
  [
    "an empty region",
    () => signX509Request(request(), { ...RSA, region: "", now: FIXED_TIME }),
    "InvalidParameter",
    /region "" is not a region name/,
  ],
  [
    "an invalid Date",
    () => signX509Request(request(), { ...RSA, region: "us-east-1", now: new Date(Number.NaN) }),
    "InvalidParameter",
    /invalid Date/,
  ],
  [
    "a certificate that is not DER",
    () =>
      signX509Request(request(), {
        ...RSA,
        certificate: Buffer.from("nope"),
        region: "us-east-1",
        now: FIXED_TIME,
      }),
    "MalformedCertificate",
    /not a DER X\.509 certificate/,
  ],
  [
    "six chain certificates",
    () =>
      signX509Request(request(), {
        ...RSA,
        chain: Array.from({ length: 6 }, () => RSA.certificate),
        region: "us-east-1",
        now: FIXED_TIME,
      }),
    "ChainTooLong",
    /6 certificates; the limit is 5/,
  ],
];

test("the signing rejection table has 9 rows", () => assert.equal(rejections.length, 9));
for (const [name, run, code, message] of rejections) {
  test(`signing rejects ${name} with ${code}`, () => {
    expectX509Error(run, code, message);
  });
}

const curves: [string, string[], string][] = [
  ["P-256", ["EC", "-pkeyopt", "ec_paramgen_curve:P-256"], "AWS4-X509-ECDSA-SHA256"],
  ["P-384", ["EC", "-pkeyopt", "ec_paramgen_curve:P-384"], "AWS4-X509-ECDSA-SHA256"],
  ["P-521", ["EC", "-pkeyopt", "ec_paramgen_curve:P-521"], "AWS4-X509-ECDSA-SHA256"],
  ["RSA-3072", ["RSA", "-pkeyopt", "rsa_keygen_bits:3072"], "AWS4-X509-RSA-SHA256"],
];
const noOpenssl = hasOpenssl() ? false : "openssl is not on PATH; cannot make the test certificates";

for (const [name, keyAlg, algorithm] of curves) {
  test(`${name}: sign and verify round-trip with an openssl-made certificate`, { skip: noOpenssl }, () => {
    const { certificate, privateKey: key } = opensslSelfSigned(
      keyAlg,
      "7A1B2C3D4E5F60718293A4B5C6D7E8F901020304",
    );
    const signed = signX509Request(request(), {
      certificate,
      privateKey: key,
      region: "us-east-1",
      now: FIXED_TIME,
    });
    assert.equal(signed.algorithm, algorithm);
    assert.match(signed.authorization, /Credential=697102847962849136386663842779132746231980360452\//);
    const r = request();
    const verified = verifyX509Request(
      parseX509Request({
        method: "POST",
        rawUrl: `${r.path}${r.url.search}`,
        headers: signed.headers,
        body: r.body,
      }),
      { now: FIXED_TIME, region: "us-east-1" },
    );
    assert.equal(verified.serialNumber, "697102847962849136386663842779132746231980360452");
    if (name.startsWith("P-")) assert.equal(verified.curve, name);
  });
}
