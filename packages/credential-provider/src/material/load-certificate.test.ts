import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { fixture, OTHER_COMMANDS_JSON, pemCertificateDer, pki } from "./fixture-files.js";
import { loadCertificateOnly } from "./load-certificate.js";

interface ReadCertificateDataRecord {
  readonly argv: readonly string[];
  readonly exitCode: number;
  readonly stdoutUtf8: string;
}

test("read-certificate-data vectors: serial, DER and key type as AWS's helper prints them", async () => {
  const all = (
    JSON.parse(readFileSync(OTHER_COMMANDS_JSON, "utf8")) as {
      readCertificateData: ReadCertificateDataRecord[];
    }
  ).readCertificateData;
  const records = all.filter((r) => r.exitCode === 0);
  for (const r of records) {
    const path = pki(r.argv[r.argv.indexOf("--certificate") + 1]!.replace(/^pki\//, ""));
    const expected = JSON.parse(r.stdoutUtf8) as {
      keyType: string;
      certificateData: string;
      serialNumber: string;
    };
    const { certificate } = await loadCertificateOnly({
      certificate: path,
      env: {},
      stdinIsTTY: () => false,
    });
    assert.equal(certificate.serialDecimal, expected.serialNumber, path);
    assert.equal(certificate.der.toString("base64"), expected.certificateData, path);
    assert.equal(certificate.keyType, expected.keyType, path);
  }
  assert.equal(records.length, 6);
  const missing = all.find((r) => r.exitCode !== 0);
  await assert.rejects(loadCertificateOnly({ certificate: pki("nope.pem") }), {
    code: "FileNotFound",
    message: /nope\.pem does not exist/,
  });
  assert.ok(missing !== undefined);
});

test("a bundle reports its first certificate and keeps the others; PKCS#12 needs its password", async () => {
  const full = await loadCertificateOnly({ certificate: fixture("client-rsa.fullchain.pem") });
  assert.equal(full.certificate.serialDecimal, "4098");
  assert.deepEqual(full.otherCertificates, [
    pemCertificateDer(pki("intermediate-ca.cert.pem")),
    pemCertificateDer(pki("root-ca.cert.pem")),
  ]);
  assert.deepEqual(full.source, {
    certificate: fixture("client-rsa.fullchain.pem"),
    certificateFormat: "PEM",
  });

  const p12 = await loadCertificateOnly({
    certificate: fixture("client-ec-p256.p12"),
    env: { ANCHORAGE_PASSPHRASE: "test-password" },
  });
  assert.deepEqual(
    [p12.certificate.curve, p12.certificate.serialDecimal, p12.otherCertificates.length],
    ["P-256", "4099", 1],
  );
  await assert.rejects(
    loadCertificateOnly({ certificate: fixture("client-ec-p256.p12"), env: {}, stdinIsTTY: () => false }),
    {
      code: "Pkcs12NeedsPassphrase",
    },
  );
});
