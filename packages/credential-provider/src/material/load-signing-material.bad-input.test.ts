import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import test from "node:test";
import { children, readTlv } from "./der.js";
import { MATERIAL_ERRORS, MaterialError } from "./errors.js";
import type { MaterialErrorCode } from "./errors.js";
import { FIXTURE_DIR, fixture, PKI_DIR, pki, readFixture, readPki } from "./fixture-files.js";
import { loadSigningMaterial } from "./load-signing-material.js";
import type { SigningMaterialInit } from "./load-signing-material.js";

const RIGHT = "test-password";
const WRONG = "not-the-password";
const RSA = { certificate: pki("client-rsa.cert.pem"), privateKey: pki("client-rsa.key.pem") } as const;
const rx = (path: string) => path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Replaces the bytes `from` (hex, last occurrence) with `to` in a copy of `bytes`. */
function patch(bytes: Buffer, from: string, to: string): Buffer {
  const out = Buffer.from(bytes);
  const at = out.lastIndexOf(Buffer.from(from, "hex"));
  assert.ok(at >= 0, `pattern ${from} not found`);
  Buffer.from(to, "hex").copy(out, at);
  return out;
}
/** A copy of a PFX whose MacData salt is tagged UTF8String instead of OCTET STRING. */
function pfxWithBadSalt(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const macData = children(out, readTlv(out, 0))[2]!;
  const salt = children(out, macData)[1]!;
  out[salt.start] = 0x0c;
  return out;
}

interface BadCase {
  readonly name: string;
  readonly init: SigningMaterialInit;
  readonly code: MaterialErrorCode;
  readonly message: RegExp;
  /** The underlying error is kept as `cause`. */
  readonly cause?: true;
}

