import assert from "node:assert/strict";
import test from "node:test";
import { parseLeafCertificate } from "./certificate.js";
import { pemCertificateDer, pki, summarySerials } from "./fixture-files.js";

test("every certificate of the shared PKI gets the decimal serial of SUMMARY.tsv (sigv4-x509's serialHexToDecimal)", () => {
  const serials = summarySerials();
  for (const [name, decimal] of serials) {
    const certificate = parseLeafCertificate(
      pemCertificateDer(pki(`${name}.cert.pem`)),
      name,
      "--certificate",
    );
    assert.equal(certificate.serialDecimal, decimal, name);
    assert.equal(BigInt(`0x${certificate.serialHex}`).toString(), decimal, name);
  }
  assert.equal(serials.size, 7);
  assert.equal(serials.get("client-rsa-bigserial"), "525452525453412685876607641946733580990149624323");
});
