import assert from "node:assert/strict";
import { X509Certificate, constants, sign } from "node:crypto";
import { test } from "node:test";
import { canonicalRequest } from "./canonical-request.js";
import { buildCreateSessionRequest } from "./create-session-request.js";
import { expectX509Error, type Rejection } from "./expect-error.fixture.js";
import { parseX509Request, type ReceivedRequest } from "./parse-request.js";
import { payloadHash } from "./payload-hash.js";
import { signX509Request } from "./sign.js";
import { stringToSign } from "./string-to-sign.js";
import {
  FIXED_TIME,
  certificateDer,
  hasOpenssl,
  loadErrorVectors,
  loadRawRequests,
  loadVectors,
  opensslSelfSigned,
  privateKey,
  signingTime,
  type RecordedRequest,
  type VectorCase,
} from "./vectors.fixture.js";
import { verifyX509Request, type X509VerifyOptions } from "./verify.js";

const vectors = loadVectors();
const errorVectors = loadErrorVectors();
const recorded: [VectorCase, RecordedRequest, number][] = [...vectors, ...errorVectors].flatMap((c) =>
  c.requests.map((r, i): [VectorCase, RecordedRequest, number] => [c, r, i]),
);
const asReceived = (r: RecordedRequest): ReceivedRequest => ({
  method: r.method,
  rawUrl: r.url,
  headers: r.rawHeaders,
  body: Buffer.from(r.bodyUtf8, "utf8"),
});
const KEY_MISMATCH = "err-key-cert-mismatch";

test("replays 22 recorded requests, one of them signed with the wrong key", () => {
  assert.equal(recorded.length, 22);
  assert.equal(recorded.filter(([c]) => c.id === KEY_MISMATCH).length, 1);
});

for (const [c, r, i] of recorded) {
  const now = signingTime(c, r);
  if (c.id === KEY_MISMATCH) {
    test(`rejects recorded ${c.id}#${i} with SignatureMismatch`, () => {
      expectX509Error(
        () => verifyX509Request(parseX509Request(asReceived(r)), { now, region: "us-east-1" }),
        "SignatureMismatch",
        /does not verify with the public key of the certificate in X-Amz-X509/,
      );
    });
  } else {
    test(`accepts recorded ${c.id}#${i} at its own time`, () => {
      const region = c.argv.includes("--region") ? "us-east-1" : "eu-west-1";
      const verified = verifyX509Request(parseX509Request(asReceived(r)), { now, region });
      assert.equal(verified.region, region);
      assert.equal(verified.serialNumber, verified.request.serial);
      assert.equal(
        verified.keyType,
        r.rawHeaders.some(([, v]) => v.startsWith("AWS4-X509-ECDSA")) ? "ec" : "rsa",
      );
    });
  }
}

const raw = loadRawRequests();
test("raw/ holds 22 recorded HTTP requests", () => assert.equal(raw.length, 22));
for (const req of raw) {
  const mismatch = req.file.startsWith(KEY_MISMATCH);
  test(`${mismatch ? "rejects" : "accepts"} raw/${req.file}`, () => {
    const parsed = parseX509Request({
      method: req.method,
      rawUrl: req.url,
      headers: req.headers,
      body: req.body,
    });
    const c = [...vectors, ...errorVectors].find((v) => v.id === req.file.replace(/(\.\d+)?\.http$/, ""));
    assert.ok(c !== undefined);
    // The pinned clock, except for the unpinned run: verified at its own X-Amz-Date.
    const options = { now: c.fixedTime === null ? parsed.signedAt : FIXED_TIME, region: parsed.scope.region };
    if (mismatch)
      expectX509Error(() => verifyX509Request(parsed, options), "SignatureMismatch", /does not verify/);
    else assert.equal(verifyX509Request(parsed, options).certificate.subject.includes("test-client"), true);
  });
}

const ecdsa = vectors.filter(
  (c) => c.repeatRun?.secondSignatureHex !== undefined && c.expect?.signatureHex === null,
);
test("three ECDSA vectors recorded a second signature", () => assert.equal(ecdsa.length, 3));
for (const c of ecdsa) {
  test(`${c.id}: the second recorded ECDSA signature verifies too`, () => {
    const r = c.requests[0] as RecordedRequest;
    const second = c.repeatRun?.secondSignatureHex ?? "";
    const headers = r.rawHeaders.map(([n, v]): [string, string] => [
      n,
      n === "Authorization" ? v.replace(/Signature=[0-9a-f]+/, `Signature=${second}`) : v,
    ]);
    const verified = verifyX509Request(parseX509Request({ ...asReceived(r), headers }), { now: FIXED_TIME });
    assert.equal(verified.signatureEncoding, "der");
  });
}

