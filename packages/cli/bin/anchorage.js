#!/usr/bin/env node
// Launcher for the `anchorage` (alias `aws_signing_helper`) command. It loads the esbuild bundle
// that `npm run build` writes, so `credential-process` starts without loading the rest of the CLI.
import("../dist/bundle/anchorage.js").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/bundle/anchorage.js")) {
    process.stderr.write(
      "anchorage: the CLI is not built yet; run `npm run build` in the repository first\n",
    );
    process.exit(1);
  }
  throw error;
});
