// Runs the whole test suite with node's built-in test runner: every `*.test.ts` beside the
// sources (packages/*/src) and the end-to-end tests in test/. TypeScript is loaded through tsx,
// and workspace packages resolve to their sources via the "@anchorage/source" export condition.
//
//   node scripts/test.mjs                 # everything
//   node scripts/test.mjs packages/policy # only test files under the given paths
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const SKIP_DIRS = new Set(["node_modules", "dist", "fixtures", ".git", ".tmp"]);

function collect(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) collect(join(dir, entry.name), out);
    } else if (entry.name.endsWith(".test.ts")) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

const requested = process.argv.slice(2).map((p) => resolve(p));
const roots = requested.length > 0 ? requested : [join(root, "packages"), join(root, "test")];
const files = roots
  .flatMap((p) => (statSync(p).isDirectory() ? collect(p, []) : [p]))
  .sort()
  .map((f) => relative(root, f));
if (files.length === 0) {
  console.error(`no *.test.ts files under ${roots.map((r) => relative(root, r) || ".").join(", ")}`);
  process.exit(1);
}

const args = [
  "--conditions=@anchorage/source",
  "--import",
  "tsx",
  "--test",
  `--test-concurrency=${Math.max(2, availableParallelism())}`,
  ...files,
];
const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env });
const forward = (signal) => child.kill(signal);
process.on("SIGINT", forward);
process.on("SIGTERM", forward);
child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
