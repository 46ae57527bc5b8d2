// Files written whole or not at all, with an explicit mode: the server's admin credentials, and the
// CLI's keys, certificates and shared credentials file. Exported alone as
// `@anchorage/server/atomic-file`, so the CLI's commands can use it without loading the server.
import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Modes of the files we write: secrets (keys, credentials) and public files (certificates, CRLs). */
export const SECRET_FILE_MODE = 0o600;
export const PUBLIC_FILE_MODE = 0o644;

/**
 * Writes `data` to `path` atomically with `mode` (0600 unless given): a temporary file beside it is written,
 * flushed and then renamed over `path`, so readers see the old or the new content, never a part.
 * The temporary file is removed when anything fails.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  mode = SECRET_FILE_MODE,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode); // the umask may have narrowed or widened the mode given to open
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
