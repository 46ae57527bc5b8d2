// What the scripts that provide the tests' services (postgres.mjs, softhsm.mjs) share: finding
// commands on PATH, running them, and installing Debian packages with apt-get (as root, or through
// non-interactive sudo) when something is missing.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** Whether `path` is an executable file (false when it does not exist or is not ours to run). */
export function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch (error) {
    if (error.code === "ENOENT" || error.code === "EACCES" || error.code === "ENOTDIR") return false;
    throw error;
  }
}

/** The first executable `name` on PATH, or undefined. */
export function onPath(name, path = process.env.PATH) {
  for (const dir of (path ?? "").split(delimiter)) {
    if (dir !== "" && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * Runs a command to completion. Its output is captured (`quiet`, the default) or passed through to
 * our stderr; a command that cannot start is `ok: false` with the reason as its output.
 *
 * @returns {{ ok: boolean, output: string }}
 */
export function runCommand(command, args, { env, input, cwd, quiet = true } = {}) {
  const result = spawnSync(command, args, {
    env: env ?? process.env,
    ...(cwd === undefined ? {} : { cwd }),
    ...(input === undefined ? {} : { input }),
    stdio: [input === undefined ? "ignore" : "pipe", quiet ? "pipe" : 2, quiet ? "pipe" : 2],
    encoding: "utf8",
  });
  if (result.error !== undefined) return { ok: false, output: result.error.message };
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() };
}

/** Whether we run as root. */
export const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/**
 * Installs Debian `packages` with apt-get, as root or through `sudo -n`; when the install fails,
 * runs `apt-get update` and tries once more. `missing` names what was not found, for the errors;
 * `log` takes progress lines.
 * With `showOutput`, apt-get's progress goes to stderr (and errors point at it); otherwise errors
 * carry its last lines. Throws with the reason when it cannot install.
 */
export function installDebianPackages(
  packages,
  { missing, log, showOutput = false, path = process.env.PATH },
) {
  const names = packages.join(" ");
  const aptGet = onPath("apt-get", path);
  if (aptGet === undefined)
    throw new Error(`${missing} is not installed and apt-get is not available to install it`);
  let prefix = [];
  if (!isRoot()) {
    if (onPath("sudo", path) === undefined || !runCommand("sudo", ["-n", "true"]).ok) {
      throw new Error(
        `${missing} is not installed; installing it needs root or passwordless sudo (apt-get install ${names})`,
      );
    }
    prefix = ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive"];
  }
  const env = { ...process.env, PATH: path, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (args) => {
    const [command, ...rest] = [...prefix, aptGet, ...args];
    return runCommand(command, rest, { env, quiet: !showOutput });
  };
  const failed = (what, result) =>
    new Error(
      showOutput
        ? `${what} failed; see its output above`
        : `${what} failed: ${result.output.split("\n").slice(-3).join(" ")}`,
    );
  const install = ["install", "-y", "--no-install-recommends", ...packages];
  if (apt(install).ok) return;
  log("apt-get install failed; running apt-get update and trying again");
  const update = apt(["update"]);
  if (!update.ok) throw failed("apt-get update", update);
  const retry = apt(install);
  if (!retry.ok) throw failed(`apt-get install ${names}`, retry);
}
