/** A writable stream, as far as the client commands use one. */
export interface Output {
  write(chunk: string | Uint8Array): unknown;
}

/** The side effects a client command has: its output streams and the environment. */
export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Writes straight to a file descriptor (what `process.stdout` does for files and pipes on Linux, minus
 * building the stream). Falls back to the stream when the descriptor is non-blocking and full.
 */
function fdOutput(fd: 1 | 2, stream: () => NodeJS.WriteStream): Output {
  return {
    write(chunk) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      let offset = 0;
      try {
        // process.getBuiltinModule: `import "node:fs"` would build fs's ES module facade (milliseconds).
        const { writeSync } = process.getBuiltinModule("node:fs");
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
        stream().write(bytes.subarray(offset));
      }
      return true;
    },
  };
}

/** The real process's output and environment (the CLI's composition root passes these). */
export const processIo = (): CliIo => ({
  stdout: fdOutput(1, () => process.stdout),
  stderr: fdOutput(2, () => process.stderr),
  env: process.env,
});
