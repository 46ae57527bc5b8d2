// Shared by the pki-*.test.ts end-to-end tests: run the real `anchorage` binary (the bundle that
// `npm run build` writes) in a temporary folder, and openssl when it is installed.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../packages/cli/bin/anchorage.js", import.meta.url));
export const REPO = fileURLToPath(new URL("../../", import.meta.url));

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of every run: no passphrase or AWS credentials leak in from the caller's. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(AWS_|ANCHORAGE_)/.test(k) && v !== undefined) env[k] = v;
  return { ...env, HOME: join(tmpdir(), "anchorage-e2e-no-home"), ...extra };
}

/** Runs `anchorage args…` in `cwd`; stdin is not a terminal. */
export function anchorage(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: cleanEnv(env),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like {@link anchorage}, without blocking the event loop (for tests that serve HTTP in-process). */
export function anchorageAsync(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: cleanEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export const tempDir = (name: string): string => mkdtempSync(join(tmpdir(), `anchorage-${name}-`));

/** Whether `openssl` runs; tests that need it skip with this message otherwise. */
export const OPENSSL_MISSING: string | false =
  spawnSync("openssl", ["version"], { encoding: "utf8" }).status === 0 ? false : "openssl is not installed";

export function openssl(cwd: string, args: readonly string[]): Run {
  const r = spawnSync("openssl", args, { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A failure is one line on stderr, without a stack trace. */
export function oneLine(run: Run): string {
  const lines = run.stderr.split("\n").filter((l) => l !== "");
  if (lines.length !== 1 || /^\s+at /m.test(run.stderr))
    throw new Error(`expected one line on stderr, got:\n${run.stderr}`);
  return lines[0]!;
}

/** Flips one bit of the byte `fromEnd` bytes before the end of a PEM block's DER. */
export function flipPemByte(path: string, out: string, fromEnd: number): void {
  const text = readFileSync(path, "utf8");
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (m === null) throw new Error(`${path} holds no PEM block`);
  const der = Buffer.from(m[2]!.replace(/\s+/g, ""), "base64");
  der[der.length - fromEnd] = der[der.length - fromEnd]! ^ 0x01;
  const b64 = der.toString("base64").replace(/.{64}/g, "$&\n");
  writeFileSync(
    out,
    `-----BEGIN ${m[1]}-----\n${b64}${b64.endsWith("\n") ? "" : "\n"}-----END ${m[1]}-----\n`,
  );
}
