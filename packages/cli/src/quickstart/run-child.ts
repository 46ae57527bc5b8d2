// Runs a child process (credential-process, the AWS CLI) without blocking the event loop — the
// server it talks to runs in this process — with a time limit and bounded output.
import { spawn } from "node:child_process";

export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The program is not installed (spawn failed with ENOENT). */
export class ChildNotFound extends Error {
  override readonly name = "ChildNotFound";
}

const MAX_OUTPUT = 1024 * 1024;

export function runChild(
  argv: readonly string[],
  options: { readonly env: NodeJS.ProcessEnv; readonly timeoutMs: number },
): Promise<ChildResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError("runChild needs a program");
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const take = (into: "out" | "err") => (chunk: Buffer) => {
      if (into === "out") stdout = (stdout + chunk.toString("utf8")).slice(0, MAX_OUTPUT);
      else stderr = (stderr + chunk.toString("utf8")).slice(0, MAX_OUTPUT);
    };
    child.stdout.on("data", take("out"));
    child.stderr.on("data", take("err"));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === "ENOENT"
          ? new ChildNotFound(`${file} is not installed (not on PATH)`, { cause: error })
          : error,
      );
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
