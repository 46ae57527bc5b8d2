import { isAbsolute, join } from "node:path";

/** The cache's folder name under the user's cache directory. */
export const CACHE_DIR_NAME = "anchorage";

/**
 * The per-user cache directory: `$XDG_CACHE_HOME/anchorage` when `XDG_CACHE_HOME` is an absolute
 * path (the XDG base-directory rule: a relative value is ignored), else `<home>/.cache/anchorage`.
 *
 * @example
 * defaultCacheDir({ XDG_CACHE_HOME: "/run/user/1000/cache" }, "/home/ada") // "/run/user/1000/cache/anchorage"
 * defaultCacheDir({}, "/home/ada") // "/home/ada/.cache/anchorage"
 */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== "" && isAbsolute(xdg)) return join(xdg, CACHE_DIR_NAME);
  return join(home, ".cache", CACHE_DIR_NAME);
}
