import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseCertificate } from "../certificate.js";
import { PkiError } from "../errors.js";
import { lintCertificate } from "../lint.js";
import { parseCertificatePems } from "../pem.js";
import { SKIP_WITHOUT_OPENSSL, openssl } from "../test-support/openssl.js";
import { parseTrustAnchorBundle } from "../trust-anchors.js";
import { createCa } from "./create-ca.js";

const NOW = new Date("2026-01-01T00:00:00Z");
const der = (pem: string) => parseCertificatePems(pem)[0]!;
const invalid = (re: RegExp) => (e: unknown) =>
  e instanceof PkiError && e.code === "InvalidIssuanceRequest" && re.test(e.message);

describe("createCa", async () => {
  const root = await createCa({
    keyType: "p256",
    subject: { CN: "Issued Root", O: "Example", C: "US" },
    validityDays: 3650,
    now: NOW,
    serialHex: "0102",
  });

  test("a self-signed root with the Roles Anywhere CA extensions", () => {
    const c = parseCertificate(der(root.certPem));
    assert.equal(c.subject.text, "CN=Issued Root,O=Example,C=US");
    assert.equal(c.selfIssued, true);
    assert.deepEqual(c.basicConstraints, { ca: true, pathLen: undefined, critical: true });
    assert.deepEqual([...c.keyUsage!].sort(), ["cRLSign", "keyCertSign"]);
    assert.ok(c.extensions.find((e) => e.name === "keyUsage")!.critical);
    assert.ok(c.subjectKeyId && c.authorityKeyId?.keyId?.equals(c.subjectKeyId));
    assert.equal(c.serialHex, "0102");
    assert.equal(c.notBefore.toISOString(), NOW.toISOString());
    assert.equal(c.notAfter.toISOString(), "2035-12-30T00:00:00.000Z");
    assert.equal(c.signatureAlgorithm.name, "ecdsa-with-SHA256");
    assert.match(root.keyPem, /^-----BEGIN PRIVATE KEY-----/);
    assert.deepEqual(
      lintCertificate(c.raw, "anchor", { now: NOW }).filter((f) => f.severity === "error"),
      [],
    );
    assert.equal(parseTrustAnchorBundle(root.certPem).size, 1);
  });

  test("an intermediate under the root: issuer bytes, AKI and path length", async () => {
    const inter = await createCa({
      keyType: "p384",
      subject: { CN: "Issued Intermediate" },
      validityDays: 365,
      pathLength: 0,
      now: NOW,
      issuer: { certPem: root.certPem, keyPem: root.keyPem },
    });
    const c = parseCertificate(der(inter.certPem));
    const r = parseCertificate(der(root.certPem));
    assert.ok(c.issuer.raw.equals(r.subject.raw), "issuer DN is the root's subject, byte for byte");
    assert.ok(c.authorityKeyId?.keyId?.equals(r.subjectKeyId!));
    assert.equal(c.basicConstraints?.pathLen, 0);
    assert.equal(c.publicKey.curve, "P-384");
    assert.equal(c.serialHex.length, 32, "16 random bytes by default");
  });

  test("openssl accepts the root", { skip: SKIP_WITHOUT_OPENSSL }, () => {
    const r = openssl(
      [
        "verify",
        "-x509_strict",
        "-attime",
        String(NOW.getTime() / 1000 + 60),
        "-CAfile",
        "root.pem",
        "root.pem",
      ],
      { "root.pem": root.certPem },
    );
    assert.equal(r.status, 0, r.output);
  });

  test("an RSA-2048 root with an encrypted key", async () => {
    const rsa = await createCa({
      keyType: "rsa2048",
      subject: { CN: "RSA Root" },
      validityDays: 30,
      now: NOW,
      keyPassphrase: "correct horse",
    });
    const c = parseCertificate(der(rsa.certPem));
    assert.equal(c.publicKey.bits, 2048);
    assert.equal(c.signatureAlgorithm.name, "sha256WithRSAEncryption");
    assert.match(rsa.keyPem, /^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const child = await createCa({
      keyType: "p256",
      subject: { CN: "Child" },
      validityDays: 10,
      now: NOW,
      issuer: { certPem: rsa.certPem, keyPem: rsa.keyPem, keyPassphrase: "correct horse" },
    });
    assert.equal(parseCertificate(der(child.certPem)).issuer.text, "CN=RSA Root");
    await assert.rejects(
      createCa({
        keyType: "p256",
        subject: { CN: "Child" },
        validityDays: 10,
        now: NOW,
        issuer: { certPem: rsa.certPem, keyPem: rsa.keyPem },
      }),
      invalid(/encrypted; pass its passphrase/),
    );
    await assert.rejects(
      createCa({
        keyType: "p256",
        subject: { CN: "Child" },
        validityDays: 10,
        now: NOW,
        issuer: { certPem: rsa.certPem, keyPem: rsa.keyPem, keyPassphrase: "wrong" },
      }),
      invalid(/wrong passphrase/),
    );
  });

  test("bad requests are refused with the reason", async () => {
    const issuer = { certPem: root.certPem, keyPem: root.keyPem };
    const cases: [string, Parameters<typeof createCa>[0], RegExp][] = [
      [
        "negative path length",
        { keyType: "p256", subject: { CN: "x" }, validityDays: 1, pathLength: -1, now: NOW },
        /pathLength/,
      ],
      ["zero validity", { keyType: "p256", subject: { CN: "x" }, validityDays: 0, now: NOW }, /validityDays/],
      [
        "outlives the issuer",
        { keyType: "p256", subject: { CN: "x" }, validityDays: 4000, now: NOW, issuer },
        /after the CA "CN=Issued Root,O=Example,C=US" expires/,
      ],
      [
        "bad country",
        { keyType: "p256", subject: { CN: "x", C: "USA" }, validityDays: 1, now: NOW },
        /two-letter country code/,
      ],
      ["empty subject", { keyType: "p256", subject: {}, validityDays: 1, now: NOW }, /subject is empty/],
      [
        "zero serial",
        { keyType: "p256", subject: { CN: "x" }, validityDays: 1, now: NOW, serialHex: "00" },
        /positive hexadecimal/,
      ],
      [
        "unknown key type",
        { keyType: "dsa" as "p256", subject: { CN: "x" }, validityDays: 1, now: NOW },
        /unknown key type "dsa"/,
      ],
      [
        "key of another CA",
        {
          keyType: "p256",
          subject: { CN: "x" },
          validityDays: 1,
          now: NOW,
          issuer: {
            certPem: root.certPem,
            keyPem: (await createCa({ keyType: "p256", subject: { CN: "other" }, validityDays: 1, now: NOW }))
              .keyPem,
          },
        },
        /does not belong to the CA certificate/,
      ],
    ];
    for (const [name, opts, re] of cases) await assert.rejects(createCa(opts), invalid(re), name);
    assert.equal(cases.length, 8);
  });
});
