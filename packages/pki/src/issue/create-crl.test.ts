import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseCrl } from "../crl.js";
import { PkiError } from "../errors.js";
import { parseCertificatePems } from "../pem.js";
import { RevocationIndex } from "../revocation-index.js";
import { SKIP_WITHOUT_OPENSSL, epoch, openssl } from "../test-support/openssl.js";
import { createTrustAnchorSet } from "../trust-anchors.js";
import { validatePath } from "../validate-path.js";
import { createCa } from "./create-ca.js";
import { createCrl } from "./create-crl.js";
import { issueCertificate } from "./issue-certificate.js";

const NOW = new Date("2026-01-01T00:00:00Z");
const WEEK = new Date("2026-01-08T00:00:00Z");

describe("createCrl", async () => {
  const root = await createCa({ keyType: "p256", subject: { CN: "CRL Root" }, validityDays: 3650, now: NOW });
  const ca = { certPem: root.certPem, keyPem: root.keyPem };
  const revoked = await issueCertificate({
    ca,
    subject: { CN: "revoked" },
    keyType: "p256",
    validityDays: 30,
    now: NOW,
  });
  const good = await issueCertificate({
    ca,
    subject: { CN: "good" },
    keyType: "p256",
    validityDays: 30,
    now: NOW,
  });
  const crl = await createCrl({
    ca,
    entries: [
      { serialHex: revoked.serialHex, revokedAt: NOW, reason: "keyCompromise" },
      { serialHex: "80", revokedAt: NOW },
    ],
    thisUpdate: NOW,
    nextUpdate: WEEK,
    crlNumber: 258,
  });

  test("X509 CRL PEM with cRLNumber, AKI, and a reasonCode only where a reason is given", () => {
    assert.match(crl.pem, /^-----BEGIN X509 CRL-----\n/);
    const p = parseCrl(crl.pem);
    assert.equal(p.number, 258n);
    assert.ok(p.authorityKeyId);
    assert.equal(p.issuer.text, "CN=CRL Root");
    assert.deepEqual(
      p.entries.map((e) => [e.serialHex, e.reason]),
      [
        [revoked.serialHex, "keyCompromise"],
        ["80", undefined],
      ],
    );
    assert.deepEqual(p.warnings, []);
    assert.ok(!crl.der.includes(Buffer.from("30023000", "hex")), "no empty entry extension SEQUENCE");
  });

  test("the path validator honours it", () => {
    const anchors = createTrustAnchorSet(parseCertificatePems(root.certPem));
    const revocation = new RevocationIndex([parseCrl(crl.der)]);
    const r = validatePath({
      leaf: parseCertificatePems(revoked.certPem)[0]!,
      intermediates: [],
      anchors,
      time: NOW,
      revocation,
    });
    assert.equal(!r.ok && r.code, "Revoked");
    assert.ok(
      validatePath({
        leaf: parseCertificatePems(good.certPem)[0]!,
        intermediates: [],
        anchors,
        time: NOW,
        revocation,
      }).ok,
    );
  });

  test(
    "openssl reads and verifies it, and refuses the revoked certificate",
    { skip: SKIP_WITHOUT_OPENSSL },
    () => {
      const files = {
        "ca.pem": root.certPem,
        "crl.pem": crl.pem,
        "revoked.pem": revoked.certPem,
        "good.pem": good.certPem,
      };
      const read = openssl(["crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout", "-text"], files);
      assert.equal(read.status, 0, read.output);
      assert.match(read.output, /verify OK/);
      assert.match(read.output, /Key Compromise/);
      const at = epoch(new Date(NOW.getTime() + 60_000));
      const bad = openssl(
        ["verify", "-attime", at, "-crl_check", "-CRLfile", "crl.pem", "-CAfile", "ca.pem", "revoked.pem"],
        files,
      );
      assert.notEqual(bad.status, 0);
      assert.match(bad.output, /certificate revoked/);
      const ok = openssl(
        ["verify", "-attime", at, "-crl_check", "-CRLfile", "crl.pem", "-CAfile", "ca.pem", "good.pem"],
        files,
      );
      assert.equal(ok.status, 0, ok.output);
    },
  );

  test("bad requests", async () => {
    const invalid = (re: RegExp) => (e: unknown) =>
      e instanceof PkiError && e.code === "InvalidIssuanceRequest" && re.test(e.message);
    await assert.rejects(
      createCrl({ ca, entries: [], thisUpdate: WEEK, nextUpdate: NOW, crlNumber: 1 }),
      invalid(/nextUpdate must be after/),
    );
    await assert.rejects(
      createCrl({
        ca,
        entries: [
          { serialHex: "01", revokedAt: NOW },
          { serialHex: "0001", revokedAt: NOW },
        ],
        thisUpdate: NOW,
        nextUpdate: WEEK,
        crlNumber: 1,
      }),
      invalid(/listed twice/),
    );
    await assert.rejects(
      createCrl({ ca, entries: [], thisUpdate: NOW, nextUpdate: WEEK, crlNumber: -1 }),
      invalid(/crlNumber/),
    );
    await assert.rejects(
      createCrl({
        ca,
        entries: [{ serialHex: "xyz", revokedAt: NOW }],
        thisUpdate: NOW,
        nextUpdate: WEEK,
        crlNumber: 1,
      }),
      invalid(/positive hexadecimal/),
    );
  });
});
