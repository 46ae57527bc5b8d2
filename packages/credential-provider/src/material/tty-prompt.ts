/** The terminal side the prompt reads from: `process.stdin` in production. */
export type PromptInput = NodeJS.ReadableStream & { setRawMode?: (mode: boolean) => unknown };
/** Where the question goes: `process.stderr`, so stdout stays clean for credential_process. */
export type PromptOutput = { write(text: string): unknown };

/**
 * Asks `question` on `output` and reads one line from `input` with echo turned off (raw mode).
 * Backspace and Ctrl-U edit, Enter or Ctrl-D finish, Ctrl-C rejects. Only call it when `input` is a
 * terminal: on a pipe, raw mode does not exist and the answer would be echoed.
 */
export function ttyPrompt(
  question: string,
  input: PromptInput = process.stdin,
  output: PromptOutput = process.stderr,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let answer = "";
    const finish = (error?: Error) => {
      input.removeListener("data", onData);
      input.removeListener("end", onEnd);
      input.removeListener("error", onError);
      input.setRawMode?.(false);
      input.pause();
      output.write("\n");
      if (error === undefined) resolve(answer);
      else reject(error);
    };
    const onData = (chunk: string | Buffer) => {
      for (const ch of String(chunk)) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return finish();
        if (ch === "\u0003") return finish(new Error("cancelled with Ctrl-C"));
        if (ch === "\u007f" || ch === "\b") answer = [...answer].slice(0, -1).join("");
        else if (ch === "\u0015") answer = "";
        else if (ch >= " ") answer += ch;
      }
    };
    const onEnd = () => finish();
    const onError = (e: Error) => finish(e);
    // Echo off before the question shows: an answer typed the moment it appears is never echoed.
    input.setRawMode?.(true);
    output.write(question);
    input.setEncoding("utf8");
    input.on("data", onData);
    input.on("end", onEnd);
    input.on("error", onError);
    input.resume();
  });
}
