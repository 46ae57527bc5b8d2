import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { describe, test } from "node:test";
import { parseCertificate, serialHexOf } from "./certificate.js";
import { PkiError } from "./errors.js";
import { forge, forgeKey } from "./test-support/forge.js";
import { fixtureDer } from "./test-support/fixtures.js";

const FIXTURES = [
  {
    file: "root-ca.cert.pem",
    serial: "1000",
    key: "rsa",
    bits: 2048,
    curve: undefined,
    alg: "sha256WithRSAEncryption",
    ca: true,
    selfIssued: true,
  },
  {
    file: "intermediate-ca.cert.pem",
    serial: "1001",
    key: "rsa",
    bits: 2048,
    curve: undefined,
    alg: "sha256WithRSAEncryption",
    ca: true,
    selfIssued: false,
  },
  {
    file: "client-rsa.cert.pem",
    serial: "1002",
    key: "rsa",
    bits: 2048,
    curve: undefined,
    alg: "sha256WithRSAEncryption",
    ca: false,
    selfIssued: false,
  },
  {
    file: "client-ec-p256.cert.pem",
    serial: "1003",
    key: "ec",
    bits: undefined,
    curve: "P-256",
    alg: "sha256WithRSAEncryption",
    ca: false,
    selfIssued: false,
  },
  {
    file: "client-ec-p384.cert.pem",
    serial: "1004",
    key: "ec",
    bits: undefined,
    curve: "P-384",
    alg: "sha256WithRSAEncryption",
    ca: false,
    selfIssued: false,
  },
  {
    file: "client-rsa-bigserial.cert.pem",
    serial: "5C0A1B2C3D4E5F60718293A4B5C6D7E8F9010203",
    key: "rsa",
    bits: 2048,
    curve: undefined,
    alg: "sha256WithRSAEncryption",
    ca: false,
    selfIssued: false,
  },
] as const;

describe("parseCertificate on the committed test PKI", () => {
  test("covers 6 fixtures", () => assert.equal(FIXTURES.length, 6));
  for (const f of FIXTURES)
    test(f.file, () => {
      const der = fixtureDer(f.file);
      const c = parseCertificate(der);
      const node = new X509Certificate(der);
      assert.equal(c.serialHex, f.serial);
      assert.equal(c.serialHex, node.serialNumber.replace(/^(00)+(?=.)/, ""));
      assert.equal(c.publicKey.type, f.key);
      assert.equal(c.publicKey.bits, f.bits);
      assert.equal(c.publicKey.curve, f.curve);
      assert.equal(c.signatureAlgorithm.name, f.alg);
      assert.equal(c.basicConstraints?.ca ?? false, f.ca);
      assert.equal(c.selfIssued, f.selfIssued);
      assert.equal(c.version, 3);
      assert.deepEqual(c.defects, []);
      assert.equal(c.notBefore.toISOString(), new Date(node.validFrom).toISOString());
      assert.equal(c.notAfter.toISOString(), new Date(node.validTo).toISOString());
      assert.equal(c.sha256, node.fingerprint256.replace(/:/g, "").toLowerCase());
      assert.ok(c.publicKey.key?.equals(node.publicKey), "the KeyObject equals node's own parse");
      assert.ok(c.subjectKeyId && node.checkIssued(node) === c.selfIssued);
    });

  test("the leaf's extensions decode as the fixture's ext.cnf says", () => {
    const c = parseCertificate(fixtureDer("client-rsa.cert.pem"));
    assert.deepEqual([...c.keyUsage!], ["digitalSignature"]);
    assert.deepEqual(c.extKeyUsage, ["1.3.6.1.5.5.7.3.2"]);
    assert.deepEqual(c.basicConstraints, { ca: false, pathLen: undefined, critical: true });
    assert.deepEqual(c.subjectAltName, [
      { type: "dNSName", value: "test-client.example.com" },
      { type: "uniformResourceIdentifier", value: "spiffe://example.com/ns/test/sa/test-client" },
    ]);
    const inter = parseCertificate(fixtureDer("intermediate-ca.cert.pem"));
    assert.deepEqual(inter.basicConstraints, { ca: true, pathLen: 0, critical: true });
    assert.ok(c.authorityKeyId?.keyId?.equals(inter.subjectKeyId!));
  });
});

test("serial numbers render in one canonical hex form", () => {
  const cases: [string, string][] = [
    ["01", "01"],
    ["0080", "80"],
    ["00ff01", "FF01"],
    ["000001", "01"],
    ["80", "-80"],
    ["00", "00"],
  ];
  for (const [content, want] of cases) assert.equal(serialHexOf(Buffer.from(content, "hex")), want);
  assert.equal(cases.length, 6);
});

