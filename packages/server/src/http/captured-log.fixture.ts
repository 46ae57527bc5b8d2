// Test support: a pino logger whose JSON lines a test can read back (the server's request log,
// refusal lines, warnings), for the app tests and the in-process session servers.
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";

export interface CapturedLog {
  /** Logs at `info` and above into memory. */
  readonly logger: Logger;
  /** Every line so far, joined by newlines. */
  text(): string;
  /** Every line so far, parsed. */
  records(): Record<string, unknown>[];
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString("utf8")
          .split("\n")
          .filter((l) => l !== ""),
      );
      done();
    },
  });
  return {
    logger: pino({ level: "info" }, stream),
    text: () => lines.join("\n"),
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