// ---- Rejections and mutations, on the recorded rsa-with-intermediate request ----------------------
const BASE = vectors.find((c) => c.id === "rsa-with-intermediate")?.requests[0];
assert.ok(BASE !== undefined);
const base = asReceived(BASE);
const replace = (name: string, edit: (value: string) => string): ReceivedRequest => ({
  ...base,
  headers: BASE.rawHeaders.map(([n, v]): [string, string] => [n, n === name ? edit(v) : v]),
});
const flipHex = (hex: string, at: number): string =>
  `${hex.slice(0, at)}${hex[at] === "0" ? "1" : "0"}${hex.slice(at + 1)}`;
const OPTIONS = { now: FIXED_TIME, region: "us-east-1" };
const verifyReceived = (received: ReceivedRequest, options: X509VerifyOptions = OPTIONS) =>
  verifyX509Request(parseX509Request(received), options);
const otherLeaf = certificateDer("pki/client-rsa-root.cert.pem").toString("base64");

test("the unmodified base request verifies (so the mutations below are what fails)", () => {
  assert.equal(verifyReceived(base).serialNumber, "4098");
});

const rejections: Rejection[] = [
  [
    "an ECDSA label on an RSA certificate",
    () =>
      verifyReceived(
        replace("Authorization", (v) => v.replace("AWS4-X509-RSA-SHA256", "AWS4-X509-ECDSA-SHA256")),
      ),
    "AlgorithmKeyMismatch",
    /uses AWS4-X509-ECDSA-SHA256 but the certificate in X-Amz-X509 has an RSA key; sign with AWS4-X509-RSA-SHA256/,
  ],
  [
    "a Credential serial that is not the leaf's",
    () => verifyReceived(replace("Authorization", (v) => v.replace("Credential=4098/", "Credential=4099/"))),
    "SerialMismatch",
    /Credential names serial 4099 but the certificate in X-Amz-X509 has serial 4098 \(hex 1002\)/,
  ],
  [
    "another region",
    () => verifyReceived(base, { ...OPTIONS, region: "eu-west-1" }),
    "WrongRegion",
    /signed for region 'us-east-1' but this endpoint serves 'eu-west-1'; sign with region eu-west-1/,
  ],
  [
    "a clock 6 minutes ahead",
    () => verifyReceived(base, { ...OPTIONS, now: new Date(FIXED_TIME.getTime() + 6 * 60_000) }),
    "RequestTimeTooSkewed",
    /X-Amz-Date 2026-01-15T12:00:00\.000Z is 6 minutes behind the server time 2026-01-15T12:06:00\.000Z \(allowed: 5 minutes\)/,
  ],
  [
    "X-Amz-Date changed by +6 minutes",
    () => verifyReceived(replace("X-Amz-Date", () => "20260115T120600Z")),
    "RequestTimeTooSkewed",
    /X-Amz-Date 2026-01-15T12:06:00\.000Z is 6 minutes ahead of the server time 2026-01-15T12:00:00\.000Z/,
  ],
  [
    "a clock 5 minutes and 1 second behind",
    () => verifyReceived(base, { ...OPTIONS, now: new Date(FIXED_TIME.getTime() - 301_000) }),
    "RequestTimeTooSkewed",
    /is 5\.0 minutes ahead of the server time/,
  ],
  [
    "a 1-minute window",
    () =>
      verifyReceived(base, {
        ...OPTIONS,
        now: new Date(FIXED_TIME.getTime() + 90_000),
        maxClockSkewMs: 60_000,
      }),
    "RequestTimeTooSkewed",
    /allowed: 1 minute\)/,
  ],
  [
    "one flipped body byte",
    () => verifyReceived({ ...base, body: Buffer.from(BASE.bodyUtf8.replace("3600", "3601")) }),
    "SignatureMismatch",
    /does not verify/,
  ],
  [
    "one flipped byte of a signed header",
    () => verifyReceived(replace("Content-Type", () => "application/jsom")),
    "SignatureMismatch",
    /does not verify/,
  ],
  [
    "one flipped byte of the Host header",
    () => verifyReceived(replace("Host", () => "127.0.0.1:18444")),
    "SignatureMismatch",
    /does not verify/,
  ],
  [
    "one flipped byte of the query",
    () => verifyReceived({ ...base, rawUrl: BASE.url.replace("role%2Ftest-role", "role%2Ftest-rolf") }),
    "SignatureMismatch",
    /does not verify/,
  ],
  [
    "one flipped byte of the signature",
    () => verifyReceived(replace("Authorization", (v) => flipHex(v, v.indexOf("Signature=") + 20))),
    "SignatureMismatch",
    /does not verify/,
  ],
  [
    "a truncated signature",
    () => verifyReceived(replace("Authorization", (v) => v.slice(0, -2))),
    "SignatureMismatch",
    /does not verify/,
  ],
  [
    "the leaf swapped for another certificate",
    () => verifyReceived(replace("X-Amz-X509", () => otherLeaf)),
    "SerialMismatch",
    /Credential names serial 4098 but the certificate in X-Amz-X509 has serial 4101/,
  ],
  [
    "the leaf and the Credential serial swapped for another certificate's",
    () =>
      verifyReceived({
        ...base,
        headers: BASE.rawHeaders.map(([n, v]): [string, string] => [
          n,
          n === "X-Amz-X509" ? otherLeaf : n === "Authorization" ? v.replace("=4098/", "=4101/") : v,
        ]),
      }),
    "SignatureMismatch",
    /does not verify/,
  ],
];

