// The quickstart's CA and client certificate in a real temporary folder.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ensureCa, ensureClientCertificate, pkiPaths, QuickstartMaterialError } from "./pki-material.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const now = () => NOW;
const root = mkdtempSync(join(tmpdir(), "anchorage-qs-pki-"));
after(() => rmSync(root, { recursive: true, force: true }));

test("created once, then reused; a client certificate that cannot be reused is issued again", async () => {
  const paths = pkiPaths(join(root, "a"));
  assert.equal((await ensureCa(paths, now)).action, "created");
  assert.equal((await ensureClientCertificate(paths, now)).action, "created");
  const cert = readFileSync(paths.clientCert, "utf8");
  assert.equal((await ensureCa(paths, now)).action, "reused");
  assert.equal((await ensureClientCertificate(paths, now)).action, "reused");
  assert.equal(readFileSync(paths.clientCert, "utf8"), cert);

  // Close to its expiry (365 days), it is issued again.
  const later = new Date(NOW.getTime() + 364.5 * 86_400_000);
  const renewed = await ensureClientCertificate(paths, () => later);
  assert.deepEqual([renewed.action, /it expires on/.test(renewed.detail)], ["re-issued", true]);

  // A certificate of another CA in its place is not reused.
  const other = pkiPaths(join(root, "b"));
  await ensureCa(other, now);
  await ensureClientCertificate(other, now);
  copyFileSync(other.clientCert, paths.clientCert);
  copyFileSync(other.clientKey, paths.clientKey);
  const replaced = await ensureClientCertificate(paths, now);
  assert.deepEqual([replaced.action, /not issued by this CA/.test(replaced.detail)], ["re-issued", true]);
});

test("a CA that cannot be reused is an error, never silently replaced", async () => {
  const paths = pkiPaths(join(root, "c"));
  await ensureCa(paths, now);
  const other = pkiPaths(join(root, "d"));
  await ensureCa(other, now);
  writeFileSync(paths.caKey, readFileSync(other.caKey));
  await assert.rejects(
    ensureCa(paths, now),
    (e: unknown) =>
      e instanceof QuickstartMaterialError &&
      /its key is not the certificate's; delete the quickstart folder/.test(e.message),
  );
  rmSync(paths.caKey);
  await assert.rejects(
    ensureCa(paths, now),
    (e: unknown) => e instanceof QuickstartMaterialError && /certificate without its key/.test(e.message),
  );
});
