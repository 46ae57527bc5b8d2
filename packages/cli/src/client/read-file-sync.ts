import type { ReadFile } from "@anchorage/credential-provider";

/** Larger files are refused, as the library's reader refuses them: keys and certificates are small. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * The CLI's file reader for key and certificate files: synchronous, which for a few small files in a
 * short-lived process saves the thread-pool round trips of the asynchronous reader (the library keeps
 * the asynchronous one: it runs inside servers). Works for pipes such as `<(vault read …)`; more than
 * `maxBytes` rejects with `code: "EFBIG"`; other failures reject with the system error (ENOENT…).
 */
export function readFileSyncBounded(maxBytes = MAX_FILE_BYTES): ReadFile {
  return async (path) => {
    // process.getBuiltinModule: no ES module facade for node:fs on the hot path.
    const fs = process.getBuiltinModule("node:fs");
    const fd = fs.openSync(path, "r");
    try {
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
        const read = fs.readSync(fd, chunk, 0, chunk.length, null);
        if (read === 0) break;
        chunks.push(chunk.subarray(0, read));
        total += read;
        if (total > maxBytes) {
          throw Object.assign(new Error(`${path} is larger than ${maxBytes} bytes`), { code: "EFBIG" });
        }
      }
      return Buffer.concat(chunks, total);
    } finally {
      fs.closeSync(fd);
    }
  };
}
