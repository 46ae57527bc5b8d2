import { createHash } from "node:crypto";
import { readFileSync, statSync, watch } from "node:fs";
import type { FSWatcher } from "node:fs";
import { basename, dirname, resolve } from "node:path";

/** What is known of one watched file. `missing` while it does not exist (mid-rotation). */
export type FileState =
  | { readonly kind: "missing" }
  | {
      readonly kind: "file";
      readonly size: number;
      readonly mtimeMs: number;
      readonly ino: number;
      readonly sha256: string;
    };

/** Largest file hashed (certificates and keys are small; a larger file is compared by stat only). */
const MAX_HASHED_BYTES = 1024 * 1024;

/**
 * The state of a file now. `previous` saves the hash when size, mtime and inode are unchanged (a
 * touch-free file is not read again).
 */
export function fileState(path: string, previous?: FileState): FileState {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    throw error;
  }
  if (
    previous?.kind === "file" &&
    previous.size === stat.size &&
    previous.mtimeMs === stat.mtimeMs &&
    previous.ino === stat.ino
  )
    return previous;
  const sha256 =
    stat.size > MAX_HASHED_BYTES
      ? `stat:${stat.size}:${stat.mtimeMs}:${stat.ino}`
      : createHash("sha256").update(readFileSync(path)).digest("hex");
  return { kind: "file", size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, sha256 };
}

/** True when the content (or existence) differs; a touch or an identical rewrite is no change. */
export const contentChanged = (a: FileState, b: FileState): boolean =>
  a.kind !== b.kind || (a.kind === "file" && b.kind === "file" && a.sha256 !== b.sha256);

export interface MaterialWatchOptions {
  /** Called with the paths whose content changed (all present again), after the debounce. */
  readonly onChange: (changed: readonly string[]) => void;
  readonly log: (line: string) => void;
  /** Wait this long after the last event before comparing (a rotation writes several files). Default 250 ms. */
  readonly debounceMs?: number;
  /** Compare also on this interval, in case file events are lost (network file systems). Default 30 s. */
  readonly pollMs?: number;
}

/**
 * Watches the certificate, key and chain files for rotation. It watches their DIRECTORIES (a file
 * replaced by rename — how certbot, cert-manager and `mv` rotate — keeps a watch on the old inode
 * otherwise), waits for the writes to settle, and reports the files whose content changed. While a
 * file is missing (deleted before its replacement arrives) nothing is reported for it. A poll backs
 * up lost events.
 */
export function watchMaterial(paths: readonly string[], options: MaterialWatchOptions): { close(): void } {
  const files = [...new Set(paths.map((p) => resolve(p)))];
  const states = new Map(files.map((f) => [f, fileState(f)]));
  const debounceMs = options.debounceMs ?? 250;
  let timer: NodeJS.Timeout | undefined;

  const compare = (): void => {
    timer = undefined;
    const changed: string[] = [];
    for (const file of files) {
      const before = states.get(file)!;
      let after: FileState;
      try {
        after = fileState(file, before);
      } catch (error) {
        options.log(`cannot read ${file} to check for rotation: ${(error as Error).message}`);
        continue;
      }
      states.set(file, after);
      if (contentChanged(before, after) && after.kind === "file") changed.push(file);
    }
    if (changed.length > 0 && files.every((f) => states.get(f)?.kind === "file")) options.onChange(changed);
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(compare, debounceMs);
    timer.unref();
  };

  const watchers: FSWatcher[] = [];
  for (const dir of new Set(files.map((f) => dirname(f)))) {
    const names = new Set(files.filter((f) => dirname(f) === dir).map((f) => basename(f)));
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        if (name === null || names.has(String(name))) schedule();
      });
      w.on("error", (error) => options.log(`watching ${dir} failed: ${error.message}; polling only`));
      watchers.push(w);
    } catch (error) {
      options.log(`cannot watch ${dir} (${(error as Error).message}); polling only`);
    }
  }
  const poll = setInterval(compare, options.pollMs ?? 30_000);
  poll.unref();
  return {
    close() {
      clearInterval(poll);
      if (timer !== undefined) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
