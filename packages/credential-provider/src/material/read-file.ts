import { open } from "node:fs/promises";
import { MAX_INPUT_BYTES } from "./constants.js";

/** The file-reading seam: resolves to the file's bytes, or rejects with a Node.js system error. */
export type ReadFile = (path: string) => Promise<Buffer>;

/**
 * Reads a whole file, refusing more than `maxBytes`. Works for regular files and for pipes such as
 * `--private-key <(vault read …)`, whose size is unknown up front; a device that never ends (say
 * `/dev/zero`) is cut off at the limit. Over the limit it rejects with an error whose `code` is
 * `EFBIG`.
 */
export async function readBoundedFile(path: string, maxBytes = MAX_INPUT_BYTES): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) {
        throw Object.assign(new Error(`${path} is larger than ${maxBytes} bytes`), { code: "EFBIG" });
      }
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}
