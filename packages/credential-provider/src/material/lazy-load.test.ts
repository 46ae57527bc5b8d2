import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import test from "node:test";
import { fixture, pki, REPO_ROOT } from "./fixture-files.js";

// Runs in a fresh process: which modules are loaded depends on everything imported before.
const script = (steps: string) => `
  import { createRequire } from "node:module";
  const cache = createRequire(import.meta.url).cache;
  const heavy = () => Object.keys(cache).filter((k) => k.includes("@peculiar")).length;
  const { loadSigningMaterial } = await import(${JSON.stringify(new URL("./index.ts", import.meta.url).href)});
  const report = [heavy()];
  ${steps}
  console.log(JSON.stringify(report));
`;

function run(steps: string): number[] {
  const child = spawnSync(
    process.execPath,
    ["--conditions=@anchorage/source", "--import", "tsx", "--input-type=module", "-e", script(steps)],
    { cwd: REPO_ROOT, encoding: "utf8" },
  );
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as number[];
}

test("importing the loader and loading PEM files leaves the PKCS#12 library unloaded; a PKCS#12 input loads it", () => {
  const [atImport, afterPem, afterP12] = run(`
    await loadSigningMaterial({ certificate: ${JSON.stringify(pki("client-rsa.cert.pem"))}, privateKey: ${JSON.stringify(pki("client-rsa.key.enc-pkcs8.pem"))}, intermediates: ${JSON.stringify(pki("chain-intermediate-root.pem"))}, passphrase: "test-password", env: {} });
    report.push(heavy());
    await loadSigningMaterial({ certificate: ${JSON.stringify(fixture("client-rsa.p12"))}, passphrase: "test-password", env: {} });
    report.push(heavy());
  `);
  assert.equal(atImport, 0);
  assert.equal(afterPem, 0);
  assert.ok(afterP12! > 0, "the PKCS#12 path really loads @peculiar modules (so the check above can fail)");
});
