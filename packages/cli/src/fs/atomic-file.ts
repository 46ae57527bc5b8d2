// Files written whole or not at all, with an explicit mode: the PKI commands' keys and certificates
// and `update`'s shared credentials file. The same technique as the server's writeFileAtomic
// (@anchorage/server, account/atomic-file.ts); the CLI keeps this small copy because importing
// @anchorage/server would load fastify and the storage drivers into these commands.
import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Modes of the files the CLI writes: secrets (keys, credentials) and public files. */
export const SECRET_FILE_MODE = 0o600;
export const PUBLIC_FILE_MODE = 0o644;

/**
 * Writes `data` to `path` atomically with `mode`: a temporary file beside it is written, flushed
 * and renamed over `path`, so readers see the old or the new content, never a part. The temporary
 * file is removed when anything fails.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode); // the umask may have narrowed the mode given to open
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
