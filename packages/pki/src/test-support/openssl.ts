// Runs the openssl CLI (when it is on PATH) on files written to a temporary directory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const OPENSSL_AVAILABLE: boolean =
  spawnSync("openssl", ["version"], { encoding: "utf8" }).status === 0;
export const SKIP_WITHOUT_OPENSSL: string | false = OPENSSL_AVAILABLE
  ? false
  : "openssl is not on PATH; skipping the cross-check";

/** Writes `files`, runs `openssl ...args` (file names in args are replaced by their paths), cleans up. */
export function openssl(
  args: readonly string[],
  files: Readonly<Record<string, string>>,
): { status: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "pki-openssl-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const r = spawnSync(
      "openssl",
      args.map((a) => (a in files ? join(dir, a) : a)),
      { encoding: "utf8" },
    );
    return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds since the epoch, for `openssl verify -attime`. */
export const epoch = (d: Date): string => String(Math.floor(d.getTime() / 1000));
