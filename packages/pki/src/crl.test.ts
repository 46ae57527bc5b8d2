import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseCrl, parseCrlBundle, verifyCrlSignature } from "./crl.js";
import { TAG, encodeTlv } from "./der.js";
import { PkiError } from "./errors.js";
import { formatPem } from "./pem.js";
import { parseCertificate } from "./certificate.js";
import { forge, forgeCrl, forgeKey } from "./test-support/forge.js";
import { fixturePem } from "./test-support/fixtures.js";

const notACrl = (re: RegExp) => (e: unknown) =>
  e instanceof PkiError && e.code === "NotACrl" && re.test(e.message);

describe("parseCrl", async () => {
  const ca = await forge({ subject: "O=Example, CN=CRL CA", ca: true });
  const der = await forgeCrl({
    issuer: ca,
    crlNumber: 7,
    entries: [{ serialHex: "1002", reason: 1 }, { serialHex: "00FF" }, { serialHex: "0abc", reason: 6 }],
  });

  test("reads PEM and DER alike: issuer, times, number, entries with reasons", () => {
    for (const input of [der, formatPem("X509 CRL", der), Buffer.from(formatPem("X509 CRL", der))]) {
      const crl = parseCrl(input);
      assert.equal(crl.issuer.text, "CN=CRL CA,O=Example");
      assert.ok(crl.issuer.raw.equals(parseCertificate(ca.der).subject.raw));
      assert.equal(crl.thisUpdate.toISOString(), "2026-01-01T00:00:00.000Z");
      assert.equal(crl.nextUpdate?.toISOString(), "2026-02-01T00:00:00.000Z");
      assert.equal(crl.number, 7n);
      assert.equal(crl.version, 2);
      assert.equal(crl.signatureAlgorithm.name, "ecdsa-with-SHA256");
      assert.deepEqual(
        crl.entries.map((e) => [e.serialHex, e.reason]),
        [
          ["1002", "keyCompromise"],
          ["FF", undefined],
          ["0ABC", "certificateHold"],
        ],
      );
      assert.deepEqual(crl.warnings, []);
      assert.ok(crl.raw.equals(der));
    }
  });

  const REJECTS: [string, Buffer | string, RegExp][] = [
    ["a certificate PEM", fixturePem("root-ca.cert.pem"), /not a CRL: found a CERTIFICATE PEM block/],
    ["a private key PEM", fixturePem("root-ca.key.pem"), /found a PRIVATE KEY PEM block/],
    ["the @peculiar/x509 'CRL' label", formatPem("CRL", der), /must be "X509 CRL"/],
    ["garbage text", "hello, I am not a CRL", /garbage/],
    ["garbage bytes", Buffer.from([0xde, 0xad, 0xbe, 0xef]), /garbage/],
    ["truncated DER", der.subarray(0, der.length - 20), /not a valid CRL: .*truncated/],
    ["empty input", Buffer.alloc(0), /empty/],
    ["a certificate as DER", parseCertificate(ca.der).raw, /not a valid CRL/],
  ];
  test("rejects what is not a CRL with a message saying what it is", () => {
    for (const [name, input, re] of REJECTS) assert.throws(() => parseCrl(input), notACrl(re), name);
    assert.equal(REJECTS.length, 8);
  });

  const unknownCritical = { oid: "1.3.6.1.4.1.99999.7", critical: true, value: Buffer.from([5, 0]) };
  const QUIRKS: [string, () => Promise<Buffer>, RegExp][] = [
    [
      "critical cRLNumber",
      () => forgeCrl({ issuer: ca, crlNumber: 1, crlNumberCritical: true }),
      /cRLNumber is marked critical/,
    ],
    [
      "unknown critical CRL extension",
      () => forgeCrl({ issuer: ca, crlNumber: 1, extra: [unknownCritical] }),
      /unknown critical CRL extension 1\.3\.6\.1\.4\.1\.99999\.7/,
    ],
    [
      "unknown critical entry extension",
      () =>
        forgeCrl({ issuer: ca, crlNumber: 1, entries: [{ serialHex: "01", extensions: [unknownCritical] }] }),
      /unknown critical entry extension/,
    ],
    [
      "delta CRL",
      () =>
        forgeCrl({
          issuer: ca,
          crlNumber: 2,
          extra: [{ oid: "2.5.29.27", critical: true, value: encodeTlv(TAG.INTEGER, Buffer.from([1])) }],
        }),
      /delta CRLs are not supported/,
    ],
    [
      "indirect CRL entry",
      () =>
        forgeCrl({
          issuer: ca,
          crlNumber: 1,
          entries: [
            {
              serialHex: "01",
              extensions: [{ oid: "2.5.29.29", critical: true, value: Buffer.from("3000", "hex") }],
            },
          ],
        }),
      /certificateIssuer/,
    ],
  ];
  test("rejects CRLs it cannot honour safely", async () => {
    for (const [name, make, re] of QUIRKS) {
      const input = await make();
      assert.throws(() => parseCrl(input), notACrl(re), name);
    }
    assert.equal(QUIRKS.length, 5);
  });

  test("parseCrlBundle reads several PEM CRLs, one DER CRL, or nothing", async () => {
    const second = await forgeCrl({ issuer: ca, crlNumber: 8 });
    const text = formatPem("X509 CRL", der) + formatPem("X509 CRL", second);
    assert.deepEqual(
      parseCrlBundle(text).map((c) => c.number),
      [7n, 8n],
    );
    assert.deepEqual(
      parseCrlBundle(der).map((c) => c.number),
      [7n],
    );
    assert.deepEqual(parseCrlBundle(""), []);
    assert.deepEqual(parseCrlBundle(Buffer.from("\n")), []);
    assert.throws(
      () => parseCrlBundle(text + fixturePem("root-ca.cert.pem")),
      notACrl(/block 3 is a CERTIFICATE PEM block/),
    );
    assert.throws(() => parseCrlBundle("garbage"), notACrl(/garbage/));
  });

  test("a CRL without cRLNumber parses with a warning", async () => {
    const crl = parseCrl(await forgeCrl({ issuer: ca }));
    assert.equal(crl.number, undefined);
    assert.match(crl.warnings.join(), /no cRLNumber/);
  });

  test("verifyCrlSignature checks names, cRLSign and the signature", async () => {
    const crl = parseCrl(der);
    assert.deepEqual(verifyCrlSignature(crl, ca.der), { ok: true });
    const impostor = await forge({ subject: "O=Example, CN=CRL CA", ca: true, key: forgeKey() });
    assert.match(verifyCrlSignature(crl, impostor.der).ok ? "" : "bad", /bad/);
    const r1 = verifyCrlSignature(crl, impostor.der);
    assert.match(r1.ok ? "" : r1.reason, /does not verify with the key of "CN=CRL CA,O=Example"/);
    const other = await forge({ subject: "CN=Other CA", ca: true });
    const r2 = verifyCrlSignature(crl, other.der);
    assert.match(r2.ok ? "" : r2.reason, /is not the certificate's subject/);
    const noCrlSign = await forge({
      subject: "O=Example, CN=CRL CA",
      ca: true,
      key: ca.key,
      keyUsage: ["keyCertSign"],
    });
    const r3 = verifyCrlSignature(crl, noCrlSign.der);
    assert.match(r3.ok ? "" : r3.reason, /without cRLSign/);
  });
});
