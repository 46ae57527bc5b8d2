// The validation entry point must not load @peculiar/x509 (or its reflect-metadata polyfill):
// a child process with a resolve hook that refuses them imports "@anchorage/pki" and validates.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const HOOK = `export async function resolve(s, c, next) {
  if (s.startsWith("@peculiar/x509") || s === "reflect-metadata") throw new Error("REFUSED " + s);
  return next(s, c);
}`;
const REGISTER = `import { register } from "node:module"; register("data:text/javascript," + encodeURIComponent(${JSON.stringify(HOOK)}));`;
const SCRIPT = `
const pki = await import("@anchorage/pki");
const fs = await import("node:fs");
const pem = (f) => fs.readFileSync("test/fixtures/createsession/pki/" + f, "utf8");
const anchors = pki.parseTrustAnchorBundle(pem("root-ca.cert.pem"));
const r = pki.validatePath({ leaf: pki.parseCertificatePems(pem("client-rsa.cert.pem"))[0], intermediates: pki.parseCertificatePems(pem("intermediate-ca.cert.pem")), anchors, time: new Date("2030-01-01T00:00:00Z") });
console.log("validated:" + r.ok);
try { await pki.loadIssuance(); console.log("issuance loaded"); } catch (e) { console.log("issuance refused:" + /REFUSED/.test(String(e))); }
`;

test("importing @anchorage/pki and validating loads neither @peculiar/x509 nor reflect-metadata", () => {
  const r = spawnSync(
    process.execPath,
    [
      "--conditions=@anchorage/source",
      "--import",
      "tsx",
      "--import",
      `data:text/javascript,${encodeURIComponent(REGISTER)}`,
      "--input-type=module",
      "-e",
      SCRIPT,
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /validated:true/);
  assert.match(r.stdout, /issuance refused:true/, "the hook is active: loading issuance is refused");
});
