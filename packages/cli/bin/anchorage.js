#!/usr/bin/env node
// Launcher for the `anchorage` (alias `aws_signing_helper`) command. CommonJS on purpose (see
// ./package.json): `credential-process`, which the AWS CLI and SDKs run before their calls, is
// require()d from its own CommonJS bundle so it starts without the ES module loader; every other
// command loads the ES module bundle that `npm run build` writes.
"use strict";
/* global require */

const notBuilt = () => {
  process.stderr.write("anchorage: the CLI is not built yet; run `npm run build` in the repository first\n");
  process.exit(1);
};
const args = process.argv.slice(2);
if (args[0] === "credential-process" && !args.includes("--help") && !args.includes("-h")) {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("../dist/bundle/credential-process.cjs");
  } catch (error) {
    if (error?.code === "MODULE_NOT_FOUND" && String(error.message).includes("credential-process.cjs"))
      notBuilt();
    throw error;
  }
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