test("input that is not a certificate is Malformed, with the reason", () => {
  const der = fixtureDer("client-rsa.cert.pem");
  const inputs: [string, Buffer, RegExp][] = [
    ["garbage", Buffer.from("hello world"), /expected tag 0x30/],
    ["truncated", der.subarray(0, der.length - 10), /truncated/],
    ["trailing bytes", Buffer.concat([der, Buffer.from([0])]), /trailing bytes/],
    ["empty", Buffer.alloc(0), /truncated/],
  ];
  for (const [name, input, re] of inputs)
    assert.throws(
      () => parseCertificate(input),
      (e: unknown) => e instanceof PkiError && e.code === "Malformed" && re.test(e.message),
      name,
    );
  assert.equal(inputs.length, 4);
});

/** @peculiar/x509 will not write serial 0: patch serial 01 → 00 in place (same length; the signature breaks, parsing does not care). */
async function withSerialZero() {
  const f = await forge({ subject: "CN=a", serialHex: "01" });
  const at = f.der.indexOf(Buffer.from("a003020102020101", "hex"));
  assert.ok(at > 0);
  const der = Buffer.from(f.der);
  der[at + 7] = 0;
  return { ...f, der };
}

describe("defects are recorded, not thrown", () => {
  const UNKNOWN = { oid: "1.3.6.1.4.1.99999.1", critical: true, value: Buffer.from([5, 0]) };
  const cases: {
    name: string;
    make: () => ReturnType<typeof forge>;
    code: string;
    pedantic: boolean;
    message: RegExp;
  }[] = [
    {
      name: "unknown critical extension",
      make: () => forge({ subject: "CN=a", extra: [UNKNOWN] }),
      code: "UnknownCriticalExtension",
      pedantic: false,
      message: /1\.3\.6\.1\.4\.1\.99999\.1/,
    },
    {
      name: "duplicate extension",
      make: () =>
        forge({
          subject: "CN=a",
          extra: [{ oid: "2.5.29.17", critical: false, value: Buffer.from("3003820161", "hex") }],
          sans: [{ type: "dns", value: "b" }],
        }),
      code: "Malformed",
      pedantic: false,
      message: /appears more than once/,
    },
    {
      name: "zero serial",
      make: () => withSerialZero(),
      code: "InvalidCertificate",
      pedantic: false,
      message: /serial number is zero/,
    },
    {
      name: "21-octet serial",
      make: () => forge({ subject: "CN=a", serialHex: "01".repeat(21) }),
      code: "InvalidCertificate",
      pedantic: false,
      message: /21 octets/,
    },
    {
      name: "keyCertSign without cA",
      make: () => forge({ subject: "CN=a", ca: false, keyUsage: ["keyCertSign"] }),
      code: "InvalidCertificate",
      pedantic: false,
      message: /keyCertSign but basicConstraints cA is not TRUE/,
    },
    {
      name: "critical subjectKeyIdentifier",
      make: () =>
        forge({
          subject: "CN=a",
          ski: false,
          extra: [{ oid: "2.5.29.14", critical: true, value: Buffer.from("04020102", "hex") }],
        }),
      code: "InvalidCertificate",
      pedantic: true,
      message: /subjectKeyIdentifier is marked critical/,
    },
    {
      name: "SAN IP of 8 bytes",
      make: () =>
        forge({
          subject: "CN=a",
          extra: [
            { oid: "2.5.29.17", critical: false, value: Buffer.from("300a8708c0000200ffffff00", "hex") },
          ],
        }),
      code: "Malformed",
      pedantic: false,
      message: /IP address of 8 bytes/,
    },
    {
      name: "SAN dNSName with an underscore",
      make: () => forge({ subject: "CN=a", sans: [{ type: "dns", value: "a_b.example.com" }] }),
      code: "InvalidCertificate",
      pedantic: true,
      message: /preferred name syntax/,
    },
    {
      name: "empty extKeyUsage",
      make: () =>
        forge({
          subject: "CN=a",
          extra: [{ oid: "2.5.29.37", critical: false, value: Buffer.from("3000", "hex") }],
        }),
      code: "Malformed",
      pedantic: false,
      message: /at least one purpose/,
    },
  ];
  test("has 9 cases", () => assert.equal(cases.length, 9));
  for (const c of cases)
    test(c.name, async () => {
      const cert = parseCertificate((await c.make()).der);
      const d = cert.defects.find((x) => c.message.test(x.message));
      assert.ok(d, `defects: ${JSON.stringify(cert.defects)}`);
      assert.equal(d.code, c.code);
      assert.equal(d.pedantic, c.pedantic);
    });
});

test("an RSA-1024 key parses with its size; an Ed25519 key parses", async () => {
  const rsa = parseCertificate((await forge({ subject: "CN=a", key: forgeKey("rsa1024") })).der);
  assert.equal(rsa.publicKey.bits, 1024);
  const ed = parseCertificate((await forge({ subject: "CN=a", key: forgeKey("ed25519") })).der);
  assert.equal(ed.publicKey.type, "ed25519");
  assert.equal(ed.signatureAlgorithm.name, "Ed25519");
});
