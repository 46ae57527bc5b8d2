// SoftHSM2 for the PKCS#11 tests: finds softhsm2-util, pkcs11-tool and the module, installs the Debian
// packages `softhsm2` and `opensc` with apt-get when they are missing (as root, or through
// non-interactive sudo), and makes throwaway tokens in a temporary directory (SOFTHSM2_CONF points
// there, so nothing touches the system's tokens).
//
//   node scripts/softhsm.mjs check     # prints the module path; installs the packages when needed
//
// scripts/test.mjs calls `ensureSoftHsm()` before a run that includes PKCS#11 tests and fails loudly
// when SoftHSM cannot be provided: those tests never skip under `npm test`. The tests import
// `createToken()` and `importObjects()` to make a token holding a key and its certificate.
import { createPrivateKey } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { installDebianPackages, onPath, runCommand } from "./system.mjs";

export const SOFTHSM_MODULE_VARIABLE = "ANCHORAGE_TEST_PKCS11_MODULE";
const MODULE_PATHS = [
  "/usr/lib/softhsm/libsofthsm2.so",
  "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
  "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
  "/usr/local/lib/softhsm/libsofthsm2.so",
];
const defaultLog = (line) => process.stderr.write(`[softhsm] ${line}\n`);

/** The SoftHSM tools and module, or undefined when something is missing. */
export function findSoftHsm() {
  const util = onPath("softhsm2-util");
  const tool = onPath("pkcs11-tool");
  const module = MODULE_PATHS.find((p) => existsSync(p));
  return util && tool && module ? { util, tool, module } : undefined;
}

/** Installs softhsm2 and opensc; throws with the reason when it cannot. */
function install(log) {
  log(
    "softhsm2-util, pkcs11-tool or the SoftHSM module not found: installing the Debian packages softhsm2 and opensc",
  );
  installDebianPackages(["softhsm2", "opensc"], { missing: "SoftHSM2", log });
}

/**
 * SoftHSM's tools and module, installed first when missing.
 *
 * @returns {{ util: string, tool: string, module: string }}
 */
export function ensureSoftHsm({ log = defaultLog } = {}) {
  const found = findSoftHsm();
  if (found !== undefined) return found;
  install(log);
  const after = findSoftHsm();
  if (after === undefined)
    throw new Error(
      "softhsm2 and opensc were installed but softhsm2-util, pkcs11-tool or libsofthsm2.so is still missing",
    );
  return after;
}

/**
 * A fresh token in its own temporary directory. Returns the environment to use it with
 * (`SOFTHSM2_CONF`), the module path and the PINs.
 */
export function createToken({ label = "anchorage-test", pin = "1234", soPin = "12345678", dir } = {}) {
  const softhsm = ensureSoftHsm();
  const base = dir ?? mkdtempSync(join(tmpdir(), "anchorage-softhsm-"));
  const tokens = join(base, "tokens");
  mkdirSync(tokens, { recursive: true });
  const conf = join(base, "softhsm2.conf");
  writeFileSync(
    conf,
    `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
  );
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const init = runCommand(
    softhsm.util,
    ["--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", soPin],
    { env },
  );
  if (!init.ok) throw new Error(`softhsm2-util --init-token failed: ${init.output}`);
  return { dir: base, conf, env: { SOFTHSM2_CONF: conf }, module: softhsm.module, label, pin };
}

/** `pkcs11-tool --write-object file --type type` into the token, under one CKA_ID and label. */
function writeObject(softhsm, token, { file, type, idHex, label, flags = [] }) {
  const args = [
    "--module",
    softhsm.module,
    "--token-label",
    token.label,
    "--login",
    "--pin",
    token.pin,
    "--write-object",
    file,
    "--type",
    type,
    "--id",
    idHex,
    "--label",
    label,
    ...flags,
  ];
  const result = runCommand(softhsm.tool, args, { env: { ...process.env, ...token.env } });
  if (!result.ok)
    throw new Error(
      `pkcs11-tool --write-object ${[...flags, "--type", type].join(" ")} failed: ${result.output}`,
    );
}

/**
 * Imports a PKCS#8 PEM private key and its certificate (DER or PEM file) into a token under one
 * CKA_ID and label, as a provisioning tool would.
 */
export function importObjects(token, { keyPem, certificate, idHex, label }) {
  const softhsm = ensureSoftHsm();
  const env = { ...process.env, ...token.env };
  const key = runCommand(
    softhsm.util,
    ["--import", keyPem, "--token", token.label, "--label", label, "--id", idHex, "--pin", token.pin],
    { env },
  );
  if (!key.ok) throw new Error(`softhsm2-util --import failed: ${key.output}`);
  writeObject(softhsm, token, { file: certificate, type: "cert", idHex, label });
}

/**
 * Imports a private key that asks for its PIN at every use (CKA_ALWAYS_AUTHENTICATE), as some smart
 * cards keep their signing keys; `pkcs11-tool --write-object --always-auth` (softhsm2-util cannot).
 */
export function importAlwaysAuthKey(token, { keyPem, idHex, label }) {
  const softhsm = ensureSoftHsm();
  const der = join(token.dir, `${label}.key.der`);
  writeFileSync(der, createPrivateKey(readFileSync(keyPem)).export({ type: "pkcs8", format: "der" }), {
    mode: 0o600,
  });
  writeObject(softhsm, token, {
    file: der,
    type: "privkey",
    idHex,
    label,
    flags: ["--always-auth", "--usage-sign"],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command !== "check") {
    process.stderr.write("usage: node scripts/softhsm.mjs check\n");
    process.exit(2);
  }
  try {
    const found = ensureSoftHsm();
    process.stdout.write(`${SOFTHSM_MODULE_VARIABLE}=${found.module}\n`);
  } catch (error) {
    process.stderr.write(`[softhsm] ${error.message}\n`);
    process.exit(1);
  }
}
