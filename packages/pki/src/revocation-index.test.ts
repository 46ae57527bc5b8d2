import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCertificate } from "./certificate.js";
import { parseCrl } from "./crl.js";
import { RevocationIndex } from "./revocation-index.js";
import { forge, forgeCrl } from "./test-support/forge.js";

test("RevocationIndex: lookups by issuer name and serial, duplicates, staleness", async () => {
  const a = await forge({ subject: "CN=Issuer A", ca: true });
  const b = await forge({ subject: "CN=Issuer B", ca: true });
  const crlA = parseCrl(
    await forgeCrl({
      issuer: a,
      crlNumber: 1,
      entries: [{ serialHex: "1234" }, { serialHex: "5678", reason: 8 }],
      nextUpdate: new Date("2026-03-01T00:00:00Z"),
    }),
  );
  const crlB = parseCrl(
    await forgeCrl({
      issuer: b,
      crlNumber: 1,
      entries: [{ serialHex: "9999" }],
      nextUpdate: new Date("2026-01-15T00:00:00Z"),
    }),
  );
  const index = new RevocationIndex([crlA, crlB, crlA]);
  assert.equal(index.size, 2, "the same CRL twice is indexed once");

  const leafA = parseCertificate((await forge({ subject: "CN=a", issuer: a, serialHex: "1234" })).der);
  const leafB = parseCertificate((await forge({ subject: "CN=b", issuer: b, serialHex: "1234" })).der);
  assert.equal(index.lookup(leafA).length, 1);
  assert.equal(index.lookup(leafA)[0]!.crl, crlA);
  assert.equal(index.lookup(leafB).length, 0, "same serial, other issuer");
  const removed = parseCertificate((await forge({ subject: "CN=c", issuer: a, serialHex: "5678" })).der);
  assert.equal(index.lookup(removed).length, 0, "removeFromCRL entries do not revoke");
  assert.deepEqual(index.crlsFor(leafA.issuer.key), [crlA]);

  const stale = index.stale(new Date("2026-02-01T00:00:00Z"));
  assert.deepEqual(
    stale.map((s) => s.crl.issuer.text),
    ["CN=Issuer B"],
  );
});
