// Reading the files a command line names: one clear usage error (exit 2) for a missing,
// unreadable or oversized file, naming the flag.
import { readFile, stat } from "node:fs/promises";
import { usageError } from "./cli-error.js";

/** Largest input file read (certificates, bundles, CRLs, CSRs, keys, index). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** Reads `path` named by `what` (e.g. `--anchor ca.pem`); throws a usage error saying why not. */
export async function readInputFile(path: string, what: string): Promise<Buffer> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw usageError(`${what}: ${path} is a directory, not a file`);
    if (s.size > MAX_INPUT_BYTES)
      throw usageError(`${what}: ${path} is larger than ${MAX_INPUT_BYTES} bytes`);
    return await readFile(path);
  } catch (error) {
    if (error instanceof Error && error.name === "CliError") throw error;
    throw usageError(`${what}: cannot read ${path}: ${describeFsError(error)}`, error);
  }
}

/** `no such file`, `permission denied`, … for an fs error. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    case "ENOTDIR":
      return "a parent is not a directory";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
