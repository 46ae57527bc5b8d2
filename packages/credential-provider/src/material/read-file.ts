import { MAX_INPUT_BYTES } from "./constants.js";

/** The file-reading seam: resolves to the file's bytes, or rejects with a Node.js system error. */
export type ReadFile = (path: string) => Promise<Buffer>;

// node:fs's callback API through process.getBuiltinModule, not node:fs/promises nor `import "node:fs"`:
// loading fs/promises (and the readline code it pulls in) or building node:fs's ES module facade
// costs milliseconds on the credential-process hot path.
const fs = () => process.getBuiltinModule("node:fs");
const openFile = (path: string): Promise<number> =>
  new Promise((resolve, reject) => fs().open(path, "r", (e, fd) => (e ? reject(e) : resolve(fd))));
const readInto = (fd: number, buffer: Buffer): Promise<number> =>
  new Promise((resolve, reject) =>
    fs().read(fd, buffer, 0, buffer.length, null, (e, bytesRead) => (e ? reject(e) : resolve(bytesRead))),
  );
const closeFile = (fd: number): Promise<void> =>
  new Promise((resolve, reject) => fs().close(fd, (e) => (e ? reject(e) : resolve())));

/**
 * Reads a whole file, refusing more than `maxBytes`. Works for regular files and for pipes such as
 * `--private-key <(vault read …)`, whose size is unknown up front; a device that never ends (say
 * `/dev/zero`) is cut off at the limit. Over the limit it rejects with an error whose `code` is
 * `EFBIG`.
 */
export async function readBoundedFile(path: string, maxBytes = MAX_INPUT_BYTES): Promise<Buffer> {
  const fd = await openFile(path);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const bytesRead = await readInto(fd, chunk);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) {
        throw Object.assign(new Error(`${path} is larger than ${maxBytes} bytes`), { code: "EFBIG" });
      }
    }
    return Buffer.concat(chunks, total);
  } finally {
    await closeFile(fd);
  }
}
