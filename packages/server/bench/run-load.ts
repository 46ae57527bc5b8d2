// The HTTP side of the server benchmarks (`bench:authorize`, `bench:sessions`): load-client.mjs in a
// child process (so the server and the clients do not share one event loop) sends one request
// back to back over keep-alive connections; the counts come back with this (the server's) process's
// CPU time per request.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** One run of the load generator. */
export interface Load {
  readonly requests: number;
  readonly errors: number;
  readonly statuses: Record<string, number>;
  readonly seconds: number;
  /** CPU time of this (the server's) process per request during the run, in µs (all its threads). */
  readonly cpuMicros: number;
}

/** The one request the load generator repeats. */
export interface LoadRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Sends `request` over `concurrency` keep-alive connections for `seconds`. */
export function runLoad(
  request: LoadRequest,
  { concurrency, seconds }: { readonly concurrency: number; readonly seconds: number },
): Promise<Load> {
  const cpu = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const child = fork(
      fileURLToPath(new URL("./load-client.mjs", import.meta.url)),
      [
        request.url,
        request.method,
        JSON.stringify(request.headers),
        request.body,
        String(concurrency),
        String(seconds),
      ],
      { stdio: ["ignore", "pipe", "inherit", "ipc"], execArgv: [] },
    );
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("error", reject);
    child.on("close", () => {
      const used = process.cpuUsage(cpu);
      const counts = JSON.parse(out) as Omit<Load, "cpuMicros">;
      resolve({ ...counts, cpuMicros: (used.user + used.system) / Math.max(1, counts.requests) });
    });
  });
}

/** Requests per second of a run. */
export const requestRate = (l: Load): number => l.requests / l.seconds;