test("the verify rejection table has 15 rows", () => assert.equal(rejections.length, 15));
for (const [name, run, code, message] of rejections) {
  test(`verify rejects ${name} with ${code}`, () => {
    expectX509Error(run, code, message);
  });
}

test("exactly 5 minutes of skew either way is accepted", () => {
  for (const delta of [-300_000, 300_000]) {
    assert.equal(
      verifyReceived(base, { ...OPTIONS, now: new Date(FIXED_TIME.getTime() + delta) }).serialNumber,
      "4098",
    );
  }
});

test("without a region option any scope region is accepted and reported", () => {
  assert.equal(verifyX509Request(parseX509Request(base), { now: FIXED_TIME }).region, "us-east-1");
});

// ---- ECDSA encodings, the Python client's dialect, unsupported leaf keys --------------------------
const EC = {
  certificate: certificateDer("pki/client-ec-p384.cert.pem"),
  privateKey: privateKey("pki/client-ec-p384.key.pem"),
};
const RSA = {
  certificate: certificateDer("pki/client-rsa.cert.pem"),
  privateKey: privateKey("pki/client-rsa.key.pem"),
};
const ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA",
  profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/PR",
  roleArn: "arn:aws:iam::123456789012:role/test-role",
};

/** Signs a CreateSession with `material`, then re-signs its string to sign with `resign`. */
function signedWith(
  material: typeof EC,
  resign?: (toSign: Buffer) => Buffer,
): { received: ReceivedRequest; signature: string } {
  const request = buildCreateSessionRequest({
    endpoint: "https://ra.example.com",
    ...ARNS,
    durationSeconds: 900,
  });
  const signed = signX509Request(request, { ...material, region: "us-east-1", now: FIXED_TIME });
  const signature = resign ? resign(Buffer.from(signed.stringToSign)).toString("hex") : signed.signature;
  const headers = signed.headers.map(([n, v]): [string, string] => [
    n,
    n === "Authorization" ? v.replace(/Signature=[0-9a-f]+$/, `Signature=${signature}`) : v,
  ]);
  return {
    received: { method: "POST", rawUrl: `${request.path}${request.url.search}`, headers, body: request.body },
    signature,
  };
}

test("ECDSA: a fixed-length r||s (IEEE P1363) signature is accepted too", () => {
  const { received, signature } = signedWith(EC, (data) =>
    sign("sha256", data, { key: EC.privateKey, dsaEncoding: "ieee-p1363" }),
  );
  assert.equal(signature.length, 192);
  assert.equal(verifyReceived(received).signatureEncoding, "ieee-p1363");
});

test("ECDSA: a SHA-384 digest is rejected; the digest is always SHA-256", () => {
  const { received } = signedWith(EC, (data) => sign("sha384", data, EC.privateKey));
  expectX509Error(() => verifyReceived(received), "SignatureMismatch", /does not verify/);
});

