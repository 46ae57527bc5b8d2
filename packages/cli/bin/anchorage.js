#!/usr/bin/env node
// Launcher for the `anchorage` (alias `aws_signing_helper`) command. CommonJS on purpose (see
// ./package.json): `credential-process`, which the AWS CLI and SDKs run before their calls, runs from
// its own CommonJS bundle so it starts without the ES module loader; every other command loads the
// ES module bundle that `npm run build` writes.
"use strict";
/* global require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher */

const notBuilt = () => {
  process.stderr.write("anchorage: the CLI is not built yet; run `npm run build` in the repository first\n");
  process.exit(1);
};

/**
 * Runs dist/bundle/credential-process.cjs with a V8 code cache beside it, so later runs skip
 * compiling the bundle and the functions it runs (node 20 has no module compile cache). The cache is
 * keyed by the bundle's SHA-256 and the node build: V8 itself checks only the source's length. It is
 * written once, atomically, when the directory is writable; otherwise every run just compiles.
 */
function runCredentialProcess() {
  const fs = require("node:fs");
  const path = require("node:path");
  const bundle = path.join(__dirname, "..", "dist", "bundle", "credential-process.cjs");
  let source;
  try {
    source = fs.readFileSync(bundle, "utf8");
  } catch (error) {
    if (error?.code === "ENOENT") notBuilt();
    throw error;
  }
  const { createHash } = require("node:crypto");
  const Module = require("node:module");
  const { Script } = require("node:vm");
  const key = createHash("sha256")
    .update(`${process.version} ${process.arch}\n`)
    .update(source)
    .digest("hex")
    .slice(0, 24);
  const cacheFile = `${bundle}.${key}.v8cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // none yet, or unreadable: compile as usual
  }
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once("exit", () => {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o644 });
        fs.renameSync(temporary, cacheFile);
      } catch (error) {
        fs.rmSync(temporary, { force: true });
        if (process.env.ANCHORAGE_DEBUG_STACK === "1")
          process.stderr.write(`anchorage: no code cache: ${error}\n`);
      }
    });
  }
  const module = { exports: {}, filename: bundle };
  script
    .runInThisContext()
    .call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
}

const args = process.argv.slice(2);
if (args[0] === "credential-process" && !args.includes("--help") && !args.includes("-h")) {
  runCredentialProcess();
} else {
  import("../dist/bundle/anchorage.js").catch((error) => {
    if (
      error?.code === "ERR_MODULE_NOT_FOUND" &&
      String(error.message).includes("dist/bundle/anchorage.js")
    ) {
      notBuilt();
    }
    throw error;
  });
}
