// The flags of `anchorage quickstart`, validated before anything starts.
import { isAbsolute, resolve } from "node:path";

export const DEFAULT_QUICKSTART_DIR = "./anchorage-quickstart";
export const DEFAULT_QUICKSTART_REGION = "us-east-1";

export interface QuickstartFlags {
  readonly dir?: string;
  readonly port?: string;
  readonly region?: string;
  readonly keepRunning?: boolean;
}

export interface QuickstartSettings {
  /** Absolute: it ends up in the printed ~/.aws/config lines. */
  readonly dir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly region: string;
  readonly keepRunning: boolean;
}

/** A bad flag: exit 2. */
export class QuickstartUsageError extends Error {
  override readonly name = "QuickstartUsageError";
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * @example
 * quickstartSettings({ port: "7911" }, "/home/me") // { dir: "/home/me/anchorage-quickstart", port: 7911, … }
 */
export function quickstartSettings(flags: QuickstartFlags, cwd: string): QuickstartSettings {
  const dir = flags.dir ?? DEFAULT_QUICKSTART_DIR;
  if (dir.trim() === "") throw new QuickstartUsageError("--dir must not be empty");
  let port = 0;
  if (flags.port !== undefined) {
    port = /^\d{1,5}$/.test(flags.port) ? Number(flags.port) : Number.NaN;
    if (!Number.isInteger(port) || port > 65535)
      throw new QuickstartUsageError(
        `--port must be a port number from 0 to 65535 (0 picks a free one), got ${JSON.stringify(flags.port)}`,
      );
  }
  const region = flags.region ?? DEFAULT_QUICKSTART_REGION;
  if (!REGION.test(region))
    throw new QuickstartUsageError(
      `--region must be an AWS region name such as us-east-1, got ${JSON.stringify(region)}`,
    );
  return {
    dir: isAbsolute(dir) ? resolve(dir) : resolve(cwd, dir),
    port,
    region,
    keepRunning: flags.keepRunning === true,
  };
}
