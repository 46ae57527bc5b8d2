import assert from "node:assert/strict";
import { createPublicKey, createPrivateKey, webcrypto } from "node:crypto";
import { describe, test } from "node:test";
import { parseCertificate } from "../certificate.js";
import { PkiError } from "../errors.js";
import { lintCertificate } from "../lint.js";
import { formatPem, parseCertificatePems } from "../pem.js";
import { PkiCache } from "../pki-cache.js";
import { fixturePem } from "../test-support/fixtures.js";
import { SKIP_WITHOUT_OPENSSL, epoch, openssl } from "../test-support/openssl.js";
import { createTrustAnchorSet } from "../trust-anchors.js";
import { validatePath } from "../validate-path.js";
import { createCa } from "./create-ca.js";
import { issueCertificate } from "./issue-certificate.js";
import { crypto, x509 } from "./x509-lib.js";

const NOW = new Date("2026-01-01T00:00:00Z");
const der = (pem: string) => parseCertificatePems(pem)[0]!;

async function csrPem(subject: string, tamper = false): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as webcrypto.CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    { name: subject, keys, signingAlgorithm: { name: "ECDSA", hash: "SHA-256" } as webcrypto.EcdsaParams },
    crypto,
  );
  const raw = Buffer.from(csr.rawData);
  if (tamper) raw[raw.length - 5]! ^= 0x01; // inside the signature value
  return formatPem("CERTIFICATE REQUEST", raw);
}

