import assert from "node:assert/strict";
import test from "node:test";
import { children, encodingOf, readTlv, valueOf } from "./der.js";
import { pemCertificateDer, pki, readFixture } from "./fixture-files.js";
import { loadSigningMaterial } from "./load-signing-material.js";

const length = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let x = n; x > 0; x >>>= 8) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const definite = (tag: number, content: Buffer) =>
  Buffer.concat([Buffer.from([tag]), length(content.length), content]);
const indefinite = (tag: number, ...parts: Buffer[]) =>
  Buffer.concat([Buffer.from([tag, 0x80]), ...parts, Buffer.alloc(2)]);

/**
 * Re-encodes a DER PFX the way Windows and Java write them: indefinite lengths, and the
 * authenticated safe as a constructed OCTET STRING in 1000-byte segments. The MAC covers the
 * OCTET STRING's contents, so it still verifies.
 */
function asBer(der: Buffer): Buffer {
  const [version, authSafe, macData] = children(der, readTlv(der, 0));
  const [contentType, explicit] = children(der, authSafe!);
  const content = valueOf(der, children(der, explicit!)[0]!);
  const segments: Buffer[] = [];
  for (let at = 0; at < content.length; at += 1000)
    segments.push(definite(0x04, content.subarray(at, at + 1000)));
  const berAuthSafe = indefinite(
    0x30,
    encodingOf(der, contentType!),
    indefinite(0xa0, indefinite(0x24, ...segments)),
  );
  return indefinite(0x30, encodingOf(der, version!), berAuthSafe, encodingOf(der, macData!));
}

test("a BER-encoded PKCS#12 bundle (indefinite lengths, segmented OCTET STRING) loads like its DER form", async () => {
  const names = ["client-rsa.p12", "client-rsa.legacy.p12"];
  assert.equal(names.length, 2);
  for (const name of names) {
    const ber = asBer(readFixture(name));
    assert.equal(ber[1], 0x80, name);
    const m = await loadSigningMaterial({
      certificate: ber,
      passphrase: "test-password",
      env: {},
      stdinIsTTY: () => false,
    });
    assert.equal(m.certificate.serialDecimal, "4098", name);
    assert.deepEqual(
      m.chain,
      [pemCertificateDer(pki("intermediate-ca.cert.pem")), pemCertificateDer(pki("root-ca.cert.pem"))],
      name,
    );
  }
});
