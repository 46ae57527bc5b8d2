// Bundles the CLI with esbuild: one small entry chunk for the hot client commands; everything
// heavy (server, PKI issuance, storage drivers) sits behind dynamic imports in separate chunks.
// npm dependencies stay external (resolved from node_modules at run time); our own workspace
// packages are bundled from source through the "@anchorage/source" export condition.
import { build } from "esbuild";
import { renameSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const finalDir = `${root}packages/cli/dist/bundle`;
// Build beside the live bundle, then swap it in: a CLI started during a rebuild (tests running
// while someone builds) finds either the old bundle or the new one, never a half-written one.
const outdir = `${finalDir}.building-${process.pid}`;

/** @type {import("esbuild").Plugin} */
const externalizeNpm = {
  name: "externalize-npm",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@anchorage/") || args.path.startsWith("node:")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
try {
  await build({
    absWorkingDir: root,
    entryPoints: { anchorage: "packages/cli/src/main.ts" },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.19",
    conditions: ["@anchorage/source"],
    chunkNames: "chunks/[name]-[hash]",
    plugins: [externalizeNpm],
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
  });

  // The credential-process hot path, on its own and as CommonJS: bin/anchorage.js require()s it, so a
  // credential_process run never starts the ES module loader (which alone costs more than the rest of
  // the command's start-up). Dynamic imports (the PKCS#12 reader) stay lazy inside the file.
  await build({
    absWorkingDir: root,
    entryPoints: { "credential-process": "packages/cli/src/credential-process-main.ts" },
    outdir,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20.19",
    conditions: ["@anchorage/source"],
    plugins: [externalizeNpm],
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
  });
} catch (error) {
  rmSync(outdir, { recursive: true, force: true });
  throw error;
}
const retired = `${finalDir}.old-${process.pid}`;
try {
  renameSync(finalDir, retired);
} catch (error) {
  if (error.code !== "ENOENT") throw error;
}
renameSync(outdir, finalDir);
rmSync(retired, { recursive: true, force: true });
