// Test support for the PKCS#11 tests: one SoftHSM2 token (scripts/softhsm.mjs installs SoftHSM when
// missing and fails loudly when it cannot) holding the shared test PKI's keys and certificates.
import { createToken, importAlwaysAuthKey, importObjects } from "../../scripts/softhsm.mjs";
import type { SoftHsmToken } from "../../scripts/softhsm.mjs";
import { pki } from "./serve-harness.js";

export { pki };

/** What the token holds: CKA_ID (hex) → the PKI name of its key and certificate. */
export const OBJECTS = [
  { idHex: "01", label: "client-rsa", name: "client-rsa", serial: "4098" },
  { idHex: "02", label: "client-ec", name: "client-ec-p256", serial: "4099" },
  { idHex: "03", label: "client-ec-p384", name: "client-ec-p384", serial: "4100" },
] as const;
/** A P-384 key (client-ec-p384's) that wants its PIN at every use; no certificate beside it. */
export const ALWAYS_AUTH = { idHex: "05", label: "always-auth", name: "client-ec-p384" } as const;

/** Makes the token (once per test file). Use `token.env` (SOFTHSM2_CONF) with whatever loads the module. */
export function makeToken(): SoftHsmToken {
  const token = createToken({ label: "anchorage-test", pin: "1234" });
  for (const o of OBJECTS)
    importObjects(token, {
      keyPem: pki(`${o.name}.key.pem`),
      certificate: pki(`${o.name}.cert.pem`),
      idHex: o.idHex,
      label: o.label,
    });
  importAlwaysAuthKey(token, {
    keyPem: pki(`${ALWAYS_AUTH.name}.key.pem`),
    idHex: ALWAYS_AUTH.idHex,
    label: ALWAYS_AUTH.label,
  });
  return token;
}

/** `pkcs11:token=anchorage-test;id=%NN;type=…` with optional query. */
export const uri = (idHex: string, type: "cert" | "private", query = ""): string =>
  `pkcs11:token=anchorage-test;id=%${idHex};type=${type}${query === "" ? "" : `?${query}`}`;
