// Entry point of the credential-process hot path: bundled ON ITS OWN as CommonJS
// (dist/bundle/credential-process.cjs, see scripts/bundle.mjs) and started by bin/anchorage.js
// without the ES module loader, whose start-up alone costs about as much as everything the command
// does (measured: 8 ms for one ES module against 1 ms for one CommonJS file). It holds the flag
// parser (util.parseArgs over the same table commander uses), sigv4-x509, key loading and the
// CreateSession client, and loads nothing else: no commander, no other command.
import { credentialProcessFromArgv } from "./client/credential-process-argv.js";

credentialProcessFromArgv(process.argv.slice(3)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `anchorage credential-process: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
