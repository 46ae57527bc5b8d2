// The real AWS CLI (`aws`), as the end-to-end tests drive it: whether this machine has it, and one
// way to run it with an environment of the test's choosing.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";

const probe = spawnSync("aws", ["--version"], { encoding: "utf8" });
/** Why the AWS CLI tests cannot run here, or false. */
export const AWS_CLI_MISSING: string | false =
  probe.error !== undefined || probe.status !== 0
    ? "the AWS CLI (`aws`) is not installed; install it to run this test"
    : false;

/** What one `aws` run did. */
export interface AwsCliRun {
  /** The exit code; -1 when it was killed (the timeout) or could not start. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `aws …args` asynchronously (the endpoint it calls may live in this process) with `env` and
 * nothing else of this process's environment but PATH, and PYENV_ROOT for an `aws` installed with
 * pyenv: no credentials, config file or profile of the machine leak in. Killed after `timeoutMs`.
 */
export async function runAwsCli(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs = 60_000,
): Promise<AwsCliRun> {
  const child = spawn("aws", [...args], {
    env: {
      PATH: process.env.PATH ?? "",
      ...(process.env.PYENV_ROOT === undefined ? {} : { PYENV_ROOT: process.env.PYENV_ROOT }),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: timeoutMs,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const [code] = (await once(child, "close")) as [number | null];
  return { code: code ?? -1, stdout, stderr };
}

/** The parsed JSON `aws … --output json` printed (`{}` for no output). */
export function awsJsonOutput(run: AwsCliRun): Record<string, unknown> {
  return run.stdout.trim() === "" ? {} : (JSON.parse(run.stdout) as Record<string, unknown>);
}