const BAD: readonly BadCase[] = [
  // inputs and files
  {
    name: "empty certificate path",
    init: { ...RSA, certificate: "" },
    code: "MissingInput",
    message: /^the certificate path is empty; pass a file to --certificate$/,
  },
  {
    name: "no private key",
    init: { certificate: RSA.certificate },
    code: "MissingInput",
    message: new RegExp(
      `^no private key given for certificate ${rx(RSA.certificate)}; pass --private-key \\(or a PKCS#12 bundle to --certificate\\)$`,
    ),
  },
  {
    name: "missing certificate",
    init: { ...RSA, certificate: pki("nope.cert.pem") },
    code: "FileNotFound",
    message: new RegExp(
      `^certificate file ${rx(pki("nope.cert.pem"))} does not exist; check the --certificate path$`,
    ),
    cause: true,
  },
  {
    name: "missing key",
    init: { ...RSA, privateKey: "keys/nope.key.pem" },
    code: "FileNotFound",
    message: /^private key file keys\/nope\.key\.pem does not exist; check the --private-key path$/,
    cause: true,
  },
  {
    name: "missing intermediates",
    init: { ...RSA, intermediates: "nope-chain.pem" },
    code: "FileNotFound",
    message: /^intermediates bundle file nope-chain\.pem does not exist; check the --intermediates path$/,
    cause: true,
  },
  {
    name: "missing passphrase file",
    init: { ...RSA, privateKey: pki("client-rsa.key.enc-pkcs8.pem"), passphraseFile: "/run/nope/pw" },
    code: "FileNotFound",
    message: /^passphrase file \/run\/nope\/pw does not exist; check the --passphrase-file path$/,
    cause: true,
  },
  {
    name: "unreadable key",
    init: {
      ...RSA,
      privateKey: "/locked/key.pem",
      readFile: async (p) =>
        p === "/locked/key.pem"
          ? Promise.reject(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" }))
          : readFileSync(p),
    },
    code: "FileUnreadable",
    message:
      /^private key file \/locked\/key\.pem cannot be read \(permission denied\); check its owner and mode, or the --private-key path$/,
    cause: true,
  },
  {
    name: "certificate is a directory",
    init: { ...RSA, certificate: PKI_DIR },
    code: "FileUnreadable",
    message: new RegExp(`^certificate ${rx(PKI_DIR)} is a directory; pass a file to --certificate$`),
    cause: true,
  },
  {
    name: "endless certificate",
    init: { ...RSA, certificate: "/dev/zero" },
    code: "FileTooLarge",
    message:
      /^certificate file \/dev\/zero is larger than any certificate could be; check the --certificate path$/,
    cause: true,
  },
  // certificates
  {
    name: "key given as certificate",
    init: { ...RSA, certificate: pki("client-rsa.key.pem") },
    code: "NotACertificate",
    message: new RegExp(
      `^${rx(pki("client-rsa.key.pem"))} holds a private key, not a certificate; pass the certificate file to --certificate$`,
    ),
  },
  {
    name: "DER key given as certificate",
    init: { ...RSA, certificate: fixture("client-rsa.key.pkcs8.der") },
    code: "NotACertificate",
    message: /client-rsa\.key\.pkcs8\.der holds a private key, not a certificate/,
  },
  {
    name: "garbage certificate bytes",
    init: { ...RSA, certificate: Buffer.from("not a certificate at all") },
    code: "NotACertificate",
    message:
      /^inline certificate \(24 bytes\) is neither PEM nor a DER certificate; pass a PEM or DER certificate to --certificate$/,
  },
  {
    name: "certificate PEM with damaged base64",
    init: { ...RSA, certificate: "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n" },
    code: "NotACertificate",
    message:
      /^inline certificate \(PEM text\) is not valid PEM \(block 1: CERTIFICATE block is not valid base64\)/,
  },
  {
    name: "certificate PEM that is not X.509",
    init: { ...RSA, certificate: "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n" },
    code: "NotACertificate",
    message: /^inline certificate \(PEM text\) does not hold a parsable X\.509 certificate/,
    cause: true,
  },
  {
    name: "truncated DER certificate",
    init: { ...RSA, certificate: readFixture("client-rsa.cert.der").subarray(0, 500) },
    code: "NotACertificate",
    message: /^inline certificate \(500 bytes\) is neither PEM nor a DER certificate/,
  },
  // private keys
  {
    name: "certificate given as key",
    init: { ...RSA, privateKey: pki("client-rsa.cert.pem") },
    code: "NotAPrivateKey",
    message: new RegExp(
      `^${rx(pki("client-rsa.cert.pem"))} holds a certificate, not a private key; pass the private key file to --private-key$`,
    ),
  },
  {
    name: "garbage key bytes",
    init: { ...RSA, privateKey: Buffer.from([1, 2, 3, 4]) },
    code: "NotAPrivateKey",
    message: /^inline private key \(4 bytes\) is neither PEM nor a DER private key/,
  },
  {
    name: "PKCS#8 PEM that is not a key",
    init: { ...RSA, privateKey: "-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n" },
    code: "NotAPrivateKey",
    message:
      /^inline private key \(PEM text\) is not a valid PKCS#8 private key; check that --private-key names the key file$/,
    cause: true,
  },
  {
    name: "PKCS#12 given as key",
    init: { ...RSA, privateKey: fixture("client-rsa.p12") },
    code: "NotAPrivateKey",
    message: /client-rsa\.p12 is a PKCS#12 bundle; pass it as the certificate/,
  },
  {
    name: "OpenSSH key",
    init: {
      ...RSA,
      privateKey:
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----\n",
    },
    code: "UnsupportedKeyFormat",
    message: /^inline private key \(PEM text\) is an OpenSSH private key; convert a copy to PKCS#8/,
  },
  // key types
  ...(
    [
      ["ed25519.key.pem", "Ed25519"],
      ["secp256k1.key.pem", "EC secp256k1"],
      ["p192.key.pem", "EC prime192v1"],
      ["rsa1024.key.pem", "RSA 1024"],
      ["rsa-pss.key.pem", "RSA-PSS 2048"],
      ["dsa.key.pem", "DSA 2048"],
    ] as const
  ).map(([file, text]): BadCase => ({
    name: `${text} private key`,
    init: { ...RSA, privateKey: fixture(file) },
    code: "UnsupportedKeyType",
    message: new RegExp(
      `^private key ${rx(fixture(file))} is a key IAM Roles Anywhere cannot use \\(${rx(text)}\\): `,
    ),
  })),
  {
    name: "traditional DSA key",
    init: { ...RSA, privateKey: fixture("dsa.key.traditional.pem") },
    code: "UnsupportedKeyType",
    message: /dsa\.key\.traditional\.pem is a key IAM Roles Anywhere cannot use \(DSA\)/,
  },
  ...(
    [
      ["ed25519", "Ed25519"],
      ["secp256k1", "EC secp256k1"],
      ["rsa1024", "RSA 1024"],
      ["rsa-pss", "RSA-PSS 2048"],
    ] as const
  ).map(([base, text]): BadCase => ({
    name: `${text} certificate`,
    init: { certificate: fixture(`${base}.cert.pem`), privateKey: fixture(`${base}.key.pem`) },
    code: "UnsupportedKeyType",
    message: new RegExp(
      `^certificate ${rx(fixture(`${base}.cert.pem`))} has a public key IAM Roles Anywhere cannot use \\(${rx(text)}\\): `,
    ),
  })),
  // encryption and passphrases
  {
    name: "encrypted key, no passphrase",
    init: { ...RSA, privateKey: pki("client-rsa.key.enc-pkcs8.pem") },
    code: "EncryptedKeyNeedsPassphrase",
    message: new RegExp(
      `^${rx(pki("client-rsa.key.enc-pkcs8.pem"))} is an encrypted PKCS#8 key; pass --pkcs8-password, --passphrase-file or set ANCHORAGE_PASSPHRASE$`,
    ),
  },
  {
    name: "legacy encrypted PEM, no passphrase",
    init: { ...RSA, privateKey: fixture("client-rsa.key.legacy-enc.pem") },
    code: "EncryptedKeyNeedsPassphrase",
    message:
      /client-rsa\.key\.legacy-enc\.pem is an encrypted PEM \(legacy OpenSSL\) key; pass --pkcs8-password/,
  },
  {
    name: "wrong passphrase, PBKDF2",
    init: { ...RSA, privateKey: pki("client-rsa.key.enc-pkcs8.pem"), passphrase: WRONG },
    code: "WrongPassphrase",
    message: new RegExp(
      `^the passphrase from --pkcs8-password does not decrypt private key ${rx(pki("client-rsa.key.enc-pkcs8.pem"))}; check the passphrase$`,
    ),
  },
  {
    name: "wrong passphrase, scrypt",
    init: { ...RSA, privateKey: fixture("client-rsa.key.scrypt.pem"), env: { ANCHORAGE_PASSPHRASE: WRONG } },
    code: "WrongPassphrase",
    message:
      /^the passphrase from ANCHORAGE_PASSPHRASE does not decrypt private key .*client-rsa\.key\.scrypt\.pem/,
  },
  {
    name: "wrong passphrase, legacy PEM",
    init: { ...RSA, privateKey: fixture("client-rsa.key.legacy-enc.pem"), passphrase: WRONG },
    code: "WrongPassphrase",
    message: /does not decrypt private key .*client-rsa\.key\.legacy-enc\.pem/,
  },
  {
    name: "RC2-encrypted PKCS#8",
    init: { ...RSA, privateKey: fixture("client-rsa.key.enc-rc2.pem"), passphrase: RIGHT },
    code: "UnsupportedKeyEncryption",
    message:
      /client-rsa\.key\.enc-rc2\.pem is encrypted with a cipher node:crypto does not offer .*re-encrypt it with `openssl pkcs8 -topk8 -v2 aes-256-cbc`/,
    cause: true,
  },
  {
    name: "prompt cancelled",
    init: {
      ...RSA,
      privateKey: pki("client-rsa.key.enc-pkcs8.pem"),
      stdinIsTTY: () => true,
      prompt: () => Promise.reject(new Error("cancelled with Ctrl-C")),
    },
    code: "PromptFailed",
    message: new RegExp(
      `^the passphrase prompt for ${rx(pki("client-rsa.key.enc-pkcs8.pem"))} failed; pass --pkcs8-password, --passphrase-file or set ANCHORAGE_PASSPHRASE instead$`,
    ),
    cause: true,
  },
  // key ↔ certificate
  {
    name: "RSA key of another certificate",
    init: { ...RSA, privateKey: pki("client-rsa-root.key.pem") },
    code: "KeyCertificateMismatch",
    message: new RegExp(
      `^private key ${rx(pki("client-rsa-root.key.pem"))} does not match certificate ${rx(pki("client-rsa.cert.pem"))} \\(certificate key: RSA 2048, SHA-256 of its public key [0-9a-f]{16}…; private key: RSA 2048, SHA-256 of its public key [0-9a-f]{16}…\\); pass the key the certificate was issued for$`,
    ),
  },
  {
    name: "RSA key for an EC certificate",
    init: { certificate: pki("client-ec-p256.cert.pem"), privateKey: pki("client-rsa.key.pkcs1.pem") },
    code: "KeyCertificateMismatch",
    message:
      /client-rsa\.key\.pkcs1\.pem does not match certificate .*client-ec-p256\.cert\.pem \(certificate key: EC P-256, .*; private key: RSA 2048, /,
  },
  {
    name: "P-384 key for a P-256 certificate, inline",
    init: { certificate: readPki("client-ec-p256.cert.pem"), privateKey: readPki("client-ec-p384.key.pem") },
    code: "KeyCertificateMismatch",
    message:
      /^inline private key \(PEM text\) does not match inline certificate \(PEM text\) \(certificate key: EC P-256, .*private key: EC P-384,/,
  },
  {
    name: "key of a later certificate in the certificate file",
    init: { certificate: pki("chain-intermediate-root.pem"), privateKey: pki("root-ca.key.pem") },
    code: "KeyCertificateMismatch",
    message:
      /root-ca\.key\.pem does not match certificate .*chain-intermediate-root\.pem \(.*\); the key belongs to certificate 2 of that file; put the signing certificate first$/,
  },
  // intermediates
  {
    name: "intermediates with damaged base64",
    init: { ...RSA, intermediates: fixture("bundle-garbage.pem") },
    code: "MalformedIntermediates",
    message: new RegExp(
      `^intermediates bundle ${rx(fixture("bundle-garbage.pem"))} is not valid PEM \\(block 2: CERTIFICATE block is not valid base64\\); pass a file of PEM certificates \\(or DER\\) to --intermediates$`,
    ),
    cause: true,
  },
  {
    name: "intermediates holding a key",
    init: { ...RSA, intermediates: fixture("bundle-with-key.pem") },
    code: "MalformedIntermediates",
    message: /bundle-with-key\.pem holds a PRIVATE KEY block \(block 2\); it may hold only certificates/,
  },
  {
    name: "intermediates without END line",
    init: { ...RSA, intermediates: fixture("bundle-truncated.pem") },
    code: "MalformedIntermediates",
    message: /bundle-truncated\.pem is not valid PEM \(block 1: CERTIFICATE block has no END line\)/,
    cause: true,
  },
  {
    name: "empty intermediates",
    init: { ...RSA, intermediates: Buffer.alloc(0) },
    code: "MalformedIntermediates",
    message: /^inline intermediates bundle \(0 bytes\) holds no certificates/,
  },
  {
    name: "DER key as intermediates",
    init: { ...RSA, intermediates: fixture("client-rsa.key.pkcs8.der") },
    code: "MalformedIntermediates",
    message: /client-rsa\.key\.pkcs8\.der holds something other than a certificate \(element 1\)/,
  },
  {
    name: "intermediates certificate that does not parse",
    init: { ...RSA, intermediates: "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n" },
    code: "MalformedIntermediates",
    message:
      /^inline intermediates bundle \(PEM text\) has a certificate that cannot be parsed \(certificate 1\)/,
    cause: true,
  },
  // PKCS#12
  {
    name: "PKCS#12, no passphrase",
    init: { certificate: fixture("client-rsa.p12") },
    code: "Pkcs12NeedsPassphrase",
    message: new RegExp(
      `^${rx(fixture("client-rsa.p12"))} is a password-protected PKCS#12 bundle; pass --pkcs8-password, --passphrase-file or set ANCHORAGE_PASSPHRASE$`,
    ),
  },
  {
    name: "PKCS#12, wrong passphrase",
    init: { certificate: fixture("client-rsa.legacy.p12"), passphrase: WRONG },
    code: "WrongPassphrase",
    message: new RegExp(
      `^the passphrase from --pkcs8-password does not open PKCS#12 bundle ${rx(fixture("client-rsa.legacy.p12"))} \\(its MAC does not verify\\); check the passphrase$`,
    ),
  },
  {
    name: "PKCS#12, damaged MAC-protected content",
    init: { certificate: patch(readFixture("client-rsa.p12"), "3082", "3182"), passphrase: RIGHT },
    code: "WrongPassphrase",
    message: /does not open PKCS#12 bundle inline certificate/,
  },
  {
    name: "PKCS#12 without MAC",
    init: { certificate: fixture("client-rsa.nomac.p12"), passphrase: RIGHT },
    code: "Pkcs12NoMac",
    message:
      /client-rsa\.nomac\.p12 has no integrity MAC, so it cannot be checked; re-export it without -nomac$/,
  },
  {
    name: "PKCS#12 with PBMAC1",
    init: {
      certificate: patch(readFixture("client-rsa.p12"), "0609608648016503040201", "06092a864886f70d01050e"),
      passphrase: RIGHT,
    },
    code: "Pkcs12UnsupportedAlgorithm",
    message:
      /^PKCS#12 bundle inline certificate \(\d+ bytes\) uses the MAC algorithm PBMAC1 \(RFC 9579\); re-export it with a SHA-1 or SHA-2 HMAC$/,
  },
  {
    name: "PKCS#12 that does not parse",
    init: { certificate: pfxWithBadSalt(readFixture("client-rsa.p12")), passphrase: RIGHT },
    code: "Pkcs12Malformed",
    message:
      /^PKCS#12 bundle inline certificate \(\d+ bytes\) cannot be parsed; check that --certificate names a \.p12\/\.pfx file$/,
    cause: true,
  },
  {
    name: "PKCS#12 without key",
    init: { certificate: fixture("certs-only.p12"), passphrase: RIGHT },
    code: "Pkcs12NoPrivateKey",
    message: /certs-only\.p12 holds no private key; export it with its key/,
  },
  {
    name: "PKCS#12 without certificate",
    init: { certificate: fixture("key-only.p12"), passphrase: RIGHT },
    code: "Pkcs12NoCertificate",
    message: /key-only\.p12 holds no certificate/,
  },
  {
    name: "PKCS#12 whose certificates are not its key's",
    init: { certificate: fixture("key-without-its-certificate.p12"), passphrase: RIGHT },
    code: "Pkcs12NoMatchingCertificate",
    message:
      /^no certificate in PKCS#12 bundle .*key-without-its-certificate\.p12 belongs to its private key/,
  },
  {
    name: "PKCS#12 plus a private key",
    init: {
      certificate: fixture("client-rsa.p12"),
      privateKey: pki("client-rsa.key.pem"),
      passphrase: RIGHT,
    },
    code: "Pkcs12WithPrivateKey",
    message: /client-rsa\.p12 is a PKCS#12 bundle, which carries its own private key; drop --private-key$/,
  },
  {
    name: "PKCS#12 plus intermediates",
    init: {
      certificate: fixture("client-rsa.p12"),
      intermediates: pki("chain-intermediate.pem"),
      passphrase: RIGHT,
    },
    code: "Pkcs12WithIntermediates",
    message: /client-rsa\.p12 is a PKCS#12 bundle, whose chain comes from the bundle; drop --intermediates/,
  },
];

/** Passphrases and private-key PEM lines that must never appear in a message. */
const SECRETS: readonly string[] = [
  RIGHT,
  WRONG,
  "-----BEGIN",
  ...[PKI_DIR, FIXTURE_DIR].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => /key.*\.pem$/.test(f))
      .flatMap((f) =>
        readFileSync(`${dir}/${f}`, "utf8")
          .split("\n")
          .filter((line) => line.length >= 40),
      ),
  ),
];

test("every bad input gives its code and a one-line message naming the input and the fix", async () => {
  for (const c of BAD) {
    const error = await loadSigningMaterial({ env: {}, stdinIsTTY: () => false, ...c.init }).then(
      () => assert.fail(`${c.name}: loaded`),
      (e: unknown) => e,
    );
    assert.ok(error instanceof MaterialError, `${c.name}: ${String(error)}`);
    assert.equal(error.code, c.code, `${c.name}: ${error.message}`);
    assert.match(error.message, c.message, c.name);
    assert.doesNotMatch(error.message, /\n/, c.name);
    const named = [c.init.certificate, c.init.privateKey, c.init.intermediates, c.init.passphraseFile].some(
      (input) =>
        typeof input === "string" && input !== "" && !input.includes("-----BEGIN")
          ? error.message.includes(input)
          : input !== undefined && input !== "" && error.message.includes("inline "),
    );
    assert.ok(named || c.init.certificate === "", `${c.name}: the message names the input`);
    for (const text of [error.message, String((error.cause as Error | undefined)?.message ?? "")]) {
      for (const secret of SECRETS)
        assert.ok(!text.includes(secret), `${c.name}: message reveals ${secret.slice(0, 12)}…`);
    }
    if (c.cause) assert.ok(error.cause instanceof Error, `${c.name}: cause kept`);
  }
  assert.equal(BAD.length, 59);
  assert.ok(SECRETS.length > 200);
});

test("the bad inputs cover every code of the error table (the Pkcs11* codes: in src/pkcs11/)", () => {
  assert.deepEqual(
    [...new Set(BAD.map((c) => c.code))].sort(),
    Object.keys(MATERIAL_ERRORS)
      .filter((code) => !code.startsWith("Pkcs11"))
      .sort(),
  );
});