describe("issueCertificate", async () => {
  const root = await createCa({
    keyType: "p256",
    subject: { CN: "Leaf Test Root" },
    validityDays: 3650,
    now: NOW,
  });
  const inter = await createCa({
    keyType: "p256",
    subject: { CN: "Leaf Test Intermediate" },
    validityDays: 1825,
    pathLength: 0,
    now: NOW,
    issuer: { certPem: root.certPem, keyPem: root.keyPem },
  });
  const ca = { certPem: inter.certPem, keyPem: inter.keyPem };
  const anchors = createTrustAnchorSet([der(root.certPem)], { cache: new PkiCache() });

  const leaf = await issueCertificate({
    ca,
    subject: { CN: "app-1", OU: ["platform", "payments"], O: "Example", C: "US" },
    sans: { dns: ["app-1.example.com"], uri: ["spiffe://example.com/app-1"], email: ["ops@example.com"] },
    keyType: "p256",
    validityDays: 90,
    now: NOW,
  });

  test("a compliant client certificate", () => {
    const c = parseCertificate(der(leaf.certPem));
    assert.equal(c.subject.text, "CN=app-1,OU=payments,OU=platform,O=Example,C=US");
    assert.deepEqual(c.basicConstraints, { ca: false, pathLen: undefined, critical: true });
    assert.deepEqual([...c.keyUsage!], ["digitalSignature"]);
    assert.ok(c.extensions.find((e) => e.name === "keyUsage")?.critical);
    assert.deepEqual(c.extKeyUsage, ["1.3.6.1.5.5.7.3.2"]);
    assert.ok(c.subjectKeyId);
    assert.ok(c.authorityKeyId?.keyId?.equals(parseCertificate(der(inter.certPem)).subjectKeyId!));
    assert.deepEqual(
      c.subjectAltName?.map((n) => n.type),
      ["dNSName", "uniformResourceIdentifier", "rfc822Name"],
    );
    assert.equal(c.notAfter.getTime() - c.notBefore.getTime(), 90 * 86_400_000);
    assert.match(leaf.keyPem ?? "", /^-----BEGIN PRIVATE KEY-----/);
    assert.ok(
      createPublicKey(createPrivateKey(leaf.keyPem!))
        .export({ type: "spki", format: "der" })
        .equals(c.publicKey.spki),
    );
    assert.deepEqual(
      lintCertificate(c.raw, "leaf", { now: NOW }).filter((f) => f.severity === "error"),
      [],
    );
  });

  test("validates with validatePath (both profiles)", () => {
    for (const profile of ["roles-anywhere", "rfc5280"] as const) {
      const r = validatePath({
        leaf: der(leaf.certPem),
        intermediates: [der(inter.certPem)],
        anchors,
        time: NOW,
        profile,
      });
      assert.ok(r.ok, r.ok ? "" : r.reason);
    }
  });

  test("openssl verify accepts the chain", { skip: SKIP_WITHOUT_OPENSSL }, () => {
    const r = openssl(
      [
        "verify",
        "-x509_strict",
        "-attime",
        epoch(new Date(NOW.getTime() + 60_000)),
        "-CAfile",
        "root.pem",
        "-untrusted",
        "inter.pem",
        "leaf.pem",
      ],
      {
        "root.pem": root.certPem,
        "inter.pem": inter.certPem,
        "leaf.pem": leaf.certPem,
      },
    );
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /leaf\.pem: OK/);
  });

  test(
    "the committed RSA test CA can issue, and openssl verifies the result",
    { skip: SKIP_WITHOUT_OPENSSL },
    async () => {
      const rsaLeaf = await issueCertificate({
        ca: { certPem: fixturePem("root-ca.cert.pem"), keyPem: fixturePem("root-ca.key.pem") },
        subject: { CN: "rsa-issued" },
        keyType: "p256",
        validityDays: 30,
        now: NOW,
      });
      assert.equal(parseCertificate(der(rsaLeaf.certPem)).signatureAlgorithm.name, "sha256WithRSAEncryption");
      const r = openssl(
        [
          "verify",
          "-x509_strict",
          "-attime",
          epoch(new Date(NOW.getTime() + 60_000)),
          "-CAfile",
          "root.pem",
          "leaf.pem",
        ],
        { "root.pem": fixturePem("root-ca.cert.pem"), "leaf.pem": rsaLeaf.certPem },
      );
      assert.equal(r.status, 0, r.output);
    },
  );

  test("from a CSR: the CSR's key and subject; a tampered CSR is refused", async () => {
    const fromCsr = await issueCertificate({
      ca,
      csrPem: await csrPem("CN=from-csr, O=Example"),
      validityDays: 30,
      now: NOW,
    });
    const c = parseCertificate(der(fromCsr.certPem));
    assert.equal(c.subject.text, "O=Example,CN=from-csr");
    assert.equal(fromCsr.keyPem, undefined);
    await assert.rejects(
      issueCertificate({ ca, csrPem: await csrPem("CN=tampered", true), validityDays: 30, now: NOW }),
      (e: unknown) =>
        e instanceof PkiError && e.code === "BadCsr" && /"CN=tampered" has a bad signature/.test(e.message),
    );
    await assert.rejects(
      issueCertificate({ ca, csrPem: "garbage", validityDays: 30, now: NOW }),
      (e: unknown) => e instanceof PkiError && e.code === "BadCsr",
    );
  });

  test("from a public key PEM", async () => {
    const pub = createPublicKey(createPrivateKey(leaf.keyPem!))
      .export({ type: "spki", format: "pem" })
      .toString();
    const again = await issueCertificate({
      ca,
      subject: { CN: "same-key" },
      publicKeyPem: pub,
      validityDays: 30,
      now: NOW,
    });
    assert.ok(
      parseCertificate(der(again.certPem)).publicKey.spki.equals(
        parseCertificate(der(leaf.certPem)).publicKey.spki,
      ),
    );
  });

  test("bad requests", async () => {
    const invalid = (re: RegExp) => (e: unknown) =>
      e instanceof PkiError && e.code === "InvalidIssuanceRequest" && re.test(e.message);
    const base = { ca, subject: { CN: "x" }, validityDays: 30, now: NOW };
    await assert.rejects(issueCertificate({ ...base }), invalid(/exactly one of keyType/));
    await assert.rejects(
      issueCertificate({ ...base, keyType: "p256", publicKeyPem: "x" }),
      invalid(/exactly one of keyType/),
    );
    await assert.rejects(
      issueCertificate({ ...base, keyType: "p256", ca: { certPem: leaf.certPem, keyPem: leaf.keyPem! } }),
      invalid(/not a CA certificate/),
    );
    await assert.rejects(
      issueCertificate({ ...base, keyType: "p256", sans: { dns: ["has space.example.com"] } }),
      invalid(/contains spaces/),
    );
    await assert.rejects(
      issueCertificate({ ...base, keyType: "p256", validityDays: 3000 }),
      invalid(/after the CA/),
    );
    await assert.rejects(
      issueCertificate({ ...base, publicKeyPem: "not a key" }),
      invalid(/not a PEM public key/),
    );
  });
});
