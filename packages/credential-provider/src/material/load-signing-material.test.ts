import assert from "node:assert/strict";
import { sign, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import test from "node:test";
import { fixture, pemCertificateDer, pki, readFixture, readPki, summarySerials } from "./fixture-files.js";
import { loadSigningMaterial } from "./load-signing-material.js";
import type { SigningMaterial, SigningMaterialInit } from "./load-signing-material.js";

const PASSWORD = "test-password";
const UNICODE_PASSWORD = "pässwörd-✓";
const SERIALS = summarySerials();
const INTERMEDIATE = pemCertificateDer(pki("intermediate-ca.cert.pem"));
const ROOT = pemCertificateDer(pki("root-ca.cert.pem"));
const NO_TTY = { env: {}, stdinIsTTY: () => false } as const;

interface FormatCase {
  readonly name: string;
  readonly init: Omit<SigningMaterialInit, "env" | "stdinIsTTY">;
  readonly serialOf: string;
  readonly keyType: "RSA" | "EC";
  readonly curve?: string;
  readonly chain: readonly Buffer[];
  readonly certificateFormat: "PEM" | "DER" | "PKCS#12";
  readonly privateKeyFormat: string;
  readonly passphraseFrom?: string;
  readonly ignoredCertificates?: number;
}

const FORMATS: readonly FormatCase[] = [
  {
    name: "RSA: PEM certificate, PKCS#8 PEM key, one intermediate",
    init: {
      certificate: pki("client-rsa.cert.pem"),
      privateKey: pki("client-rsa.key.pem"),
      intermediates: pki("chain-intermediate.pem"),
    },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [INTERMEDIATE],
    certificateFormat: "PEM",
    privateKeyFormat: "PKCS#8",
  },
  {
    name: "RSA: PKCS#1 PEM key, chain of two in file order",
    init: {
      certificate: pki("client-rsa.cert.pem"),
      privateKey: pki("client-rsa.key.pkcs1.pem"),
      intermediates: pki("chain-intermediate-root.pem"),
    },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [INTERMEDIATE, ROOT],
    certificateFormat: "PEM",
    privateKeyFormat: "PKCS#1",
  },
  {
    name: "RSA: encrypted PKCS#8 (PBES2, PBKDF2, AES-256-CBC)",
    init: {
      certificate: pki("client-rsa.cert.pem"),
      privateKey: pki("client-rsa.key.enc-pkcs8.pem"),
      passphrase: PASSWORD,
    },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [],
    certificateFormat: "PEM",
    privateKeyFormat: "encrypted PKCS#8",
    passphraseFrom: "value",
  },
  {
    name: "RSA: encrypted PKCS#8 (PBES2, scrypt)",
    init: {
      certificate: pki("client-rsa.cert.pem"),
      privateKey: fixture("client-rsa.key.scrypt.pem"),
      passphrase: PASSWORD,
    },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [],
    certificateFormat: "PEM",
    privateKeyFormat: "encrypted PKCS#8",
    passphraseFrom: "value",
  },
  {
    name: "RSA: encrypted PKCS#8 with a non-ASCII passphrase",
    init: {
      certificate: pki("client-rsa.cert.pem"),
      privateKey: fixture("client-rsa.key.unicode.enc-pkcs8.pem"),
      passphrase: UNICODE_PASSWORD,
    },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [],
    certificateFormat: "PEM",
    privateKeyFormat: "encrypted PKCS#8",
    passphraseFrom: "value",
  },
  {
    name: "RSA: legacy OpenSSL-encrypted PEM (Proc-Type: 4,ENCRYPTED)",
    init: {
      certificate: pki("client-rsa.cert.pem"),
      privateKey: fixture("client-rsa.key.legacy-enc.pem"),
      passphrase: PASSWORD,
    },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [],
    certificateFormat: "PEM",
    privateKeyFormat: "encrypted PEM (legacy OpenSSL)",
    passphraseFrom: "value",
  },
  {
    name: "RSA: DER certificate, PKCS#8 DER key, concatenated DER chain",
    init: {
      certificate: fixture("client-rsa.cert.der"),
      privateKey: fixture("client-rsa.key.pkcs8.der"),
      intermediates: fixture("chain-intermediate-root.der"),
    },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [INTERMEDIATE, ROOT],
    certificateFormat: "DER",
    privateKeyFormat: "PKCS#8",
  },
  {
    name: "RSA: PKCS#1 DER key",
    init: { certificate: fixture("client-rsa.cert.der"), privateKey: fixture("client-rsa.key.pkcs1.der") },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [],
    certificateFormat: "DER",
    privateKeyFormat: "PKCS#1",
  },
  {
    name: "RSA: certificate file with the chain after the leaf (first is the leaf; the rest is not sent)",
    init: { certificate: fixture("client-rsa.fullchain.pem"), privateKey: pki("client-rsa.key.pem") },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [],
    certificateFormat: "PEM",
    privateKeyFormat: "PKCS#8",
    ignoredCertificates: 2,
  },
  {
    name: "RSA: issued by the root, intermediates text around the blocks",
    init: {
      certificate: pki("client-rsa-root.cert.pem"),
      privateKey: pki("client-rsa-root.key.pem"),
      intermediates: fixture("bundle-with-text.pem"),
    },
    serialOf: "client-rsa-root",
    keyType: "RSA",
    chain: [INTERMEDIATE, ROOT],
    certificateFormat: "PEM",
    privateKeyFormat: "PKCS#8",
  },
  {
    name: "RSA: 160-bit serial",
    init: {
      certificate: pki("client-rsa-bigserial.cert.pem"),
      privateKey: pki("client-rsa-bigserial.key.pem"),
    },
    serialOf: "client-rsa-bigserial",
    keyType: "RSA",
    chain: [],
    certificateFormat: "PEM",
    privateKeyFormat: "PKCS#8",
  },
  {
    name: "EC P-256: PKCS#8 PEM key",
    init: {
      certificate: pki("client-ec-p256.cert.pem"),
      privateKey: pki("client-ec-p256.key.pem"),
      intermediates: pki("chain-intermediate.pem"),
    },
    serialOf: "client-ec-p256",
    keyType: "EC",
    curve: "P-256",
    chain: [INTERMEDIATE],
    certificateFormat: "PEM",
    privateKeyFormat: "PKCS#8",
  },
  {
    name: "EC P-256: SEC1 PEM key",
    init: { certificate: pki("client-ec-p256.cert.pem"), privateKey: pki("client-ec-p256.key.sec1.pem") },
    serialOf: "client-ec-p256",
    keyType: "EC",
    curve: "P-256",
    chain: [],
    certificateFormat: "PEM",
    privateKeyFormat: "SEC1",
  },
  {
    name: "EC P-256: SEC1 after an EC PARAMETERS block (openssl ecparam -genkey)",
    init: {
      certificate: pki("client-ec-p256.cert.pem"),
      privateKey: fixture("client-ec-p256.key.ecparam.pem"),
    },
    serialOf: "client-ec-p256",
    keyType: "EC",
    curve: "P-256",
    chain: [],
    certificateFormat: "PEM",
    privateKeyFormat: "SEC1",
  },
  {
    name: "EC P-256: DER certificate, SEC1 DER key",
    init: {
      certificate: fixture("client-ec-p256.cert.der"),
      privateKey: fixture("client-ec-p256.key.sec1.der"),
    },
    serialOf: "client-ec-p256",
    keyType: "EC",
    curve: "P-256",
    chain: [],
    certificateFormat: "DER",
    privateKeyFormat: "SEC1",
  },
  {
    name: "EC P-256: encrypted PKCS#8 DER (AES-128-CBC, HMAC-SHA512)",
    init: {
      certificate: pki("client-ec-p256.cert.pem"),
      privateKey: fixture("client-ec-p256.key.enc-pkcs8.der"),
      passphrase: PASSWORD,
    },
    serialOf: "client-ec-p256",
    keyType: "EC",
    curve: "P-256",
    chain: [],
    certificateFormat: "PEM",
    privateKeyFormat: "encrypted PKCS#8",
    passphraseFrom: "value",
  },
  {
    name: "EC P-384: PKCS#8 PEM key",
    init: {
      certificate: pki("client-ec-p384.cert.pem"),
      privateKey: pki("client-ec-p384.key.pem"),
      intermediates: pki("chain-intermediate.pem"),
    },
    serialOf: "client-ec-p384",
    keyType: "EC",
    curve: "P-384",
    chain: [INTERMEDIATE],
    certificateFormat: "PEM",
    privateKeyFormat: "PKCS#8",
  },
  {
    name: "PKCS#12, OpenSSL 3 defaults (PBES2/AES-256, HMAC-SHA256): chain walked from the leaf",
    init: { certificate: fixture("client-rsa.p12"), passphrase: PASSWORD },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [INTERMEDIATE, ROOT],
    certificateFormat: "PKCS#12",
    privateKeyFormat: "PKCS#12",
    passphraseFrom: "value",
  },
  {
    name: "PKCS#12 -legacy (RC2-40 certificates, 3DES key, SHA-1 MAC)",
    init: { certificate: fixture("client-rsa.legacy.p12"), passphrase: PASSWORD },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [INTERMEDIATE, ROOT],
    certificateFormat: "PKCS#12",
    privateKeyFormat: "PKCS#12",
    passphraseFrom: "value",
  },
  {
    name: "PKCS#12 with an EC key",
    init: { certificate: fixture("client-ec-p256.p12"), passphrase: PASSWORD },
    serialOf: "client-ec-p256",
    keyType: "EC",
    curve: "P-256",
    chain: [INTERMEDIATE],
    certificateFormat: "PKCS#12",
    privateKeyFormat: "PKCS#12",
    passphraseFrom: "value",
  },
  {
    name: "PKCS#12 without chain certificates",
    init: { certificate: fixture("client-rsa.nochain.p12"), passphrase: PASSWORD },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [],
    certificateFormat: "PKCS#12",
    privateKeyFormat: "PKCS#12",
    passphraseFrom: "value",
  },
  {
    name: "PKCS#12 with the empty password, no passphrase given (what AWS's helper reads)",
    init: { certificate: fixture("client-rsa.nopass.p12") },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [INTERMEDIATE],
    certificateFormat: "PKCS#12",
    privateKeyFormat: "PKCS#12",
  },
  {
    name: "PKCS#12 -legacy with the empty password",
    init: { certificate: fixture("client-rsa.nopass.legacy.p12") },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [INTERMEDIATE],
    certificateFormat: "PKCS#12",
    privateKeyFormat: "PKCS#12",
  },
  {
    name: "PKCS#12 with a non-ASCII password (UTF-8 for PBES2, BMPString for the MAC)",
    init: { certificate: fixture("client-rsa.unicode.p12"), passphrase: UNICODE_PASSWORD },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [],
    certificateFormat: "PKCS#12",
    privateKeyFormat: "PKCS#12",
    passphraseFrom: "value",
  },
  {
    name: "PKCS#12 -legacy with a non-ASCII password",
    init: { certificate: fixture("client-rsa.unicode.legacy.p12"), passphrase: UNICODE_PASSWORD },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [],
    certificateFormat: "PKCS#12",
    privateKeyFormat: "PKCS#12",
    passphraseFrom: "value",
  },
  {
    name: "PKCS#12 given as both certificate and private key",
    init: {
      certificate: fixture("client-rsa.p12"),
      privateKey: fixture("client-rsa.p12"),
      passphrase: PASSWORD,
    },
    serialOf: "client-rsa",
    keyType: "RSA",
    chain: [INTERMEDIATE, ROOT],
    certificateFormat: "PKCS#12",
    privateKeyFormat: "PKCS#12",
    passphraseFrom: "value",
  },
];

const indent = (pem: Buffer) => pem.toString("utf8").replace(/^(?=.)/gm, "      ");

/** The loaded key signs, and the certificate's public key verifies: they really are a pair. */
function assertSignsForCertificate(m: SigningMaterial): void {
  const data = Buffer.from("AWS4-X509 string to sign");
  const signature = sign("sha256", data, m.privateKey as KeyObject);
  assert.ok(verify("sha256", data, m.certificate.x509.publicKey, signature));
}

test("each format loads with the right key type, serial, chain and source", async () => {
  for (const c of FORMATS) {
    const m = await loadSigningMaterial({ ...c.init, ...NO_TTY });
    assert.equal(m.certificate.keyType, c.keyType, c.name);
    assert.equal(m.certificate.curve, c.curve, c.name);
    assert.equal(m.certificate.serialDecimal, SERIALS.get(c.serialOf), c.name);
    assert.equal(BigInt(`0x${m.certificate.serialHex}`).toString(), SERIALS.get(c.serialOf), c.name);
    assert.deepEqual(m.certificate.der, pemCertificateDer(pki(`${c.serialOf}.cert.pem`)), c.name);
    assert.deepEqual(m.chain, c.chain, c.name);
    assert.equal(m.source.certificateFormat, c.certificateFormat, c.name);
    assert.equal(m.source.privateKeyFormat, c.privateKeyFormat, c.name);
    assert.equal(m.source.passphraseFrom, c.passphraseFrom, c.name);
    assert.equal(m.source.ignoredCertificates, c.ignoredCertificates ?? 0, c.name);
    assert.equal((m.privateKey as KeyObject).type, "private", c.name);
    assertSignsForCertificate(m);
  }
  assert.equal(FORMATS.length, 26);
});

test("content works as well as paths: PEM strings, PEM and DER buffers", async () => {
  const forms: [string, SigningMaterialInit][] = [
    [
      "PEM strings",
      {
        certificate: readPki("client-rsa.cert.pem").toString(),
        privateKey: readPki("client-rsa.key.pem").toString(),
        intermediates: readPki("chain-intermediate-root.pem").toString(),
      },
    ],
    [
      "PEM buffers",
      {
        certificate: readPki("client-rsa.cert.pem"),
        privateKey: readPki("client-rsa.key.pkcs1.pem"),
        intermediates: readPki("chain-intermediate-root.pem"),
      },
    ],
    [
      "DER buffers",
      {
        certificate: readFixture("client-rsa.cert.der"),
        privateKey: readFixture("client-rsa.key.pkcs8.der"),
        intermediates: readFixture("chain-intermediate-root.der"),
      },
    ],
    [
      "Uint8Array views",
      {
        certificate: new Uint8Array(readFixture("client-rsa.cert.der")),
        privateKey: new Uint8Array(readFixture("client-rsa.key.pkcs1.der")),
        intermediates: new Uint8Array(readFixture("chain-intermediate-root.der")),
      },
    ],
    [
      "encrypted PEM string",
      {
        certificate: readPki("client-rsa.cert.pem").toString(),
        privateKey: readPki("client-rsa.key.enc-pkcs8.pem").toString(),
        intermediates: pki("chain-intermediate-root.pem"),
        passphrase: PASSWORD,
      },
    ],
    ["PKCS#12 buffer", { certificate: readFixture("client-rsa.p12"), passphrase: PASSWORD }],
    [
      "indented PEM strings (from YAML)",
      {
        certificate: indent(readPki("client-rsa.cert.pem")),
        privateKey: indent(readFixture("client-rsa.key.legacy-enc.pem")),
        intermediates: indent(readPki("chain-intermediate-root.pem")),
        passphrase: PASSWORD,
      },
    ],
  ];
  for (const [name, init] of forms) {
    const m = await loadSigningMaterial({ ...init, ...NO_TTY });
    assert.equal(m.certificate.serialDecimal, "4098", name);
    assert.deepEqual(m.chain, [INTERMEDIATE, ROOT], name);
    assertSignsForCertificate(m);
  }
  assert.equal(forms.length, 7);
  const inline = await loadSigningMaterial({
    certificate: readPki("client-rsa.cert.pem"),
    privateKey: readFixture("client-rsa.key.pkcs8.der"),
    ...NO_TTY,
  });
  assert.deepEqual(
    [inline.source.certificate, inline.source.privateKey],
    [
      "inline certificate (PEM text)",
      `inline private key (${readFixture("client-rsa.key.pkcs8.der").length} bytes)`,
    ],
  );
});

test("the readFile seam serves every file: nothing touches the disk", async () => {
  const files = new Map<string, Buffer>([
    ["/mem/cert.pem", readPki("client-ec-p256.cert.pem")],
    ["/mem/key.pem", readPki("client-ec-p256.key.sec1.pem")],
    ["/mem/chain.pem", readPki("chain-intermediate.pem")],
    ["/mem/bundle.p12", readFixture("client-rsa.p12")],
    ["/mem/pw", Buffer.from(`${PASSWORD}\n`)],
  ]);
  const reads: string[] = [];
  const readFile = async (path: string) => {
    reads.push(path);
    const bytes = files.get(path);
    if (bytes === undefined) throw Object.assign(new Error(`ENOENT ${path}`), { code: "ENOENT" });
    return bytes;
  };
  const m = await loadSigningMaterial({
    certificate: "/mem/cert.pem",
    privateKey: "/mem/key.pem",
    intermediates: "/mem/chain.pem",
    passphraseFile: "/mem/pw",
    readFile,
    ...NO_TTY,
  });
  assert.deepEqual(
    [m.certificate.curve, m.chain.length, m.source.intermediates],
    ["P-256", 1, "/mem/chain.pem"],
  );
  assert.deepEqual(
    reads.sort(),
    ["/mem/cert.pem", "/mem/chain.pem", "/mem/key.pem"],
    "the passphrase file is not read for an unencrypted key",
  );
  reads.length = 0;
  const p12 = await loadSigningMaterial({
    certificate: "/mem/bundle.p12",
    passphraseFile: "/mem/pw",
    readFile,
    ...NO_TTY,
  });
  assert.deepEqual([p12.source.passphraseFrom, reads], ["file", ["/mem/bundle.p12", "/mem/pw"]]);
});