test("RSA: a PSS signature is rejected; RSA means PKCS#1 v1.5", () => {
  const { received } = signedWith(RSA, (data) =>
    sign("sha256", data, { key: RSA.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING }),
  );
  expectX509Error(() => verifyReceived(received), "SignatureMismatch", /does not verify/);
});

// AWS Labs' Python client (iam-rolesanywhere-session 2.3): ARNs in a spaced JSON body, no query,
// Content-Type application/x-amz-json-1.0, Content-Length, Host always rolesanywhere.<region>.amazonaws.com,
// the algorithm labelled with the issuing CA's hash, the digest still SHA-256.
const pythonDialect: [string, typeof RSA, string][] = [
  ["RSA labelled SHA384", RSA, "AWS4-X509-RSA-SHA384"],
  ["RSA labelled SHA512", RSA, "AWS4-X509-RSA-SHA512"],
  ["ECDSA labelled SHA384", EC, "AWS4-X509-ECDSA-SHA384"],
  ["ECDSA labelled SHA256", EC, "AWS4-X509-ECDSA-SHA256"],
];
test("four Python-client dialect cases", () => assert.equal(pythonDialect.length, 4));
for (const [name, material, label] of pythonDialect) {
  test(`accepts the Python client's dialect: ${name}`, () => {
    const body = Buffer.from(
      `{"durationSeconds": 3600, "profileArn": "${ARNS.profileArn}", "roleArn": "${ARNS.roleArn}", "trustAnchorArn": "${ARNS.trustAnchorArn}"}`,
    );
    const headers: [string, string][] = [
      ["Host", "rolesanywhere.us-east-1.amazonaws.com"],
      ["Content-Type", "application/x-amz-json-1.0"],
      ["X-Amz-Date", "20260115T120000Z"],
      ["X-Amz-X509", material.certificate.toString("base64")],
      ["Content-Length", String(body.length)],
    ];
    const signed = ["content-type", "host", "x-amz-date", "x-amz-x509"];
    const canonical = canonicalRequest(
      { method: "POST", path: "/sessions", query: [], headers },
      signed,
      payloadHash(body),
    );
    const scope = "20260115/us-east-1/rolesanywhere/aws4_request";
    const signature = sign(
      "sha256",
      Buffer.from(stringToSign(label, "20260115T120000Z", scope, canonical)),
      material.privateKey,
    );
    const serial = BigInt(`0x${new X509Certificate(material.certificate).serialNumber}`).toString();
    headers.push([
      "Authorization",
      `${label} Credential=${serial}/${scope}, SignedHeaders=${signed.join(";")}, Signature=${signature.toString("hex")}`,
    ]);
    const verified = verifyReceived({ method: "POST", rawUrl: "/sessions", headers, body });
    assert.equal(verified.request.algorithm.label, label);
    assert.deepEqual(verified.request.query, []);
  });
}

const noOpenssl = hasOpenssl() ? false : "openssl is not on PATH; cannot make the test certificates";

test("P-521: DER and IEEE P1363 signatures verify", { skip: noOpenssl }, () => {
  const p521 = opensslSelfSigned(["EC", "-pkeyopt", "ec_paramgen_curve:P-521"], "0521");
  const der = signedWith(p521);
  const verified = verifyReceived(der.received);
  assert.deepEqual(
    [verified.curve, verified.signatureEncoding, verified.serialNumber],
    ["P-521", "der", "1313"],
  );
  const p1363 = signedWith(p521, (data) =>
    sign("sha256", data, { key: p521.privateKey, dsaEncoding: "ieee-p1363" }),
  );
  assert.equal(p1363.signature.length, 264);
  assert.equal(verifyReceived(p1363.received).signatureEncoding, "ieee-p1363");
});

test("an Ed25519 leaf certificate is rejected with UnsupportedKeyType", { skip: noOpenssl }, () => {
  const ed = opensslSelfSigned(["ED25519"], "0ed0");
  const { received } = signedWith(EC);
  const swapped: ReceivedRequest = {
    ...received,
    headers: (received.headers as [string, string][]).map(([n, v]): [string, string] => [
      n,
      n === "X-Amz-X509" ? ed.certificate.toString("base64") : v,
    ]),
  };
  expectX509Error(
    () => verifyReceived(swapped),
    "UnsupportedKeyType",
    /the public key of the certificate in X-Amz-X509 has key type ed25519; Roles Anywhere supports RSA/,
  );
});
